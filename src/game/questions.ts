import type { Card } from '../decks/types';
import { kindFor } from './kinds/kind';
import type { ChoiceOption, GameCard, QuestionKind, RoomMode } from './types';

export const CHOICE_IDS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
const DRAWN_CHOICES = 4;
const MAX_CHOICE_CHARS = 140;

/** Fisher-Yates with the caller's random source (deterministic in tests). */
export function shuffle<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** The question kind for a card in a room mode [R3.2, R12.1]: mixed follows the card's `Mode:`, else alternates. */
export function questionKind(mode: RoomMode, card: Card, index: number): QuestionKind {
  return kindFor(mode, card, index);
}

/** A card's answer as one short option: its first accepted answer, else its reference answer's first sentence. */
export function shortAnswer(card: Card): string {
  const accepted = card.accept?.[0];
  if (accepted) return accepted;
  const firstLine = card.answer.split('\n').find((l) => l.trim() !== '') ?? card.answer;
  const sentence = firstLine.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? firstLine;
  const clean = sentence.trim();
  return clean.length > MAX_CHOICE_CHARS ? `${clean.slice(0, MAX_CHOICE_CHARS - 1).trimEnd()}…` : clean;
}

/**
 * The answer to show for an open-text question: its first accepted answer, else its key ideas
 * ("own IP per Pod · direct, no NAT"), else the reference answer's first sentence.
 */
export function textAnswerSummary(card: Card): string {
  const accepted = card.accept?.[0];
  if (accepted) return accepted;
  if (card.ideas && card.ideas.length > 0) return card.ideas.map((i) => i.label).join(' · ');
  return shortAnswer(card);
}

/**
 * Options for a multiple-choice question [R3.3]: the card's curated choices, or its short answer plus
 * distractors drawn from other cards' short answers; shuffled per question.
 */
export function buildChoices(
  gameCard: GameCard,
  pool: Iterable<GameCard>,
  rng: () => number,
): { choices: ChoiceOption[]; correctChoiceId: string } {
  let texts: { text: string; correct: boolean }[];
  if (gameCard.card.choices) {
    texts = gameCard.card.choices.map((c) => ({ text: c.text, correct: c.correct }));
  } else {
    const correct = shortAnswer(gameCard.card);
    const seen = new Set([correct.toLowerCase()]);
    const candidates: string[] = [];
    for (const other of pool) {
      if (other.id === gameCard.id) continue;
      const t = shortAnswer(other.card);
      if (seen.has(t.toLowerCase())) continue;
      seen.add(t.toLowerCase());
      candidates.push(t);
    }
    const distractors = shuffle(candidates, rng).slice(0, DRAWN_CHOICES - 1);
    texts = [{ text: correct, correct: true }, ...distractors.map((text) => ({ text, correct: false }))];
  }
  const shuffled = shuffle(texts, rng);
  let correctChoiceId = '';
  const choices = shuffled.map((c, i) => {
    const id = CHOICE_IDS[i] ?? `x${i}`;
    if (c.correct) correctChoiceId = id;
    return { id, text: c.text };
  });
  return { choices, correctChoiceId };
}
