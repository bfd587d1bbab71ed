/** Shared pieces of the ranked tables (group boards, deck boards, results, history). No state: usable anywhere. */

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
