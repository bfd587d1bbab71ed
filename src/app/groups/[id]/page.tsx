import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { fmtDateTime } from '@/boards/format';
import { getServices } from '@/server/services/container';
import { BoardTable } from '@/components/groups/BoardTable';
import { GroupAdmin } from '@/components/groups/GroupAdmin';
import { loadOrPage } from '@/components/groups/GroupPageError';
import { GroupHeader } from '@/components/groups/GroupHeader';
import { Podium } from '@/components/ui/Podium';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';

export const dynamic = 'force-dynamic';

/** Rows rendered before "Show all": keeps the page light for meetups with hundreds of players. */
const PAGE_ROWS = 50;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const seasonOf = (sp: Record<string, string | string[] | undefined>) => (typeof sp.season === 'string' ? sp.season : 'all');

/** One load per request, shared by the metadata and the page. */
const loadBoard = cache((id: string, season: string) => loadOrPage(() => getServices().boards.groupBoard(id, season)));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { data } = await loadBoard(id, seasonOf(await searchParams));
  return { title: data ? `${data.group.name} leaderboard` : 'Group' };
}

/** A group's leaderboard: all time or a season, live when a game of the group ends [R11.3-R11.6, R11.10]. */
export default async function GroupBoardPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  const showAll = sp.all === '1';
  const { data: board, page } = await loadBoard(id, seasonOf(sp));
  if (!board) return page;
  const q = board.scope.param === 'all' ? '' : `&season=${encodeURIComponent(board.scope.param)}`;
  const exportBase = `/api/groups/${encodeURIComponent(board.group.id)}/export`;

  return (
    <div className="page page--site">
      <SiteHeader current="groups" />
      <main className="boards" id="main" data-testid="group-board" data-group-id={board.group.id}>
        <GroupHeader
          eyebrow={`Group leaderboard · ${board.scope.label}`}
          group={board.group}
          metaTestId="board-meta"
          meta={
            <>
              {board.games} {board.games === 1 ? 'game' : 'games'} · {board.rows.length} {board.rows.length === 1 ? 'player' : 'players'}
              {board.lastGameAt ? ` · last game ${fmtDateTime(board.lastGameAt)}` : ''}
            </>
          }
          scopes={board.scopes}
          scope={board.scope.param}
          current="board"
        />

        {board.rows.length === 0 ? (
          <section className="panel boards__empty" data-testid="board-empty">
            <h2 className="section-title">No results {board.scope.kind === 'all' ? 'yet' : 'in this season'}</h2>
            <p className="muted">
              Host a game for this group (choose it under “Count for a group” when you create the room). Players with a profile appear here
              when it ends; this page updates by itself.
            </p>
          </section>
        ) : (
          <>
            <section className="results__podium boards__podium" aria-label="Top three">
              <Podium
                entries={board.rows.slice(0, 3).map((r) => ({
                  id: r.profileId,
                  nickname: r.displayName,
                  score: r.points,
                  rank: r.rank,
                  detail: `${r.games} ${r.games === 1 ? 'game' : 'games'}`,
                }))}
              />
            </section>
            <BoardTable rows={showAll ? board.rows : board.rows.slice(0, PAGE_ROWS)} />
            {!showAll && board.rows.length > PAGE_ROWS ? (
              <p className="boards__more">
                <Link href={`/groups/${board.group.id}?${board.scope.param === 'all' ? '' : `season=${encodeURIComponent(board.scope.param)}&`}all=1`} data-testid="board-all">
                  Show all {board.rows.length} players
                </Link>
              </p>
            ) : null}
          </>
        )}

        <p className="boards__note muted">
          Ranked by total points; ties go to higher accuracy, then the faster average answer time, then whoever got there first.
          {board.guests > 0
            ? ` ${board.guests} ${board.guests === 1 ? 'result' : 'results'} by players without a profile ${board.guests === 1 ? 'is' : 'are'} not on the board: claim a profile when you join to appear here.`
            : ''}
        </p>

        <section className="boards__exports" aria-label="Export">
          <span className="muted">Export {board.scope.label.toLowerCase() === 'all time' ? '' : `${board.scope.label} `}as</span>
          <a className="btn btn--secondary btn--sm" href={`${exportBase}?format=csv&rows=players${q}`} data-testid="export-players">
            CSV · players
          </a>
          <a className="btn btn--secondary btn--sm" href={`${exportBase}?format=csv&rows=answers${q}`} data-testid="export-answers">
            CSV · answers
          </a>
          <a className="btn btn--secondary btn--sm" href={`${exportBase}?format=json${q}`} data-testid="export-json">
            JSON
          </a>
          <span className="boards__invite muted">
            New member? Share the <Link href={`/groups/${board.group.id}/join`}>join link</Link>.
          </span>
        </section>

        <GroupAdmin
          group={board.group}
          players={board.rows.map((r) => ({ profileId: r.profileId, displayName: r.displayName, games: r.games, points: r.points }))}
          seasons={board.seasons}
        />
      </main>
    </div>
  );
}
