/**
 * Cross-session ranking [R11.3]: the one comparator of group and deck boards. Pure: no I/O, no clock.
 * Ratios (accuracy, average time) are compared by cross-multiplication, so equal ratios tie exactly and no
 * float rounding decides a rank.
 */

/** A person's totals on a board: a group's season or all time, or their best game on a deck board. */
export interface Standing {
  /** Profile id: the tie-break of last resort, so ranks are a total order. */
  id: string;
  points: number;
  correct: number;
  answered: number;
  /** Sum of the answer times of the `answered` answers. */
  answerMs: number;
  /** When the total was reached (ms since the epoch): the end of their last counted game. */
  achievedAt: number;
}

export type Ranked<T> = T & { rank: number };

/** Accuracy, higher first; a person with no answers ranks below any accuracy, 0% included. */
function byAccuracy(a: Standing, b: Standing): number {
  if (a.answered === 0 || b.answered === 0) return (a.answered === 0 ? 1 : 0) - (b.answered === 0 ? 1 : 0);
  return b.correct * a.answered - a.correct * b.answered;
}

/** Average answer time, faster first; no answers counts as slowest. */
function bySpeed(a: Standing, b: Standing): number {
  if (a.answered === 0 || b.answered === 0) return (a.answered === 0 ? 1 : 0) - (b.answered === 0 ? 1 : 0);
  return a.answerMs * b.answered - b.answerMs * a.answered;
}

/**
 * Board order [R11.3]: total points desc, then accuracy desc, then average answer time asc, then the earlier
 * achievement, then profile id.
 */
export function compareStandings(a: Standing, b: Standing): number {
  return (
    b.points - a.points ||
    byAccuracy(a, b) ||
    bySpeed(a, b) ||
    a.achievedAt - b.achievedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Sorts a copy and numbers it 1..N (no shared ranks). */
export function rankStandings<T extends Standing>(rows: readonly T[]): Ranked<T>[] {
  return [...rows].sort(compareStandings).map((r, i) => ({ ...r, rank: i + 1 }));
}

/**
 * Places moved since the board before the latest game [R11.4]: positive = up; null when the person was not on
 * that board (their first game is the latest one).
 */
export function movements(current: readonly Ranked<Standing>[], previous: readonly Ranked<Standing>[]): Map<string, number | null> {
  const before = new Map(previous.map((r) => [r.id, r.rank]));
  return new Map(current.map((r) => {
    const was = before.get(r.id);
    return [r.id, was === undefined ? null : was - r.rank];
  }));
}

/** correct / answered as a fraction 0..1, or null without answers. */
export function accuracy(correct: number, answered: number): number | null {
  return answered > 0 ? correct / answered : null;
}

/** Average answer time in ms (rounded), or null without answers. */
export function averageMs(answerMs: number, answered: number): number | null {
  return answered > 0 ? Math.round(answerMs / answered) : null;
}
