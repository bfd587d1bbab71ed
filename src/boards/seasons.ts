/**
 * Board scopes [R11.5]: all time, a calendar month (the default season, UTC), or a season the group admin
 * defined. A game counts in a scope when it ended in [from, to). Pure: no I/O, no clock.
 */

export type Scope = { kind: 'all' } | { kind: 'month'; key: string } | { kind: 'season'; id: string };

/** The widest range a query needs for "all time". */
export const ALL_TIME = { from: new Date(Date.UTC(1970, 0, 1)), to: new Date(Date.UTC(9999, 11, 31)) } as const;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SEASON_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** `all`, `month:YYYY-MM` or `season:<id>`; missing means all time; anything else is null (a bad request). */
export function parseScope(raw: string | null | undefined): Scope | null {
  if (raw === null || raw === undefined || raw === '' || raw === 'all') return { kind: 'all' };
  if (raw.startsWith('month:')) {
    const key = raw.slice('month:'.length);
    return MONTH_RE.test(key) ? { kind: 'month', key } : null;
  }
  if (raw.startsWith('season:')) {
    const id = raw.slice('season:'.length);
    return SEASON_ID_RE.test(id) ? { kind: 'season', id } : null;
  }
  return null;
}

export function scopeParam(scope: Scope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'month':
      return `month:${scope.key}`;
    case 'season':
      return `season:${scope.id}`;
    default: {
      const never: never = scope;
      throw new Error(`unknown scope ${JSON.stringify(never)}`);
    }
  }
}

/** `YYYY-MM` of a date, in UTC. */
export function monthKey(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** [first instant of the month, first instant of the next month), UTC. */
export function monthRange(key: string): { from: Date; to: Date } {
  const m = MONTH_RE.exec(key);
  if (!m) throw new Error(`not a month key: ${key}`);
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(year, month, 1)), to: new Date(Date.UTC(year, month + 1, 1)) };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthLabel(key: string): string {
  const m = MONTH_RE.exec(key);
  if (!m) return key;
  return `${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** Why a season's range is not acceptable, or null when it is. */
export function seasonRangeProblem(startsAt: Date, endsAt: Date): string | null {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return 'Dates must be valid.';
  if (endsAt.getTime() <= startsAt.getTime()) return 'A season must end after it starts.';
  if (endsAt.getTime() - startsAt.getTime() > 5 * 366 * 24 * 3600 * 1000) return 'A season is at most five years long.';
  return null;
}
