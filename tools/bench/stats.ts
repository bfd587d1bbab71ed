/** Small statistics and formatting helpers for the load generator (no dependencies). */

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export const EMPTY_SUMMARY: Summary = { n: 0, min: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };

/** Nearest-rank percentile of an ascending array (`p` in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

/** Summary of the finite values (NaN / Infinity are ignored: callers count what is missing separately). */
export function summarize(values: Iterable<number>): Summary {
  const xs: number[] = [];
  for (const v of values) if (Number.isFinite(v)) xs.push(v);
  if (xs.length === 0) return { ...EMPTY_SUMMARY };
  const sorted = Float64Array.from(xs).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    min: sorted[0] as number,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
    mean: sum / sorted.length,
  };
}

/** `12.3` / `1234` / `-` for a missing value. Milliseconds keep one decimal below 100. */
export function fmtMs(v: number): string {
  if (!Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  return a < 100 ? v.toFixed(1) : Math.round(v).toString();
}

export function fmtNum(v: number, digits = 0): string {
  if (!Number.isFinite(v)) return '-';
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function fmtBytes(v: number): string {
  if (!Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  if (a >= 1024 * 1024 * 1024) return `${(v / 1024 ** 3).toFixed(2)} GB`;
  if (a >= 1024 * 1024) return `${(v / 1024 ** 2).toFixed(1)} MB`;
  if (a >= 1024) return `${(v / 1024).toFixed(1)} KB`;
  return `${Math.round(v)} B`;
}

/** A plain-text table with aligned columns (first column left-aligned, the others right-aligned). */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), sep, ...rows.map(line)].join('\n');
}

/** The same table as GitHub Markdown (for docs/PERFORMANCE.md). */
export function renderMarkdownTable(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`,
  ];
  for (const r of rows) out.push(`| ${r.map(esc).join(' | ')} |`);
  return out.join('\n');
}
