/** Display formats shared by the board, insights and personal pages (server and client components). */

export function fmtPct(fraction: number | null): string {
  return fraction === null ? '–' : `${Math.round(fraction * 100)}%`;
}

export function fmtSeconds(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function fmtPoints(n: number): string {
  return Math.round(n).toLocaleString('en-US');
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
