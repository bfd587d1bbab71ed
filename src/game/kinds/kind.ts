import type { Card } from '../../decks/types';

/**
 * The kinds of question [R12]. `choice` and `text` are the classic two; the others come from a card's `Mode:`
 * (docs/DECKS.md). Kept apart from the reducer so the kinds grow here and the reducer only dispatches.
 */
export const QUESTION_KINDS = ['choice', 'text', 'order', 'multi', 'number', 'truefalse', 'poll', 'cloud'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The room's mode ("mixed" lets each card choose). */
export type KindRoomMode = 'choice' | 'text' | 'mixed';

/** Kinds with no right answer: no points, no verdict that counts, no streak change [R12.7]. */
export function isScored(kind: QuestionKind): boolean {
  switch (kind) {
    case 'poll':
    case 'cloud':
      return false;
    case 'choice':
    case 'text':
    case 'order':
    case 'multi':
    case 'number':
    case 'truefalse':
      return true;
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/** How an answer of each kind travels: one choice id, several (a set or a sequence), a number, or text. */
export type AnswerShape = 'choiceId' | 'choiceIds' | 'value' | 'text';

export function answerShape(kind: QuestionKind): AnswerShape {
  switch (kind) {
    case 'choice':
    case 'truefalse':
    case 'poll':
      return 'choiceId';
    case 'multi':
    case 'order':
      return 'choiceIds';
    case 'number':
      return 'value';
    case 'text':
    case 'cloud':
      return 'text';
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/**
 * The kind a card is asked as [R3.2, R12.1]. "mixed": the card's `Mode:`, else alternating choice/text. A room
 * that plays only choice or only text asks its cards that way, except the kinds that have no choice or text
 * form (multi-select, number, true/false, poll, word cloud), which keep their own; an ordering card there is
 * asked as a choice or as typed text, as before kinds existed (the grader reads sequences).
 */
export function kindFor(mode: KindRoomMode, card: Card, index: number): QuestionKind {
  switch (mode) {
    case 'mixed':
      return card.mode ?? (index % 2 === 0 ? 'choice' : 'text');
    case 'choice':
    case 'text':
      return card.mode === undefined || card.mode === 'choice' || card.mode === 'text' || card.mode === 'order'
        ? mode
        : card.mode;
    default: {
      const never: never = mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}
