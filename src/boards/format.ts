/** Display formats shared by the board, insights and personal pages (server and client components). */

export function fmtPct(fraction: number | null): string {
  return fraction === null ? '–' : `${Math.round(fraction * 100)}%`;
}

export function fmtSeconds(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmtPoints(n: number): string {
  return INT.format(Math.round(n));
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const SHORT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const FULL = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** `26 Nov 2026` (UTC, like seasons and months). */
export function fmtDay(iso: string | null): string {
  return iso ? DAY.format(new Date(iso)) : '–';
}

export function fmtShortDay(iso: string): string {
  return SHORT.format(new Date(iso));
}

export function fmtDateTime(iso: string | null): string {
  return iso ? `${FULL.format(new Date(iso))} UTC` : '–';
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** `18:05` (UTC). */
export function fmtTime(iso: string): string {
  return TIME.format(new Date(iso));
}

/** `26 Nov 2026, 18:05` (UTC): games of one evening stay apart. */
export function fmtDayTime(iso: string): string {
  return `${DAY.format(new Date(iso))}, ${TIME.format(new Date(iso))}`;
}

/** Chart axis labels: days, or times of day when every point falls on the same day. */
export function axisLabels(isoList: readonly string[]): string[] {
  const days = isoList.map((d) => SHORT.format(new Date(d)));
  const oneDay = days.length > 1 && days.every((d) => d === days[0]);
  return oneDay ? isoList.map((d) => TIME.format(new Date(d))) : days;
}
