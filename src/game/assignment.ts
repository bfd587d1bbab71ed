import { charCount, cleanText, NICKNAME_MAX, TEXT_ANSWER_MAX } from '../contract';
import type { Verdict } from './grading/types';
import { LATENCY_CREDIT_MS } from './reducer';

/**
 * The rules of a self-paced assignment [R13]: each player plays the same cards alone, one at a time, at their own
 * pace. Pure: the caller passes the time (`now`) and the facts it stored; nothing here reads a clock or storage.
 * The server (src/server/services/assignments.ts) keeps the seats and answers in the database and asks these
 * functions what to do.
 */

/** The assignment as the rules need it. Times are server milliseconds. */
export interface AssignmentFacts {
  questionCount: number;
  /** When the assignment stops taking answers, if it has a deadline. */
  deadline: number | null;
  /** Seconds per question when the optional per-question timer is on; null: no timer (the default). */
  timerSec: number | null;
  /** When the host closed it (or the deadline closed it), if it is closed. */
  closedAt: number | null;
}

/** One player's seat: how far they got and the question they were shown last. */
export interface SeatFacts {
  /** Answers stored, which is also the index of the next card (cards are played in order, none skipped). */
  answered: number;
  /** The question shown last and when it was first shown (null before the first). */
  servedIndex: number | null;
  servedAt: number | null;
}

/** Grace after a timer runs out for the answer to travel (a phone on a slow network) [R13.4]. */
export const TIMER_GRACE_MS = 1000;
/**
 * Without a timer, the time counted for one answer (the speed tie-break only) is capped: a player who stops in the
 * middle of a question and comes back tomorrow loses the tie-break for that card, not the whole ranking [R13.4].
 */
export const UNTIMED_MAX_MS = 5 * 60 * 1000;
/** Points for a fully right answer; a partly right one earns its share [R13.5]. */
export const ASSIGNMENT_POINTS = 1000;
/** Per-question timer bounds (seconds) and the longest deadline ahead (days). */
export const TIMER_MIN_SEC = 5;
export const TIMER_MAX_SEC = 300;
export const DEADLINE_MAX_DAYS = 366;

/** Whether the assignment takes answers at `now` [R13.2]: not closed by the host, deadline not reached. */
export function isOpen(a: AssignmentFacts, now: number): boolean {
  return a.closedAt === null && (a.deadline === null || now < a.deadline);
}

/**
 * When the assignment closes for the boards [R13.7]: when the host closed it, else at its deadline once that has
 * passed; null while it is open.
 */
export function closedAtOf(a: AssignmentFacts, now: number): number | null {
  if (a.closedAt !== null) return a.closedAt;
  if (a.deadline !== null && now >= a.deadline) return a.deadline;
  return null;
}

/** The next card's index for a seat, or null when the player has answered them all [R13.1]. */
export function nextIndex(a: AssignmentFacts, seat: SeatFacts): number | null {
  return seat.answered < a.questionCount ? seat.answered : null;
}

/** Whether the player has played every card [R13.1]. */
export function isFinished(a: AssignmentFacts, seat: SeatFacts): boolean {
  return seat.answered >= a.questionCount;
}

export type ServeDecision =
  | { kind: 'question'; index: number; servedAt: number; fresh: boolean; remainingMs: number | null }
  | { kind: 'finished' }
  | { kind: 'closed' };

/**
 * What a player opening (or resuming) the assignment is shown [R13.3]: the next card, first shown now or, when it
 * was already shown (on this or another device), with its original time, so reloading never restarts a timer.
 * A closed assignment shows its summary only.
 */
export function serve(a: AssignmentFacts, seat: SeatFacts, now: number): ServeDecision {
  const index = nextIndex(a, seat);
  if (index === null) return { kind: 'finished' };
  if (!isOpen(a, now)) return { kind: 'closed' };
  const already = seat.servedIndex === index && seat.servedAt !== null;
  const servedAt = already && seat.servedAt !== null ? seat.servedAt : now;
  const remainingMs = a.timerSec === null ? null : Math.max(0, servedAt + a.timerSec * 1000 - now);
  return { kind: 'question', index, servedAt, fresh: !already, remainingMs };
}

export type AnswerCheck =
  | { ok: true; elapsedMs: number; late: boolean }
  | { ok: false; code: 'question_closed' | 'wrong_question' | 'already_answered'; message: string };

/**
 * Whether an answer to `questionIndex` is taken [R13.2, R13.3, R13.4], and the time it is credited with: from the
 * moment the card was first shown, by the server's clock, credited with the client's reaction time within
 * LATENCY_CREDIT_MS as in a live game [R4.6]. With the timer on, an answer later than the limit (plus a grace for
 * the network) is still stored but earns nothing (`late`).
 */
export function checkAnswer(
  a: AssignmentFacts,
  seat: SeatFacts,
  questionIndex: number,
  now: number,
  reactionMs?: number,
): AnswerCheck {
  if (!isOpen(a, now)) {
    return {
      ok: false,
      code: 'question_closed',
      message: a.closedAt === null ? 'The deadline of this assignment has passed.' : 'This assignment is closed.',
    };
  }
  if (questionIndex < seat.answered) {
    return { ok: false, code: 'already_answered', message: 'You have already answered this question.' };
  }
  const next = nextIndex(a, seat);
  if (next === null || questionIndex !== next || seat.servedIndex !== next || seat.servedAt === null) {
    return {
      ok: false,
      code: 'wrong_question',
      message:
        next === null
          ? 'You have answered every question of this assignment.'
          : `That answer is for question ${questionIndex + 1}, but question ${next + 1} is yours to answer.`,
    };
  }
  const serverElapsed = Math.max(0, Math.round(now - seat.servedAt));
  const credited =
    reactionMs === undefined
      ? serverElapsed
      : Math.min(serverElapsed, Math.max(Math.round(reactionMs), serverElapsed - LATENCY_CREDIT_MS, 0));
  const late = a.timerSec !== null && serverElapsed > a.timerSec * 1000 + TIMER_GRACE_MS;
  const cap = a.timerSec === null ? UNTIMED_MAX_MS : a.timerSec * 1000;
  return { ok: true, elapsedMs: Math.min(credited, cap), late };
}

/** An answer's verdict and points once graded [R13.4, R13.5]: accuracy only, a late answer earns nothing. */
export function scoreAnswer(
  grade: { verdict: Verdict; score: number },
  late: boolean,
): { verdict: Verdict; gradeScore: number; points: number } {
  if (late) return { verdict: 'incorrect', gradeScore: 0, points: 0 };
  const share = Math.min(Math.max(grade.score, 0), 1);
  return { verdict: grade.verdict, gradeScore: share, points: Math.round(ASSIGNMENT_POINTS * share) };
}

/** A player's totals, as the ranking needs them. */
export interface SeatTotals {
  id: string;
  score: number;
  correct: number;
  /** Sum of the credited times of the player's correct answers. */
  correctMs: number;
  startedAt: number;
}

/**
 * Ranking of an assignment's players [R13.6]: accuracy counts (points: the sum of grade shares), speed is the
 * tie-break (less time on correct answers), then more correct answers, then who started first, then the id.
 */
export function compareSeats(x: SeatTotals, y: SeatTotals): number {
  return (
    y.score - x.score ||
    y.correct - x.correct ||
    x.correctMs - y.correctMs ||
    x.startedAt - y.startedAt ||
    (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)
  );
}

/** Ranks 1..N in `compareSeats` order (nobody shares a rank). */
export function rankSeats<T extends SeatTotals>(seats: readonly T[]): { seat: T; rank: number }[] {
  return [...seats].sort(compareSeats).map((seat, i) => ({ seat, rank: i + 1 }));
}

export type DeadlineCheck = { ok: true; deadline: number | null } | { ok: false; message: string };

/** A deadline a host may set [R13.2]: in the future, at most DEADLINE_MAX_DAYS ahead; none is allowed. */
export function checkDeadline(deadline: number | null, now: number): DeadlineCheck {
  if (deadline === null) return { ok: true, deadline: null };
  if (!Number.isFinite(deadline)) return { ok: false, message: 'The deadline is not a date.' };
  if (deadline <= now) return { ok: false, message: 'The deadline must be in the future.' };
  if (deadline - now > DEADLINE_MAX_DAYS * 86_400_000)
    return { ok: false, message: `The deadline must be within ${DEADLINE_MAX_DAYS} days.` };
  return { ok: true, deadline };
}

export type TextCheck = { ok: true; text: string } | { ok: false; message: string };

/** A player's name on an assignment [R13.8]: the nickname rules of a live game [R2.2] (names may repeat). */
export function checkNickname(raw: string): TextCheck {
  const cleaned = cleanText(raw, 'nickname');
  if (!cleaned.ok) return { ok: false, message: `This nickname ${cleaned.message}.` };
  if (cleaned.text.length < 1 || charCount(cleaned.text) > NICKNAME_MAX)
    return { ok: false, message: `Nicknames are 1 to ${NICKNAME_MAX} characters.` };
  return { ok: true, text: cleaned.text };
}

/** A typed answer [R4.4]: the text policy, not blank, at most TEXT_ANSWER_MAX characters. */
export function checkTypedAnswer(raw: string): TextCheck {
  const cleaned = cleanText(raw, 'answer');
  if (!cleaned.ok) return { ok: false, message: `This answer ${cleaned.message}.` };
  if (cleaned.text === '') return { ok: false, message: 'Type an answer before sending it.' };
  if (charCount(cleaned.text) > TEXT_ANSWER_MAX)
    return { ok: false, message: `Answers are at most ${TEXT_ANSWER_MAX} characters.` };
  return { ok: true, text: cleaned.text };
}
