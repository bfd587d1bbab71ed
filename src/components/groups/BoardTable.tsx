'use client';

import { fmtDay, fmtPct, fmtPoints, fmtSeconds } from '@/boards/format';
import type { BoardRow } from '@/server/services/boards/boards';
import { RankDot, TableHead, TableWrap } from '@/components/ui/Table';

function Movement({ value }: { value: number | null }) {
  if (value === null) return <span className="move move--new">new</span>;
  if (value > 0)
    return (
      <span className="move move--up">
        <span aria-hidden="true">▲</span>
        {value}
        <span className="sr-only"> places up</span>
      </span>
    );
  if (value < 0)
    return (
      <span className="move move--down">
        <span aria-hidden="true">▼</span>
        {-value}
        <span className="sr-only"> places down</span>
      </span>
    );
  return (
    <span className="move move--same">
      <span aria-hidden="true">–</span>
      <span className="sr-only">no change</span>
    </span>
  );
}

/**
 * A group's ranked board: one row per profile (`board-row` with data-profile-id/rank/games). A client component
 * only so that the page sends the rows once as data, not also as a rendered element tree: no state.
 */
export function BoardTable({ rows }: { rows: BoardRow[] }) {
  return (
    <TableWrap label="Leaderboard table">
      <table className="table board-table" data-testid="board-table">
        <TableHead
          columns={[
            { label: '#', num: true },
            { label: 'Player' },
            { label: 'Move', num: true, title: 'Places moved since the previous game' },
            { label: 'Points', num: true },
            { label: 'Games', num: true },
            { label: 'Accuracy', num: true },
            { label: 'Avg time', num: true },
            { label: 'Last game', num: true, className: 'board-table__last' },
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.profileId}
              data-testid="board-row"
              data-profile-id={r.profileId}
              data-rank={r.rank}
              data-games={r.games}
            >
              <td className="num">
                <RankDot rank={r.rank} />
              </td>
              <th scope="row">{r.displayName}</th>
              <td className="num">
                <Movement value={r.movement} />
              </td>
              <td className="num strong">{fmtPoints(r.points)}</td>
              <td className="num">{r.games}</td>
              <td className="num">
                <span className="acc">
                  <span className="acc__bar" aria-hidden="true">
                    <span style={{ width: `${Math.round((r.accuracy ?? 0) * 100)}%` }} />
                  </span>
                  {fmtPct(r.accuracy)}
                </span>
              </td>
              <td className="num">{fmtSeconds(r.avgMs)}</td>
              <td className="num board-table__last">{fmtDay(r.lastPlayedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
