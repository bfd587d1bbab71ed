import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_POINTS,
  checkAnswer,
  checkDeadline,
  checkNickname,
  checkTypedAnswer,
  closedAtOf,
  isFinished,
  isOpen,
  nextIndex,
  rankSeats,
  scoreAnswer,
  serve,
  TIMER_GRACE_MS,
  UNTIMED_MAX_MS,
  type AssignmentFacts,
  type SeatFacts,
} from '../../../src/game/assignment';

const T0 = 1_800_000_000_000;
const facts = (over: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  questionCount: 3,
  deadline: null,
  timerSec: null,
  closedAt: null,
  ...over,
});
const seat = (over: Partial<SeatFacts> = {}): SeatFacts => ({ answered: 0, servedIndex: null, servedAt: null, ...over });

describe('assignment rules', () => {
  it('[R13.1] cards come in order, one at a time, and a seat is finished when every card has an answer', () => {
    const a = facts();
    expect(nextIndex(a, seat())).toBe(0);
    expect(nextIndex(a, seat({ answered: 2 }))).toBe(2);
    expect(nextIndex(a, seat({ answered: 3 }))).toBeNull();
    expect(isFinished(a, seat({ answered: 2 }))).toBe(false);
    expect(isFinished(a, seat({ answered: 3 }))).toBe(true);
  });

  it('[R13.1] an answer to a card already answered or not yet reached is refused', () => {
    const a = facts();
    const s = seat({ answered: 1, servedIndex: 1, servedAt: T0 });
    expect(checkAnswer(a, s, 0, T0 + 10)).toMatchObject({ ok: false, code: 'already_answered' });
    expect(checkAnswer(a, s, 2, T0 + 10)).toMatchObject({ ok: false, code: 'wrong_question' });
    expect(checkAnswer(a, s, 1, T0 + 10)).toMatchObject({ ok: true });
    // A card not served yet (no serving stored) cannot be answered.
    expect(checkAnswer(a, seat({ answered: 1, servedIndex: 0, servedAt: T0 }), 1, T0)).toMatchObject({ ok: false, code: 'wrong_question' });
    expect(checkAnswer(a, seat({ answered: 3, servedIndex: 2, servedAt: T0 }), 3, T0)).toMatchObject({ ok: false, code: 'wrong_question' });
  });

  it('[R13.2] open until the host closes it or the deadline passes', () => {
    expect(isOpen(facts(), T0)).toBe(true);
    expect(isOpen(facts({ deadline: T0 + 1 }), T0)).toBe(true);
    expect(isOpen(facts({ deadline: T0 }), T0)).toBe(false);
    expect(isOpen(facts({ closedAt: T0 - 5 }), T0)).toBe(false);
    const late = checkAnswer(facts({ deadline: T0 }), seat({ servedIndex: 0, servedAt: T0 - 100 }), 0, T0 + 1);
    expect(late).toMatchObject({ ok: false, code: 'question_closed' });
    expect(late.ok ? '' : late.message).toMatch(/deadline/);
    expect(serve(facts({ deadline: T0 }), seat(), T0)).toEqual({ kind: 'closed' });
    // A player who has finished sees their summary, closed or not.
    expect(serve(facts({ deadline: T0 }), seat({ answered: 3 }), T0)).toEqual({ kind: 'finished' });
  });

  it('[R13.2] a deadline is in the future and within 366 days; none is allowed', () => {
    expect(checkDeadline(null, T0)).toEqual({ ok: true, deadline: null });
    expect(checkDeadline(T0 + 60_000, T0)).toEqual({ ok: true, deadline: T0 + 60_000 });
    expect(checkDeadline(T0, T0).ok).toBe(false);
    expect(checkDeadline(T0 + 367 * 86_400_000, T0).ok).toBe(false);
    expect(checkDeadline(Number.NaN, T0).ok).toBe(false);
  });

  it('[R13.3] a card keeps the time it was first served: reopening never restarts the timer', () => {
    const a = facts({ timerSec: 20 });
    const first = serve(a, seat(), T0);
    expect(first).toEqual({ kind: 'question', index: 0, servedAt: T0, fresh: true, remainingMs: 20_000 });
    const again = serve(a, seat({ servedIndex: 0, servedAt: T0 }), T0 + 15_000);
    expect(again).toEqual({ kind: 'question', index: 0, servedAt: T0, fresh: false, remainingMs: 5_000 });
    const expired = serve(a, seat({ servedIndex: 0, servedAt: T0 }), T0 + 60_000);
    expect(expired).toMatchObject({ remainingMs: 0, fresh: false });
    // The next card is served afresh once the previous one is answered.
    expect(serve(a, seat({ answered: 1, servedIndex: 0, servedAt: T0 }), T0 + 30_000)).toMatchObject({
      index: 1,
      servedAt: T0 + 30_000,
      fresh: true,
    });
    expect(serve(facts(), seat(), T0)).toMatchObject({ remainingMs: null });
  });

  it('[R13.4] time from the first serving, credited with the reaction time within 1 s', () => {
    const a = facts();
    const s = seat({ servedIndex: 0, servedAt: T0 });
    expect(checkAnswer(a, s, 0, T0 + 4000)).toEqual({ ok: true, elapsedMs: 4000, late: false });
    expect(checkAnswer(a, s, 0, T0 + 4000, 3500)).toEqual({ ok: true, elapsedMs: 3500, late: false });
    // A reaction time far below the server's measure is not believed beyond 1 s.
    expect(checkAnswer(a, s, 0, T0 + 4000, 100)).toEqual({ ok: true, elapsedMs: 3000, late: false });
    // Nor one above it.
    expect(checkAnswer(a, s, 0, T0 + 4000, 9000)).toEqual({ ok: true, elapsedMs: 4000, late: false });
  });

  it('[R13.4] timer off: the time counted is capped; timer on: a late answer is late and capped at the limit', () => {
    const s = seat({ servedIndex: 0, servedAt: T0 });
    expect(checkAnswer(facts(), s, 0, T0 + 86_400_000)).toEqual({ ok: true, elapsedMs: UNTIMED_MAX_MS, late: false });
    const timed = facts({ timerSec: 10 });
    expect(checkAnswer(timed, s, 0, T0 + 10_000 + TIMER_GRACE_MS)).toEqual({ ok: true, elapsedMs: 10_000, late: false });
    expect(checkAnswer(timed, s, 0, T0 + 10_000 + TIMER_GRACE_MS + 1)).toEqual({ ok: true, elapsedMs: 10_000, late: true });
  });

  it('[R13.5] accuracy counts: 1000 times the grade share, nothing for a late answer', () => {
    expect(scoreAnswer({ verdict: 'correct', score: 1 }, false)).toEqual({ verdict: 'correct', gradeScore: 1, points: ASSIGNMENT_POINTS });
    expect(scoreAnswer({ verdict: 'partial', score: 0.55 }, false)).toEqual({ verdict: 'partial', gradeScore: 0.55, points: 550 });
    expect(scoreAnswer({ verdict: 'incorrect', score: 0 }, false).points).toBe(0);
    expect(scoreAnswer({ verdict: 'correct', score: 1 }, true)).toEqual({ verdict: 'incorrect', gradeScore: 0, points: 0 });
  });

  it('[R13.6] ranking: points, then correct answers, then less time on correct answers, then who started first', () => {
    const base = { score: 2000, correct: 2, correctMs: 9000, startedAt: T0 };
    const ranked = rankSeats([
      { id: 'slow', ...base, correctMs: 12_000 },
      { id: 'fast', ...base },
      { id: 'best', ...base, score: 2500 },
      { id: 'later', ...base, startedAt: T0 + 1 },
      { id: 'fewer', ...base, correct: 1 },
    ]);
    expect(ranked.map((r) => [r.seat.id, r.rank])).toEqual([
      ['best', 1],
      ['fast', 2],
      ['later', 3],
      ['slow', 4],
      ['fewer', 5],
    ]);
  });

  it('[R13.7] closes at the host close, else at the deadline once it has passed', () => {
    expect(closedAtOf(facts(), T0)).toBeNull();
    expect(closedAtOf(facts({ deadline: T0 + 5 }), T0)).toBeNull();
    expect(closedAtOf(facts({ deadline: T0 - 5 }), T0)).toBe(T0 - 5);
    expect(closedAtOf(facts({ deadline: T0 - 5, closedAt: T0 - 50 }), T0)).toBe(T0 - 50);
  });

  it('[R13.8] nicknames follow the live game rules; typed answers the text policy [R4.4]', () => {
    expect(checkNickname('  Ada ')).toEqual({ ok: true, text: 'Ada' });
    expect(checkNickname('').ok).toBe(false);
    expect(checkNickname('x'.repeat(21)).ok).toBe(false);
    expect(checkNickname('a\u0000b').ok).toBe(false);
    expect(checkTypedAnswer('  kube   proxy ')).toEqual({ ok: true, text: 'kube proxy' });
    expect(checkTypedAnswer('\u200b').ok).toBe(false);
    expect(checkTypedAnswer('y'.repeat(201)).ok).toBe(false);
  });
});
