'use client';

import { TableHead, TableWrap } from '@/components/ui/Table';
import Link from 'next/link';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { claimSeat, loadPersonal, renameProfile } from '@/client/boards-api';
import { getAdminGroups, getMemberships } from '@/client/groups';
import {
  clearStoredProfile,
  getStoredProfile,
  listDeviceSeats,
  recoveryLink,
  setStoredProfile,
  type DeviceSeat,
  type StoredProfile,
} from '@/client/profile';
import { useOrigin } from '@/client/useOrigin';
import {
  axisLabels,
  fmtDay,
  fmtDayTime,
  fmtPct,
  fmtPoints,
  fmtSeconds,
  fmtShortDay,
  fmtTime,
} from '@/boards/format';
import type { PersonalPage } from '@/server/services/boards/personal';
import { LineChart } from '@/components/charts/LineChart';
import { CopyField } from '@/components/groups/CopyField';
import { StatusScreen } from '@/components/ui/StatusScreen';
import { ClaimProfile, RecoveryNotice } from './ClaimProfile';
import { ProfileData, StudyPanel } from '@/components/study/StudyPanel';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; status: number }
  | { kind: 'ready'; page: PersonalPage };

/** Games this device played that the profile does not have yet (offered to add with one click). */
function UnsavedGames({
  profile,
  seats,
  onSaved,
}: {
  profile: StoredProfile;
  seats: DeviceSeat[];
  onSaved: () => void;
}) {
  const [state, setState] = useState<Record<string, string>>({});
  if (seats.length === 0) return null;
  async function save(seat: DeviceSeat) {
    setState((s) => ({ ...s, [seat.code]: 'saving' }));
    const res = await claimSeat(profile.recoveryCode, {
      code: seat.code,
      playerId: seat.playerId,
      rejoinToken: seat.rejoinToken,
    });
    setState((s) => ({ ...s, [seat.code]: res.ok ? 'saved' : res.message }));
    if (res.ok) onSaved();
  }
  return (
    <section className="panel unsaved" aria-labelledby="unsaved-t" data-testid="unsaved-games">
      <h2 id="unsaved-t" className="section-title">
        Games on this device not in your history yet
      </h2>
      <ul className="unsaved__list">
        {seats.map((s) => {
          const st = state[s.code];
          return (
            <li key={s.code} data-testid="unsaved-game" data-code={s.code}>
              <span>
                Room <code>{s.code}</code> as <strong>{s.nickname || 'you'}</strong>
              </span>
              {st && st !== 'saving' && st !== 'saved' ? <span className="unsaved__err">{st}</span> : null}
              <button
                type="button"
                className="btn btn--secondary btn--sm"
                disabled={st === 'saving'}
                onClick={() => void save(s)}
                data-testid="link-seat"
              >
                {st === 'saving' ? 'Adding…' : 'Add to my history'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The personal page [R11.7]: history, accuracy over time, most missed cards with their reference answers. */
export function PersonalView() {
  const origin = useOrigin();
  const [profile, setProfile] = useState<StoredProfile | null | undefined>(undefined);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [seats, setSeats] = useState<DeviceSeat[]>([]);
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const [showLink, setShowLink] = useState(false);
  const [name, setName] = useState('');
  const [renameMsg, setRenameMsg] = useState<string | null>(null);
  // A profile just claimed here: its recovery link is shown once, above the (new) personal page.
  const [fresh, setFresh] = useState<StoredProfile | null>(null);

  useEffect(() => {
    const read = () => setProfile(getStoredProfile());
    read();
    const all = [...getAdminGroups(), ...getMemberships()];
    setGroups(
      all
        .filter((g, i) => all.findIndex((x) => x.id === g.id) === i)
        .map((g) => ({ id: g.id, name: g.name })),
    );
    window.addEventListener('quizroom:profile', read);
    return () => window.removeEventListener('quizroom:profile', read);
  }, []);

  const refresh = useCallback(async (p: StoredProfile) => {
    const res = await loadPersonal<PersonalPage>(p.recoveryCode);
    if (!res.ok) {
      setLoad({ kind: 'error', message: res.message, status: res.status });
      return;
    }
    setLoad({ kind: 'ready', page: res.data });
    setName(res.data.profile.displayName);
    const have = new Set(res.data.games.map((g) => g.code));
    setSeats(listDeviceSeats().filter((s) => !have.has(s.code)));
    if (res.data.profile.displayName !== p.displayName)
      setStoredProfile({ ...p, displayName: res.data.profile.displayName });
  }, []);

  useEffect(() => {
    if (profile) void refresh(profile);
  }, [profile, refresh]);

  if (profile === undefined) return <StatusScreen tone="loading" title="Loading your page…" />;

  if (profile === null) {
    return (
      <div className="boards__narrow" data-testid="me-empty">
        <h1 className="page-title">Your progress</h1>
        <p className="page-lead">
          Claim a profile to follow your games across rooms and devices, or restore yours with your recovery
          link.
        </p>
        <ClaimProfile onProfile={(p, isNew) => setFresh(isNew ? p : null)} />
      </div>
    );
  }

  if (load.kind === 'loading') return <StatusScreen tone="loading" title="Loading your page…" />;
  if (load.kind === 'error') {
    return (
      <StatusScreen
        tone="error"
        title={
          load.status === 401 ? 'This device’s profile is no longer valid' : 'Your page could not be loaded'
        }
        actions={
          load.status === 401 ? (
            <button type="button" className="btn btn--secondary" onClick={() => clearStoredProfile()}>
              Forget it on this device
            </button>
          ) : (
            <button type="button" className="btn btn--primary" onClick={() => void refresh(profile)}>
              Try again
            </button>
          )
        }
      >
        <p>{load.message}</p>
      </StatusScreen>
    );
  }

  const { page } = load;
  const chronological = [...page.games].reverse();
  const labels = axisLabels(chronological.map((g) => g.endedAt));
  async function rename(e: FormEvent) {
    e.preventDefault();
    if (!profile) return;
    const res = await renameProfile(profile.recoveryCode, name);
    setRenameMsg(res.ok ? 'Saved.' : res.message);
    if (res.ok) {
      setStoredProfile({ ...profile, displayName: res.data.displayName });
    }
  }

  return (
    <div className="boards" data-testid="personal-page" data-profile-id={page.profile.id}>
      <header className="boards__head">
        <div>
          <p className="eyebrow">Your profile</p>
          <h1 className="boards__title" data-testid="me-name">
            {page.profile.displayName}
          </h1>
          <p className="boards__meta">Playing since {fmtDay(page.profile.createdAt)}</p>
        </div>
      </header>

      {fresh && fresh.profileId === profile.profileId ? (
        <section className="claim claim--done" aria-label="Your recovery link">
          <p className="claim__who">
            <span className="claim__check" aria-hidden="true">
              ✓
            </span>
            Profile created: games you play on this device now count for <strong>{fresh.displayName}</strong>.
          </p>
          <RecoveryNotice recoveryCode={fresh.recoveryCode} onDone={() => setFresh(null)} />
        </section>
      ) : null}

      <dl className="stat-grid">
        <div className="stat">
          <dt>Games</dt>
          <dd data-testid="me-games">{page.totals.games}</dd>
        </div>
        <div className="stat">
          <dt>Points</dt>
          <dd>{fmtPoints(page.totals.points)}</dd>
        </div>
        <div className="stat">
          <dt>Accuracy</dt>
          <dd>{fmtPct(page.totals.accuracy)}</dd>
        </div>
        <div className="stat">
          <dt>Avg answer time</dt>
          <dd>{fmtSeconds(page.totals.avgMs)}</dd>
        </div>
      </dl>

      <UnsavedGames profile={profile} seats={seats} onSaved={() => void refresh(profile)} />

      <StudyPanel token={profile.recoveryCode} />

      <section className="panel" aria-labelledby="acc-t">
        <h2 id="acc-t" className="section-title">
          Accuracy over time{' '}
          <span className="section-title__hint">share of your answers that were right, per game</span>
        </h2>
        <LineChart
          title="Your accuracy per game"
          testId="accuracy-chart"
          emptyText="Play a game with your profile to start the chart."
          points={chronological.map((g, i) => ({
            label: labels[i] ?? '',
            value: g.accuracy,
            detail: `${fmtDayTime(g.endedAt)} · ${g.title}: ${g.correct}/${g.answered} right (${fmtPct(g.accuracy)})`,
          }))}
        />
      </section>

      <section aria-labelledby="hist-t">
        <h2 id="hist-t" className="section-title">
          History
        </h2>
        {page.games.length === 0 ? (
          <p className="muted">No games yet. Join a game: with this profile on this device, it lands here.</p>
        ) : (
          <TableWrap label="Game history table">
            <table className="table" data-testid="history-table">
              <TableHead
                columns={[
                  { label: 'Date' },
                  { label: 'Deck' },
                  { label: 'Score', num: true },
                  { label: 'Rank', num: true },
                  { label: 'Accuracy', num: true, className: 'history__acc' },
                  { label: 'Group', num: true, className: 'history__group' },
                ]}
              />
              <tbody>
                {page.games.map((g) => (
                  <tr key={g.code} data-testid="history-row" data-code={g.code}>
                    <td>
                      <Link href={`/results/${g.code}`} title={fmtDayTime(g.endedAt)}>
                        <span className="nowrap">
                          {fmtShortDay(g.endedAt)}
                          <span className="history__year"> {new Date(g.endedAt).getUTCFullYear()}</span>
                        </span>{' '}
                        <span className="nowrap">{fmtTime(g.endedAt)}</span>
                      </Link>
                    </td>
                    <th scope="row">
                      {g.title}
                      {g.nickname !== page.profile.displayName ? (
                        <span className="muted"> as {g.nickname}</span>
                      ) : null}
                    </th>
                    <td className="num strong">{fmtPoints(g.score)}</td>
                    <td className="num">{g.rank === null ? '–' : `${g.rank} of ${g.players}`}</td>
                    <td className="num history__acc">{fmtPct(g.accuracy)}</td>
                    <td className="num history__group">{g.groupName ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section aria-labelledby="miss-t">
        <h2 id="miss-t" className="section-title">
          Study next{' '}
          <span className="section-title__hint">the cards you missed most, with the reference answers</span>
        </h2>
        {page.missed.length === 0 ? (
          <p className="muted">Nothing missed yet.</p>
        ) : (
          <ol className="missed" data-testid="missed-cards">
            {page.missed.map((m) => (
              <li key={m.cardId} className="missed__card" data-testid="missed-card">
                <div className="missed__head">
                  <span className="missed__count" title={`Missed ${m.missed} of ${m.answered} times`}>
                    ✗ {m.missed}/{m.answered}
                  </span>
                  <span className="missed__deck">
                    {m.deckTitle}
                    {m.topic ? ` · ${m.topic}` : ''}
                  </span>
                </div>
                <p className="missed__prompt">{m.prompt}</p>
                <details className="missed__answer">
                  <summary>Reference answer</summary>
                  <p>{m.answer}</p>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>

      <ProfileData token={profile.recoveryCode} />

      <section className="panel me-tools" aria-labelledby="tools-t">
        <h2 id="tools-t" className="section-title">
          Profile
        </h2>
        {groups.length > 0 ? (
          <p className="me-tools__groups">
            Your groups:{' '}
            {groups.map((g, i) => (
              <span key={g.id}>
                {i > 0 ? ', ' : ''}
                <Link href={`/groups/${g.id}`}>{g.name}</Link>
              </span>
            ))}
          </p>
        ) : null}
        <form className="admin__row" onSubmit={rename}>
          <label className="sr-only" htmlFor="me-rename">
            Display name
          </label>
          <input
            id="me-rename"
            className="input"
            value={name}
            maxLength={30}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="submit"
            className="btn btn--secondary"
            disabled={name.trim() === page.profile.displayName || name.trim() === ''}
          >
            Rename
          </button>
          {renameMsg ? <span className="muted">{renameMsg}</span> : null}
        </form>
        {showLink && origin ? (
          <CopyField
            label="Recovery link"
            value={recoveryLink(origin, profile.recoveryCode)}
            testId="me-recovery-link"
            hint="Open it on another device to play as you there. Keep it private."
          />
        ) : (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            onClick={() => setShowLink(true)}
            data-testid="show-recovery-link"
          >
            Show my recovery link
          </button>
        )}
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (
                window.confirm(
                  'Forget this profile on this device? You can restore it with your recovery link.',
                )
              )
                clearStoredProfile();
            }}
          >
            Forget this profile on this device
          </button>
        </p>
      </section>
    </div>
  );
}
