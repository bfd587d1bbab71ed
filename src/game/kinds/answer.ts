import { charCount, cleanText, TEXT_ANSWER_MAX, type GameErrorCode } from '../../contract';
import type { Verdict } from '../grading/types';
import type { AskedQuestion, GameCard } from '../types';
import { answerShape, type QuestionKind } from './kind';
import { multiGrade, numberGrade, orderGrade } from './score';

/** The answer as the game received it (the `answer` command's fields). */
export interface KindAnswerInput {
  choiceId?: string | undefined;
  choiceIds?: readonly string[] | undefined;
  value?: number | undefined;
  text?: string | undefined;
}

/**
 * An accepted answer, as stored: several ids travel as one `choiceId` joined with commas ("a,c": a set sorted,
 * a sequence in the player's order) and a number as its decimal `text`, so the stored rows and the views need
 * no new columns [R12.2].
 */
export interface KindAnswer {
  choiceId: string | null;
  text: string | null;
  verdict: Verdict;
  score: number;
}

export type KindAnswerResult = { ok: true; answer: KindAnswer } | { ok: false; code: GameErrorCode; message: string };

const WHAT: Record<QuestionKind, string> = {
  choice: 'one of the choices',
  text: 'a typed answer',
  truefalse: 'true or false',
  poll: 'one of the options',
  multi: 'one or more of the choices',
  order: 'the items in an order',
  number: 'a number',
  cloud: 'a word or a few',
};

function fail(code: GameErrorCode, message: string): KindAnswerResult {
  return { ok: false, code, message };
}

/** Splits a stored multi-id answer ("a,c") back into its ids. */
export function splitIds(choiceId: string | null): string[] {
  return choiceId === null || choiceId === '' ? [] : choiceId.split(',');
}

/**
 * Checks and grades an answer to a question of one of the new kinds [R12.2-R12.7]: the right shape for the kind
 * (`invalid_answer`), ids among the question's options (`invalid_choice`), an ordering that names every item
 * once, at least one pick, a finite number, a word cloud's text under the text policy. Graded at once: these
 * kinds need no text grader (a poll or a cloud has nothing to grade). The player sees nothing of it before the
 * close [R9.1].
 */
export function answerKind(q: AskedQuestion, gameCard: GameCard, input: KindAnswerInput): KindAnswerResult {
  const kind = q.kind;
  const shape = answerShape(kind);
  const given = (['choiceId', 'choiceIds', 'value', 'text'] as const).filter((k) => input[k] !== undefined);
  if (given.length !== 1 || given[0] !== shape) return fail('invalid_answer', `This question takes ${WHAT[kind]}.`);
  const known = new Set(q.choices.map((c) => c.id));
  switch (kind) {
    case 'truefalse':
    case 'poll': {
      const id = input.choiceId as string;
      if (!known.has(id)) return fail('invalid_choice', 'That choice does not exist for this question.');
      if (kind === 'poll') return { ok: true, answer: { choiceId: id, text: null, verdict: 'incorrect', score: 0 } };
      const right = id === q.correctChoiceId;
      return { ok: true, answer: { choiceId: id, text: null, verdict: right ? 'correct' : 'incorrect', score: right ? 1 : 0 } };
    }
    case 'multi':
    case 'order': {
      const picks = input.choiceIds ?? [];
      if (picks.some((p) => !known.has(p))) return fail('invalid_choice', 'That choice does not exist for this question.');
      if (new Set(picks).size !== picks.length) return fail('invalid_answer', 'Each choice can be picked once.');
      const correct = q.correctIds ?? [];
      if (kind === 'multi') {
        if (picks.length === 0) return fail('invalid_answer', 'Pick at least one choice before sending.');
        const sorted = [...picks].sort();
        const g = multiGrade(sorted, correct);
        return { ok: true, answer: { choiceId: sorted.join(','), text: null, verdict: g.verdict, score: g.score } };
      }
      if (picks.length !== known.size) return fail('invalid_answer', 'Put every item in the order before sending.');
      const g = orderGrade(picks, correct);
      return { ok: true, answer: { choiceId: picks.join(','), text: null, verdict: g.verdict, score: g.score } };
    }
    case 'number': {
      const value = input.value as number;
      const card = gameCard.card;
      if (!Number.isFinite(value)) return fail('invalid_answer', 'Send a number.');
      if (card.number === undefined) return fail('invalid_answer', 'This question has no number to estimate.');
      const g = numberGrade(value, card.number, card.tolerance ?? 0);
      return { ok: true, answer: { choiceId: null, text: String(value), verdict: g.verdict, score: g.score } };
    }
    case 'cloud': {
      // The text policy as for typed answers [R4.4]; a cloud's words are shown, so they are kept short.
      const cleaned = cleanText(input.text as string, 'answer');
      if (!cleaned.ok) return fail('invalid_answer', `This answer ${cleaned.message}.`);
      if (cleaned.text === '') return fail('invalid_answer', 'Type a word before sending it.');
      if (charCount(cleaned.text) > CLOUD_TEXT_MAX) return fail('invalid_answer', `Word cloud answers are at most ${CLOUD_TEXT_MAX} characters.`);
      return { ok: true, answer: { choiceId: null, text: cleaned.text, verdict: 'incorrect', score: 0 } };
    }
    case 'choice':
    case 'text':
      return fail('invalid_answer', `This question takes ${WHAT[kind]}.`);
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

/** A word cloud answer is a word or a short phrase: long sentences make no cloud. */
export const CLOUD_TEXT_MAX = Math.min(40, TEXT_ANSWER_MAX);
