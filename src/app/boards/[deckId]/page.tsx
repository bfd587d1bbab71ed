import { RankDot, TableHead, TableWrap } from '@/components/ui/Table';
import type { Metadata } from 'next';
import { fmtDay, fmtPct, fmtPoints, fmtSeconds } from '@/boards/format';
import { getServices } from '@/server/services/container';
import { loadOrPage } from '@/components/groups/GroupPageError';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ deckId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { deckId } = await params;
  return { title: `Best scores · ${deckId}` };
}

/** A deck's public board: each person's best game across the groups that opted in [R11.3]. */
export default async function DeckBoardPage({ params }: Props) {
  const { deckId } = await params;
  const { data: board, page } = await loadOrPage(() =>
    getServices().boards.deckBoard(decodeURIComponent(deckId)),
  );
  if (!board) return page;
  return (
    <div className="page page--site">
      <SiteHeader current="decks" />
      <main className="boards" id="main" data-testid="deck-board">
        <header className="boards__head">
          <div>
            <p className="eyebrow">Public board · best game per player</p>
            <h1 className="boards__title">{board.deck.title}</h1>
            <p className="boards__meta">
              Across the groups that share their results. Ties: accuracy, then speed, then who got there
              first.
            </p>
          </div>
        </header>
        {board.rows.length === 0 ? (
          <p className="muted">No public results for this deck yet.</p>
        ) : (
          <TableWrap label="Best scores table">
            <table className="table">
              <TableHead
                columns={[
                  { label: '#', num: true },
                  { label: 'Player' },
                  { label: 'Group' },
                  { label: 'Score', num: true },
                  { label: 'Accuracy', num: true },
                  { label: 'Avg time', num: true },
                  { label: 'Date', num: true },
                ]}
              />
              <tbody>
                {board.rows.map((r) => (
                  <tr key={`${r.rank}`} data-testid="deck-board-row">
                    <td className="num">
                      <RankDot rank={r.rank} />
                    </td>
                    <th scope="row">{r.displayName}</th>
                    <td>{r.groupName}</td>
                    <td className="num strong">{fmtPoints(r.score)}</td>
                    <td className="num">{fmtPct(r.accuracy)}</td>
                    <td className="num">{fmtSeconds(r.avgMs)}</td>
                    <td className="num">{fmtDay(r.endedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </main>
    </div>
  );
}
