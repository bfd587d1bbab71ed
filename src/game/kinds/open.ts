import type { GameCard } from '../types';
import { CHOICE_IDS, shuffle } from '../questions';
import type { QuestionKind } from './kind';

/** What a question of one of the new kinds shows, and its right answer (kept on the server until the reveal). */
export interface KindQuestion {
  choices: { id: string; text: string }[];
  /** One right option (true/false). */
  correctChoiceId: string | null;
  /** Several: the right set (multi-select, sorted) or the right sequence (ordering). */
  correctIds: string[] | null;
}

/** The two options of a true/false question, always in this order so "True" is always on the same side. */
export const TRUE_FALSE = [
  { id: 't', text: 'True' },
  { id: 'f', text: 'False' },
] as const;

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => CHOICE_IDS[i] ?? `x${i}`);
}

/**
 * Builds a question of a kind other than choice or text [R12.2]. Ids follow the order shown, never the right
 * order: an ordering question's items are shuffled first and named a, b, c... after, so neither the ids nor
 * the order shown tell the answer (a shuffle that happens to be the right order is turned by one).
 * Returns null when the card cannot be asked as that kind (the caller falls back to text).
 */
export function openKind(kind: Exclude<QuestionKind, 'choice' | 'text'>, gameCard: GameCard, rng: () => number): KindQuestion | null {
  const card = gameCard.card;
  switch (kind) {
    case 'truefalse':
      if (card.truth === undefined) return null;
      return { choices: TRUE_FALSE.map((c) => ({ ...c })), correctChoiceId: card.truth ? 't' : 'f', correctIds: null };
    case 'multi': {
      if (!card.choices) return null;
      const shown = shuffle(card.choices, rng);
      const named = ids(shown.length);
      return {
        choices: shown.map((c, i) => ({ id: named[i] as string, text: c.text })),
        correctChoiceId: null,
        correctIds: named.filter((_, i) => shown[i]?.correct === true),
      };
    }
    case 'poll': {
      if (!card.choices) return null;
      // A poll's options keep the deck's order: scales ("never ... always") read in order, and nothing is hidden.
      const named = ids(card.choices.length);
      return { choices: card.choices.map((c, i) => ({ id: named[i] as string, text: c.text })), correctChoiceId: null, correctIds: null };
    }
    case 'order': {
      const items = card.order;
      if (!items || items.length < 2) return null;
      let shown = shuffle(items.map((text, rightIndex) => ({ text, rightIndex })), rng);
      if (shown.every((it, i) => it.rightIndex === i)) shown = [...shown.slice(1), ...shown.slice(0, 1)];
      const named = ids(shown.length);
      const byRight = shown.map((it, i) => ({ id: named[i] as string, rightIndex: it.rightIndex })).sort((a, b) => a.rightIndex - b.rightIndex);
      return {
        choices: shown.map((it, i) => ({ id: named[i] as string, text: it.text })),
        correctChoiceId: null,
        correctIds: byRight.map((b) => b.id),
      };
    }
    case 'number':
      return card.number === undefined ? null : { choices: [], correctChoiceId: null, correctIds: null };
    case 'cloud':
      return { choices: [], correctChoiceId: null, correctIds: null };
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/**
 * The right answer of a multi-select or ordering question asked earlier, worked out again from the card and the
 * options as they were shown (stored by text), for a room rebuilt after a restart [R8.3]. Null for other kinds
 * or when the shown options no longer match the card.
 */
export function correctIdsAgain(kind: QuestionKind, card: GameCard['card'], shown: readonly { id: string; text: string }[]): string[] | null {
  const idOf = new Map(shown.map((c) => [c.text, c.id]));
  if (kind === 'multi' && card.choices) {
    const right = card.choices.filter((c) => c.correct).map((c) => idOf.get(c.text));
    return right.every((id): id is string => id !== undefined) ? right : null;
  }
  if (kind === 'order' && card.order) {
    const seq = card.order.map((text) => idOf.get(text));
    return seq.length === shown.length && seq.every((id): id is string => id !== undefined) ? seq : null;
  }
  return null;
}
