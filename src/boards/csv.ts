/**
 * CSV encoding for exports [R11.8]: RFC 4180 (comma, CRLF, quotes doubled) with a guard against formula
 * injection: a text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe. Numbers are written as numbers.
 */
export type Cell = string | number | boolean | Date | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v instanceof Date ? v.toISOString() : v;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole table: a header row, then one line per row, picking the header's keys in order. */
export function csvTable<K extends string>(header: readonly K[], rows: readonly Record<K, Cell>[]): string {
  return csvRow(header) + rows.map((r) => csvRow(header.map((k) => r[k]))).join('');
}
