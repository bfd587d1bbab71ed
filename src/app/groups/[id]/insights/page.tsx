import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { axisLabels, fmtDayTime, fmtPct, fmtSeconds } from '@/boards/format';
import { getServices } from '@/server/services/container';
import { LineChart } from '@/components/charts/LineChart';
import { loadOrPage } from '@/components/groups/GroupPageError';
import { GroupHeader } from '@/components/groups/GroupHeader';
import { PracticeButton } from '@/components/groups/PracticeButton';
import { SiteHeader } from '@/components/ui/SiteHeader';
import { TableHead, TableWrap } from '@/components/ui/Table';
import '@/components/groups/boards.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);

/** One load per request, shared by the metadata and the page. */
const loadInsights = cache((id: string, season: string, deck: string | null) =>
  loadOrPage(() => getServices().insights.forGroup(id, season, deck)),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const sp = await searchParams;
  const { data } = await loadInsights(id, str(sp.season) ?? 'all', str(sp.deck));
  return { title: data ? `${data.group.name} insights` : 'Group insights' };
}

/** What the group keeps missing: per card and topic, hardest first; accuracy over sessions [R11.7]. */
export default async function GroupInsightsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  const { data: ins, page } = await loadInsights(id, str(sp.season) ?? 'all', str(sp.deck));
  if (!ins) return page;
  const base = `/groups/${encodeURIComponent(ins.group.id)}/insights`;
  const seasonQ = ins.scope.param === 'all' ? '' : `season=${encodeURIComponent(ins.scope.param)}`;
  const deckHref = (d: string | null) => {
    const parts = [seasonQ, d ? `deck=${encodeURIComponent(d)}` : ''].filter(Boolean);
    return parts.length ? `${base}?${parts.join('&')}` : base;
  };
  const maxTopic = Math.max(1, ...ins.topics.map((t) => t.answered));
  const labels = axisLabels(ins.sessions.map((s) => s.endedAt));

  return (
    <div className="page page--site">
      <SiteHeader current="groups" />
      <main className="boards" id="main" data-testid="group-insights" data-group-id={ins.group.id}>
        <GroupHeader
          eyebrow={`Group insights · ${ins.scope.label}`}
          group={ins.group}
          meta="What the group answers right, how fast, and what to study next."
          scopes={ins.scopes}
          scope={ins.scope.param}
          current="insights"
        />

        {ins.decks.length > 1 ? (
          <nav className="chips deck-filter" aria-label="Deck">
            <Link href={deckHref(null)} className={`chip ${ins.deckId === null ? 'chip--accent' : ''}`} aria-current={ins.deckId === null ? 'page' : undefined}>
              All decks
            </Link>
            {ins.decks.map((d) => (
              <Link key={d.deckId} href={deckHref(d.deckId)} className={`chip ${ins.deckId === d.deckId ? 'chip--accent' : ''}`} aria-current={ins.deckId === d.deckId ? 'page' : undefined}>
                {d.title} · {d.games}
              </Link>
            ))}
          </nav>
        ) : null}

        <dl className="stat-grid">
          <div className="stat">
            <dt>Games</dt>
            <dd data-testid="insights-games">{ins.totals.games}</dd>
          </div>
          <div className="stat">
            <dt>Answers</dt>
            <dd>{ins.totals.answered.toLocaleString('en-US')}</dd>
          </div>
          <div className="stat">
            <dt>Right</dt>
            <dd>{fmtPct(ins.totals.accuracy)}</dd>
          </div>
          <div className="stat">
            <dt>Avg answer time</dt>
            <dd>{fmtSeconds(ins.totals.avgMs)}</dd>
          </div>
        </dl>

        {ins.group.publicBoards && ins.decks.length > 0 ? (
          <p className="muted boards__public">
            This group shares its best games on the public deck {ins.decks.length === 1 ? 'board' : 'boards'}:{' '}
            {ins.decks.map((d, i) => (
              <span key={d.deckId}>
                {i > 0 ? ', ' : ''}
                <Link href={`/boards/${encodeURIComponent(d.deckId)}`}>{d.title}</Link>
              </span>
            ))}
            .
          </p>
        ) : null}

        {ins.practice ? (
          <section className="panel">
            <PracticeButton groupId={ins.group.id} deckId={ins.practice.deckId} deckTitle={ins.practice.deckTitle} positions={ins.practice.positions} />
          </section>
        ) : null}

        <section className="panel" aria-labelledby="sessions-t">
          <h2 id="sessions-t" className="section-title">
            Group accuracy over sessions
            <span className="section-title__hint">
              {ins.sessions.length < ins.totals.games ? `the last ${ins.sessions.length} of ${ins.totals.games} games` : 'share of answers that were right, per game'}
            </span>
          </h2>
          <LineChart
            title="Group accuracy per game"
            testId="sessions-chart"
            emptyText="No games in this season yet."
            points={ins.sessions.map((s, i) => ({
              label: labels[i] ?? '',
              value: s.accuracy,
              detail: `${fmtDayTime(s.endedAt)} · ${s.selfPaced ? 'self-paced' : 'room'} ${s.code} · ${s.players} players: ${fmtPct(s.accuracy)} right`,
            }))}
          />
          {ins.sessions.length > 0 ? (
            <ul className="session-list" data-testid="session-list" aria-label="Latest games">
              {ins.sessions
                .slice(-6)
                .reverse()
                .map((s) => (
                  <li key={s.code} className="session-list__item" data-testid="session-item" data-self-paced={s.selfPaced ? 'true' : 'false'}>
                    <Link href={`/results/${encodeURIComponent(s.code)}`}>{s.title}</Link>
                    {s.selfPaced ? <span className="tag tag--self">self-paced</span> : <span className="tag">live</span>}
                    <span className="muted">
                      {fmtDayTime(s.endedAt)} · {s.players} {s.players === 1 ? 'player' : 'players'} · {fmtPct(s.accuracy)} right
                    </span>
                  </li>
                ))}
            </ul>
          ) : null}
        </section>

        <div className="insights-grid">
          <section aria-labelledby="topics-t">
            <h2 id="topics-t" className="section-title">
              Topics <span className="section-title__hint">hardest first</span>
            </h2>
            {ins.topics.length === 0 ? (
              <p className="muted">No answers yet.</p>
            ) : (
              <ul className="topics" data-testid="topics">
                {ins.topics.map((t) => (
                  <li key={t.topic} className="topic" data-testid="topic" data-topic={t.topic}>
                    <div className="topic__head">
                      <span className="topic__name">{t.topic}</span>
                      <span className="topic__pct">{fmtPct(t.accuracy)}</span>
                    </div>
                    <div className="qstat__bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((t.accuracy ?? 0) * 100)}%` }} />
                    </div>
                    <p className="topic__meta muted">
                      {t.cards} {t.cards === 1 ? 'card' : 'cards'} · {t.answered} answers · {fmtSeconds(t.avgMs)} avg
                      <span className="topic__volume" style={{ width: `${Math.max(4, Math.round((t.answered / maxTopic) * 60))}px` }} aria-hidden="true" />
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="cards-t">
            <h2 id="cards-t" className="section-title">
              Cards <span className="section-title__hint">hardest first</span>
            </h2>
            {ins.cards.length === 0 ? (
              <p className="muted">No answers yet.</p>
            ) : (
              <ol className="qstats" data-testid="card-insights">
                {ins.cards.map((c, i) => (
                  <li key={c.cardId} className="qstat card-insight" data-testid="card-insight" data-position={c.position} data-accuracy={c.accuracy ?? ''}>
                    <span className="qstat__num">{i + 1}</span>
                    <div className="qstat__body">
                      <p className="qstat__prompt">{c.prompt}</p>
                      <p className="qstat__meta muted">
                        {c.topic ? `${c.topic} · ` : ''}
                        {c.correct} of {c.answered} right{c.partial > 0 ? ` (+${c.partial} partly)` : ''} · {fmtSeconds(c.avgMs)} avg · {c.sessions}{' '}
                        {c.sessions === 1 ? 'game' : 'games'}
                        {ins.decks.length > 1 && !ins.deckId ? ` · ${c.deckTitle}` : ''}
                      </p>
                      <div className="qstat__bar" aria-hidden="true">
                        <span style={{ width: `${Math.round((c.accuracy ?? 0) * 100)}%` }} />
                      </div>
                      <details className="card-insight__answer">
                        <summary>Reference answer</summary>
                        <p>{c.answer}</p>
                      </details>
                    </div>
                    <span className="qstat__pct">{fmtPct(c.accuracy)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <GroupMastery groupId={ins.group.id} />
      </main>
    </div>
  );
}

/** The group's mastery per topic across its members, this month [R16.6]: "Services: 62% -> 81%". */
async function GroupMastery({ groupId }: { groupId: string }) {
  const m = await getServices().study.groupMastery(groupId);
  if (m.members === 0 || m.topics.length + m.decks.length === 0) return null;
  const rows = m.topics.length > 0 ? m.topics : m.decks;
  return (
    <section className="panel" aria-labelledby="mastery-t" data-testid="group-mastery">
      <h2 id="mastery-t" className="section-title">
        Mastery this month{' '}
        <span className="section-title__hint">
          share of cards the {m.members} members would recall with over 90 % probability (spaced review), since {m.since}
        </span>
      </h2>
      <TableWrap label="Mastery per topic">
        <table className="table">
          <TableHead columns={[{ label: 'Topic' }, { label: 'Cards', num: true }, { label: 'Mastery', num: true }]} />
          <tbody>
            {rows.map((t) => (
              <tr key={`${t.deckId}:${t.topic ?? ''}`} data-testid="group-mastery-row">
                <th scope="row">{t.label}</th>
                <td className="num">{t.cards}</td>
                <td className="num">
                  {fmtPct(t.start)} → <strong>{fmtPct(t.now)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
