/** Shared pieces of the ranked tables (group boards, deck boards, results, history). No state: usable anywhere. */
import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls in on a phone. Focusable and named, so it can be scrolled from the keyboard
 * and a screen reader says what it holds.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export interface Column {
  label: string;
  /** A number column: right-aligned. */
  num?: boolean;
  className?: string;
  title?: string;
}

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th
            key={c.label}
            scope="col"
            className={[c.num ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined}
            title={c.title}
          >
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A rank, with the podium colours for the first three. */
export function RankDot({ rank }: { rank: number }) {
  return <span className={`rank-dot ${rank <= 3 ? `rank-dot--${rank}` : ''}`}>{rank}</span>;
}
