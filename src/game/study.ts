import type { Card } from '../decks/types';
import { answerGroupKey } from './grading';

/**
 * The study sheet of a finished game (issue 12 item 8): for each question the deck's reference answer, its key
 * ideas in plain words, and the room's most common wrong answers. Pure: stored rows and cards in, items out.
 */

export const STUDY_IDEAS_MAX = 6;
export const STUDY_WRONG_MAX = 3;

export interface StudyQuestionInput {
  index: number;
  cardId: string;
  kind: string;
  prompt: string;
  skipped: boolean;
  /** The options as asked (choice questions), to name a wrong pick by its text. */
  choices: readonly { id: string; text: string }[];
}

export interface StudyAnswerInput {
  questionIndex: number;
  choiceId: string | null;
  text: string | null;
  verdict: string;
}

export interface StudyItem {
  index: number;
  prompt: string;
  kind: string;
  skipped: boolean;
  /** The deck's reference answer (Markdown as the deck wrote it); null when the card is gone from the deck. */
  reference: string | null;
  keyIdeas: string[];
  /** Other short answers the grader accepts. */
  accepted: string[];
  /** The room's most common wrong answers, most common first. */
  wrong: { text: string; count: number }[];
  answered: number;
  correct: number;
}

/** Markdown's inline marks removed: `**x**`, `` `x` ``, `[x](url)` read as x. */
function plain(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/(^|\s)[*_]([^*_]+)[*_](?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

const BULLET = /^(?:[*\-•]|\d+[.)])\s+/;

/**
 * Key ideas in plain words: the card's own `Idea:` labels when it has them (what the grader looks for);
 * otherwise the reference answer's bullet points, else its first sentences (the grader derives its ideas from
 * the same parts, docs/GRADING.md).
 */
export function keyIdeasOf(card: Card): string[] {
  if (card.ideas && card.ideas.length > 0) return card.ideas.slice(0, STUDY_IDEAS_MAX).map((i) => plain(i.label));
  const lines = card.answer.split('\n').map((l) => l.trim());
  const bullets = lines.filter((l) => BULLET.test(l)).map((l) => plain(l.replace(BULLET, '')));
  const parts =
    bullets.length > 0
      ? bullets
      : lines
          .filter((l) => l !== '')
          .flatMap((l) => l.split(/(?<=[.!?;])\s+/))
          .map(plain);
  return parts
    .filter((p) => p.length > 0)
    .slice(0, STUDY_IDEAS_MAX)
    .map((p) => (p.length > 160 ? `${p.slice(0, 157)}…` : p));
}

/** The most common wrong answers to one question: choices by their text, typed answers grouped by spelling. */
export function commonWrongAnswers(
  q: StudyQuestionInput,
  answers: readonly StudyAnswerInput[],
  max = STUDY_WRONG_MAX,
): { text: string; count: number }[] {
  const choiceText = new Map(q.choices.map((c) => [c.id, c.text]));
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const a of answers) {
    if (a.questionIndex !== q.index || a.verdict !== 'incorrect') continue;
    const text = a.choiceId !== null ? (choiceText.get(a.choiceId) ?? null) : a.text;
    if (text === null || text.trim() === '') continue;
    const key = a.choiceId !== null ? `choice:${a.choiceId}` : answerGroupKey(text) || text.toLowerCase();
    let g = groups.get(key);
    if (!g) {
      g = { count: 0, spellings: new Map() };
      groups.set(key, g);
    }
    g.count += 1;
    g.spellings.set(text, (g.spellings.get(text) ?? 0) + 1);
  }
  return [...groups.values()]
    .map((g) => ({
      text: [...g.spellings.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? '',
      count: g.count,
    }))
    .sort((x, y) => y.count - x.count || x.text.localeCompare(y.text))
    .slice(0, max);
}

/** The whole sheet, in the order the questions were asked. */
export function studySheet(
  questions: readonly StudyQuestionInput[],
  cards: ReadonlyMap<string, Card>,
  answers: readonly StudyAnswerInput[],
): StudyItem[] {
  const byQuestion = new Map<number, StudyAnswerInput[]>();
  for (const a of answers) {
    const list = byQuestion.get(a.questionIndex);
    if (list) list.push(a);
    else byQuestion.set(a.questionIndex, [a]);
  }
  return [...questions]
    .sort((a, b) => a.index - b.index)
    .map((q) => {
      const card = cards.get(q.cardId);
      const mine = byQuestion.get(q.index) ?? [];
      return {
        index: q.index,
        prompt: q.prompt,
        kind: q.kind,
        skipped: q.skipped,
        reference: card?.answer ?? null,
        keyIdeas: card ? keyIdeasOf(card) : [],
        accepted: (card?.accept ?? []).slice(0, 6),
        wrong: q.skipped ? [] : commonWrongAnswers(q, mine),
        answered: mine.length,
        correct: mine.filter((a) => a.verdict === 'correct').length,
      };
    });
}
