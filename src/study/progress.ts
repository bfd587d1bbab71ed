import { MASTERED_ABOVE, recall } from './schedule';

/**
 * Study days, streaks, due-today reminders and mastery over time: pure functions of the review history and the
 * time they are given. Days are the person's own: `tzOffsetMin` is the browser's `getTimezoneOffset()`
 * (minutes to add to local time to get UTC), 0 for UTC.
 */

const DAY_MS = 86_400_000;

/** The local calendar day of `at` as `YYYY-MM-DD`. */
export function dayKey(at: Date | number, tzOffsetMin: number): string {
  const t = typeof at === 'number' ? at : at.getTime();
  return new Date(t - tzOffsetMin * 60_000).toISOString().slice(0, 10);
}

/** The first millisecond of the local day `key`. */
export function dayStart(key: string, tzOffsetMin: number): number {
  return Date.parse(`${key}T00:00:00.000Z`) + tzOffsetMin * 60_000;
}

/** The last millisecond of the local day `key`. */
export function dayEnd(key: string, tzOffsetMin: number): number {
  return dayStart(key, tzOffsetMin) + DAY_MS - 1;
}

/** The `count` local days up to and including the day of `now`, oldest first. */
export function lastDays(now: Date, count: number, tzOffsetMin: number): string[] {
  const today = dayStart(dayKey(now, tzOffsetMin), tzOffsetMin);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(dayKey(today - i * DAY_MS + 1, tzOffsetMin));
  return out;
}

function previousDay(key: string): string {
  return new Date(Date.parse(`${key}T00:00:00.000Z`) - DAY_MS).toISOString().slice(0, 10);
}

export interface Streak {
  /** Consecutive study days ending today, or yesterday when today has no study yet (the streak is still alive). */
  current: number;
  longest: number;
  studiedToday: boolean;
}

/** Streaks of study days (a day with at least one answered card: live, self-paced or review). */
export function streak(studyDays: Iterable<string>, now: Date, tzOffsetMin: number): Streak {
  const days = new Set(studyDays);
  const today = dayKey(now, tzOffsetMin);
  const studiedToday = days.has(today);
  let current = 0;
  let d = studiedToday ? today : previousDay(today);
  while (days.has(d)) {
    current++;
    d = previousDay(d);
  }
  let longest = 0;
  for (const day of days) {
    if (days.has(previousDay(day))) continue; // not the first day of a run
    let n = 0;
    let k = day;
    while (days.has(k)) {
      n++;
      k = new Date(Date.parse(`${k}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
    }
    longest = Math.max(longest, n);
  }
  return { current, longest, studiedToday };
}

/**
 * Time a review of `due` cards takes, for the reminder line ("7 due today, 3 min"): 25 s a card (reading, typing
 * a short answer, reading the reveal), rounded up to whole minutes.
 */
export const SECONDS_PER_REVIEW = 25;
export function reviewMinutes(due: number): number {
  return due === 0 ? 0 : Math.ceil((due * SECONDS_PER_REVIEW) / 60);
}

/** One review's outcome as mastery needs it: when, and the stability it left. */
export interface RecallPoint {
  at: number;
  stability: number;
}

/** A card (of one person) and the groups it counts in (its deck, its topic). */
export interface MasteryItem {
  key: string;
  groups: readonly string[];
}

/**
 * For each group, how many of its items had recall probability above 90 % at each of `times`: each item's state
 * at a time is its last review at or before it (reviews sorted by time). Items never reviewed count as not
 * mastered; shares are mastered / items of the group.
 */
export function masteryOverTime(
  items: readonly MasteryItem[],
  history: ReadonlyMap<string, readonly RecallPoint[]>,
  times: readonly number[],
): Map<string, { total: number; mastered: number[] }> {
  const out = new Map<string, { total: number; mastered: number[] }>();
  for (const item of items) {
    for (const g of item.groups) {
      let entry = out.get(g);
      if (!entry) {
        entry = { total: 0, mastered: times.map(() => 0) };
        out.set(g, entry);
      }
      entry.total++;
    }
    const points = history.get(item.key);
    if (!points || points.length === 0) continue;
    let k = -1;
    times.forEach((t, ti) => {
      while (k + 1 < points.length && points[k + 1]!.at <= t) k++;
      if (k < 0) return;
      const p = points[k]!;
      if (recall(p.stability, new Date(p.at), new Date(t)) > MASTERED_ABOVE) {
        for (const g of item.groups) out.get(g)!.mastered[ti]!++;
      }
    });
  }
  return out;
}
