'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { AssignmentProgress } from '@/protocol';
import { closeAssignment, loadAssignmentProgress } from '@/client/assign-api';
import { read, write } from '@/client/storage';
import { fmtDayTime, fmtPct } from '@/boards/format';
import { CopyField } from '@/components/groups/CopyField';
import '@/components/groups/boards.css';
import './assign.css';

/**
 * The host's view of a self-paced assignment (docs/ASSIGNMENTS.md): the players' link, who started and finished,
 * each player's accuracy and rank, each card's accuracy, and "close now". It polls the progress every 2 s while
 * the tab is visible: one host reads an aggregate of stored rows, so polling costs one query per host whatever
 * the number of players, needs no socket per host, and reads the same truth on any process after any restart.
 */

const POLL_MS = 2000;
const hostKey = (id: string) => `quizroom:assign-host:${id}`;

function hostTokenFromPage(id: string): string | null {
  const m = /(?:^#|&)host=([^&]+)/.exec(window.location.hash);
  if (m?.[1]) {
    const token = decodeURIComponent(m[1]);
    write(hostKey(id), token);
    window.history.replaceState(null, '', window.location.pathname);
    return token;
  }
  return read(hostKey(id));
}

export function AssignmentHost({ assignmentId }: { assignmentId: string }) {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [progress, setProgress] = useState<AssignmentProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);

  useEffect(() => setToken(hostTokenFromPage(assignmentId)), [assignmentId]);

  const refresh = useCallback(async () => {
    if (!token) return;
    const res = await loadAssignmentProgress(assignmentId, token);
    if (res.ok) {
      setProgress(res.data);
      setError(null);
      setUpdatedAt(Date.now());
    } else setError(res.message);
  }, [assignmentId, token]);

  useEffect(() => {
    if (!token) return;
    void refresh();
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    return () => clearInterval(t);
  }, [token, refresh]);

  async function close() {
    if (!token) return;
    setClosing(true);
    const res = await closeAssignment(assignmentId, token);
    setClosing(false);
    if (res.ok) setProgress(res.data);
    else setError(res.message);
  }

  if (token === undefined) return <p className="muted">Loading…</p>;
  if (token === null)
    return (
      <section className="panel" role="alert">
        <h1 className="section-title">This is the host&apos;s page</h1>
        <p className="muted">Open the host link you got when you created the assignment (it holds the host&apos;s key).</p>
      </section>
    );
  if (!progress)
    return error ? (
      <p className="form-error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted" role="status">
        Loading progress…
      </p>
    );

  const p = progress;
  const open = p.closedAt === null;
  // Without PUBLIC_URL the server knows no origin: the link is a path, completed with this page's origin.
  const link = p.link.startsWith('/') ? `${window.location.origin}${p.link}` : p.link;
  return (
    <div className="assign-host" data-testid="assign-host" data-closed={open ? 'false' : 'true'}>
      <header className="assign-host__head">
        <p className="eyebrow">Self-paced assignment · {p.total} cards</p>
        <h1 className="assign-host__title">{p.title}</h1>
        <p className="muted">
          {p.deadline ? `Due ${fmtDayTime(p.deadline)}` : 'No deadline'} · {p.timerSec ? `${p.timerSec} s per card` : 'no timer'}
          {' · '}
          {open ? (
            <span className="live live--live">
              <span className="live__dot" aria-hidden="true" /> Live progress
            </span>
          ) : (
            <strong data-testid="assign-closed">Closed {fmtDayTime(p.closedAt ?? '')}</strong>
          )}
        </p>
      </header>

      {open ? <CopyField label="Players' link" value={link} testId="assign-link" hint="Send it to your players: each plays alone, at their own pace." /> : null}

      <dl className="assign-host__totals" data-testid="assign-totals">
        <div>
          <dt>Started</dt>
          <dd data-testid="assign-started">{p.totals.started}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd data-testid="assign-finished">{p.totals.finished}</dd>
        </div>
        <div>
          <dt>Answers</dt>
          <dd>{p.totals.answered}</dd>
        </div>
        <div>
          <dt>Right</dt>
          <dd>{fmtPct(p.totals.accuracy)}</dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="ah-players">
        <h2 id="ah-players" className="section-title">
          Players <span className="section-title__hint">accuracy first, speed breaks ties</span>
        </h2>
        {p.players.length === 0 ? (
          <p className="muted">Nobody has started yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="assign-players">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Player</th>
                  <th scope="col">Progress</th>
                  <th scope="col" className="num">
                    Right
                  </th>
                  <th scope="col" className="num">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.players.map((pl) => (
                  <tr key={pl.playerId} data-testid="assign-player-row" data-finished={pl.finishedAt ? 'true' : 'false'}>
                    <td className="num">{pl.rank}</td>
                    <th scope="row">{pl.nickname}</th>
                    <td>
                      <span className="acc">
                        <span className="acc__bar" aria-hidden="true">
                          <span style={{ width: `${Math.round((pl.answered / Math.max(1, p.total)) * 100)}%` }} />
                        </span>
                        {pl.finishedAt ? 'finished' : `${pl.answered}/${p.total}`}
                      </span>
                    </td>
                    <td className="num">{fmtPct(pl.accuracy)}</td>
                    <td className="num">{pl.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="ah-cards">
        <h2 id="ah-cards" className="section-title">
          Cards <span className="section-title__hint">share right so far</span>
        </h2>
        <ol className="qstats" data-testid="assign-cards">
          {p.cards.map((c) => (
            <li key={c.index} className="qstat">
              <span className="qstat__num">{c.index + 1}</span>
              <div className="qstat__body">
                <p className="qstat__prompt">{c.prompt}</p>
                <p className="qstat__meta muted">
                  {c.kind === 'choice' ? 'choice' : 'typed'} · {c.correct} of {c.answered} right
                  {c.partial > 0 ? ` (+${c.partial} partly)` : ''}
                </p>
                <div className="qstat__bar" aria-hidden="true">
                  <span style={{ width: `${Math.round((c.accuracy ?? 0) * 100)}%` }} />
                </div>
              </div>
              <span className="qstat__pct">{fmtPct(c.accuracy)}</span>
            </li>
          ))}
        </ol>
      </section>

      <div className="assign-host__actions">
        {open ? (
          <button type="button" className="btn btn--secondary" onClick={() => void close()} disabled={closing} data-testid="assign-close">
            {closing ? 'Closing…' : 'Close now and count the results'}
          </button>
        ) : (
          <>
            <Link className="btn btn--secondary" href={`/results/${encodeURIComponent(p.code)}`}>
              Results
            </Link>
            {p.groupId ? (
              <Link className="btn btn--secondary" href={`/groups/${encodeURIComponent(p.groupId)}/insights`} data-testid="assign-insights-link">
                Group insights
              </Link>
            ) : null}
          </>
        )}
        {updatedAt ? (
          <span className="muted" aria-live="off">
            updated {new Date(updatedAt).toLocaleTimeString()}
          </span>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
