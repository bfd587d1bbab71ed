'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { fmtPct, fmtShortDay } from '@/boards/format';
import { deleteProfile, downloadProfileExport, loadStudy, type StudySummary } from '@/client/study-api';
import { clearStoredProfile } from '@/client/profile';
import { LineChart } from '@/components/charts/LineChart';
import { TableHead, TableWrap } from '@/components/ui/Table';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; s: StudySummary };

/** Mastery today vs the first day of the chart: "62% -> 81%". */
function change(points: { share: number }[]): { from: number; to: number } {
  return { from: points[0]?.share ?? 0, to: points[points.length - 1]?.share ?? 0 };
}

/**
 * The study part of /me [R16]: the reminder line ("7 due today, 3 min"), the streak, "Review now", and mastery
 * (share of cards above 90 % recall) per deck over 30 days and per topic.
 */
export function StudyPanel({ token }: { token: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void loadStudy(token).then((r) => {
      if (live) setLoad(r.ok ? { kind: 'ready', s: r.data } : { kind: 'error', message: r.message });
    });
    return () => {
      live = false;
    };
  }, [token]);

  if (load.kind === 'loading') return <p className="muted">Loading your reviews…</p>;
  if (load.kind === 'error') return <p className="muted">{load.message}</p>;
  const s = load.s;
  const manyDecks = s.mastery.decks.length > 1;
  return (
    <>
      <section className="panel study" aria-labelledby="study-t" data-testid="study-panel">
        <h2 id="study-t" className="section-title">
          Review{' '}
          <span className="section-title__hint">the cards you answered come back when you are about to forget them</span>
        </h2>
        <div className="study__row">
          <div>
            <p className="study__reminder" data-testid="study-reminder" data-due={s.dueToday}>
              {s.reminder}
            </p>
            <p className="muted study__streak" data-testid="study-streak" data-streak={s.streak.current}>
              {s.streak.current === 0
                ? 'No study streak yet: review today to start one.'
                : `${s.streak.current}-day study streak${s.streak.studiedToday ? '' : ' (review today to keep it)'} · longest ${s.streak.longest}`}
            </p>
          </div>
          {s.dueToday > 0 ? (
            <Link className="btn btn--primary btn--lg" href="/me/review" data-testid="review-now">
              Review now
            </Link>
          ) : (
            <span className="muted">{s.cards === 0 ? 'Play a game with your profile to fill your queue.' : 'All caught up.'}</span>
          )}
        </div>
      </section>

      <section className="panel" aria-labelledby="mastery-t" data-testid="mastery">
        <h2 id="mastery-t" className="section-title">
          Mastery over time{' '}
          <span className="section-title__hint">share of a deck&apos;s cards you would recall with over 90 % probability, each day</span>
        </h2>
        {s.mastery.decks.length === 0 ? (
          <p className="muted">Nothing yet: your answers in games and reviews build it.</p>
        ) : (
          s.mastery.decks.map((d) => {
            const c = change(d.points);
            return (
              <div key={d.key} className="mastery__deck" data-testid="mastery-deck" data-deck={d.deckId}>
                <h3 className="mastery__title">
                  {d.label}: {fmtPct(c.from)} → <strong data-testid="mastery-today">{fmtPct(c.to)}</strong>{' '}
                  <span className="muted">in 30 days · {d.cards} cards</span>
                </h3>
                <LineChart
                  title={`Mastery of ${d.label} per day`}
                  testId="mastery-chart"
                  points={d.points.map((p) => ({
                    label: fmtShortDay(`${p.day}T12:00:00Z`),
                    value: p.share,
                    detail: `${p.day}: ${fmtPct(p.share)} of ${d.cards} cards above 90 % recall`,
                  }))}
                />
              </div>
            );
          })
        )}
        {s.mastery.topics.length > 0 ? (
          <TableWrap label="Mastery per topic">
            <table className="table" data-testid="mastery-topics">
              <TableHead
                columns={[
                  { label: 'Topic' },
                  ...(manyDecks ? [{ label: 'Deck' }] : []),
                  { label: '30 days ago → today', num: true },
                  { label: 'Cards', num: true },
                ]}
              />
              <tbody>
                {s.mastery.topics.map((t) => {
                  const c = change(t.points);
                  return (
                    <tr key={t.key}>
                      <th scope="row">{t.label}</th>
                      {manyDecks ? <td>{s.mastery.decks.find((d) => d.deckId === t.deckId)?.label ?? t.deckId}</td> : null}
                      <td className="num">
                        {fmtPct(c.from)} → <strong>{fmtPct(c.to)}</strong>
                      </td>
                      <td className="num">{t.cards}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>
    </>
  );
}

/** Export the profile's games and review data, or delete the profile with them [R16.7]. */
export function ProfileData({ token }: { token: string }) {
  const [msg, setMsg] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  async function get(format: 'json' | 'csv', rows?: 'games' | 'reviews' | 'cards') {
    setMsg(await downloadProfileExport(token, format, rows));
  }
  async function remove() {
    const r = await deleteProfile(token);
    if (!r.ok) {
      setMsg(r.message);
      return;
    }
    clearStoredProfile();
  }
  return (
    <section className="panel" aria-labelledby="data-t" data-testid="profile-data">
      <h2 id="data-t" className="section-title">
        Your data
      </h2>
      <div className="study__actions">
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => void get('json')} data-testid="export-json">
          Download all (JSON)
        </button>
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => void get('csv', 'games')}>
          Games (CSV)
        </button>
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => void get('csv', 'reviews')} data-testid="export-csv">
          Reviews (CSV)
        </button>
        {confirming ? (
          <>
            <button type="button" className="btn btn--bad btn--sm" onClick={() => void remove()} data-testid="delete-profile-confirm">
              Delete my profile and reviews
            </button>
            <button type="button" className="btn btn--secondary btn--sm" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="btn btn--ghost-danger btn--sm" onClick={() => setConfirming(true)} data-testid="delete-profile">
            Delete profile…
          </button>
        )}
      </div>
      {msg ? <p className="muted">{msg}</p> : null}
    </section>
  );
}
