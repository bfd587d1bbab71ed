import type { AnswerRecord, PlayerState, RoomSettings } from './types';

export const MAX_POINTS = 1000;
export const MIN_CORRECT_POINTS = 500;
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;

/**
 * Base points for an answer [R5.1-R5.3]: 1000 at 0 ms falling linearly to 500 at the time limit, times the
 * grader's score (partial answers earn a share). Speed bonus off: 1000 flat. Points off: 0.
 */
export function basePoints(settings: RoomSettings, elapsedMs: number, gradeScore: number): number {
  if (!settings.points || gradeScore <= 0) return 0;
  const limitMs = settings.timeLimitSec * 1000;
  const t = Math.min(Math.max(elapsedMs, 0), limitMs) / limitMs;
  const speed = settings.speedBonus ? MAX_POINTS - (MAX_POINTS - MIN_CORRECT_POINTS) * t : MAX_POINTS;
  return Math.round(speed * Math.min(gradeScore, 1));
}

/** Streak bonus for the n-th consecutive correct answer (n >= 1) [R5.4]: +100 per earlier one, capped at +500. */
export function streakBonus(settings: RoomSettings, streakIncludingThis: number): number {
  if (!settings.points || streakIncludingThis < 2) return 0;
  return Math.min(STREAK_STEP * (streakIncludingThis - 1), STREAK_CAP);
}

export interface PlayerTotals {
  score: number;
  streak: number;
  correctCount: number;
  answeredCount: number;
  correctMs: number;
}

/**
 * Replays a player's answers over the closed questions (in order; `null` where they did not answer) and
 * returns their totals, writing each answer's points and streak bonus. Used after every close and after an
 * override, so an override re-scores later questions' streak bonuses too [R7.2].
 */
export function replayPlayer(
  settings: RoomSettings,
  answersInOrder: readonly (AnswerRecord | null | 'skipped')[],
): PlayerTotals {
  const totals: PlayerTotals = { score: 0, streak: 0, correctCount: 0, answeredCount: 0, correctMs: 0 };
  for (const a of answersInOrder) {
    if (a === 'skipped') continue; // a skipped question neither scores nor breaks a streak [R3.6]
    if (a === null) {
      totals.streak = 0;
      continue;
    }
    totals.answeredCount += 1;
    if (a.verdict === 'correct') {
      totals.streak += 1;
      totals.correctCount += 1;
      totals.correctMs += a.elapsedMs;
    } else {
      totals.streak = 0;
    }
    const base = basePoints(settings, a.elapsedMs, a.gradeScore);
    const bonus = a.verdict === 'correct' ? streakBonus(settings, totals.streak) : 0;
    a.points = base + bonus;
    a.streakBonus = bonus;
    totals.score += a.points;
  }
  return totals;
}

/**
 * Leaderboard order [R6.1-R6.2]: score desc, then more correct answers, then less total time on correct
 * answers, then earlier join, then id (total order, so ranks are deterministic).
 */
export function compareForRanking(a: PlayerState, b: PlayerState): number {
  return (
    b.score - a.score ||
    b.correctCount - a.correctCount ||
    a.correctMs - b.correctMs ||
    a.joinedAt - b.joinedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
