'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { addSeason, deleteGroup, deleteSeason, hidePlayer, updateGroup } from '@/client/boards-api';
import { adminTokenFor, getAdminGroups, removeAdminGroup, renameStoredGroup, saveAdminGroup } from '@/client/groups';
import { useOrigin } from '@/client/useOrigin';
import { fmtDay, fmtPoints } from '@/boards/format';
import { Toggle } from '@/components/ui/Toggle';
import { CopyField } from './CopyField';

export interface AdminSeason {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
}

type Flash = { tone: 'ok' | 'error'; text: string } | null;

const dayAfter = (ymd: string) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const dayBefore = (iso: string) => {
  const d = new Date(iso);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The group admin's tools, shown only in a browser that holds the group's admin token (saved on creation or
 * from the admin link `#admin=...`): share links, rename, public deck boards, seasons, remove a player's
 * results, delete the group [R11.6].
 */
export function GroupAdmin({
  group,
  players,
  seasons,
}: {
  group: { id: string; name: string; publicBoards: boolean };
  players: { profileId: string; displayName: string; games: number; points: number }[];
  seasons: AdminSeason[];
}) {
  const id = useId();
  const router = useRouter();
  const origin = useOrigin();
  const [token, setToken] = useState<string | null>(null);
  const [name, setName] = useState(group.name);
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  const [seasonName, setSeasonName] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [victim, setVictim] = useState('');

  useEffect(() => {
    const hash = new URLSearchParams(window.location.hash.slice(1));
    const fromLink = hash.get('admin');
    if (fromLink) {
      saveAdminGroup({ id: group.id, name: group.name, adminToken: fromLink });
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    setToken(adminTokenFor(group.id));
  }, [group.id, group.name]);

  useEffect(() => setName(group.name), [group.name]);

  if (!token) return null;

  async function run<T>(action: () => Promise<{ ok: true; data: T } | { ok: false; message: string; status: number }>, done: string, after?: (d: T) => void) {
    setBusy(true);
    setFlash(null);
    const res = await action();
    setBusy(false);
    if (!res.ok) {
      setFlash({ tone: 'error', text: res.status === 403 ? 'This browser’s admin link for the group is no longer valid.' : res.message });
      return;
    }
    after?.(res.data);
    setFlash({ tone: 'ok', text: done });
    router.refresh();
  }

  const t = token;
  const rename = (e: FormEvent) => {
    e.preventDefault();
    void run(() => updateGroup(group.id, t, { name }), 'Renamed.', (g) => renameStoredGroup(group.id, g.name));
  };
  const createSeason = (e: FormEvent) => {
    e.preventDefault();
    if (!seasonName.trim() || !start || !end) return setFlash({ tone: 'error', text: 'A season needs a name, a first day and a last day.' });
    if (end < start) return setFlash({ tone: 'error', text: 'The last day comes after the first day.' });
    void run(() => addSeason(group.id, t, { name: seasonName, startsAt: start, endsAt: dayAfter(end) }), 'Season added.', () => {
      setSeasonName('');
      setStart('');
      setEnd('');
    });
  };
  const hide = () => {
    const p = players.find((x) => x.profileId === victim);
    if (!p || !window.confirm(`Remove ${p.displayName}'s results (${p.games} ${p.games === 1 ? 'game' : 'games'}) from this group's boards and insights?`)) return;
    void run(() => hidePlayer(group.id, t, p.profileId), `${p.displayName}'s results were removed.`, () => setVictim(''));
  };
  const remove = () => {
    if (!window.confirm(`Delete the group "${group.name}"? Its games stay readable on their results pages.`)) return;
    void run(() => deleteGroup(group.id, t), 'Deleted.', () => {
      removeAdminGroup(group.id);
      router.push('/groups');
    });
  };

  const joinUrl = origin ? `${origin}/groups/${group.id}/join` : '';
  const adminUrl = origin ? `${origin}/groups/${group.id}#admin=${encodeURIComponent(t)}` : '';
  const isStored = getAdminGroups().some((g) => g.id === group.id);

  return (
    <section className="panel admin" aria-labelledby={`${id}-t`} data-testid="group-admin">
      <h2 id={`${id}-t`} className="panel__title">
        <span className="panel__icon" aria-hidden="true">
          ⚙
        </span>
        Group admin
      </h2>
      {flash ? (
        <p className={flash.tone === 'ok' ? 'admin__ok' : 'form-error'} role={flash.tone === 'ok' ? 'status' : 'alert'} data-testid="admin-flash">
          {flash.text}
        </p>
      ) : null}
      <div className="admin__grid">
        <div className="admin__block">
          <h3 className="admin__title">Invite</h3>
          {joinUrl ? <CopyField label="Join link (share with the group)" value={joinUrl} testId="admin-join-link" /> : null}
          {adminUrl && isStored ? (
            <details className="admin__secret">
              <summary>Admin link (keep it private)</summary>
              <CopyField label="Admin link" value={adminUrl} hint="Opens these tools on another device. Whoever has it can rename or delete the group." />
            </details>
          ) : null}
        </div>

        <div className="admin__block">
          <h3 className="admin__title">Settings</h3>
          <form className="admin__row" onSubmit={rename}>
            <label className="sr-only" htmlFor={`${id}-name`}>
              Group name
            </label>
            <input id={`${id}-name`} className="input" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} data-testid="rename-input" />
            <button type="submit" className="btn btn--secondary" disabled={busy || name.trim() === group.name} data-testid="rename-submit">
              Rename
            </button>
          </form>
          <Toggle
            checked={group.publicBoards}
            disabled={busy}
            onChange={(on) => void run(() => updateGroup(group.id, t, { publicBoards: on }), on ? 'Best games now show on the public deck boards.' : 'Taken off the public deck boards.')}
            label="Public deck boards"
            hint="Show this group's best games (display names and scores) on each deck's public board"
            testId="public-toggle"
          />
        </div>

        <div className="admin__block">
          <h3 className="admin__title">Seasons</h3>
          <p className="field__hint">Calendar months are always available. Add your own ranges (a term, a bootcamp, a quarter); dates are UTC.</p>
          {seasons.length > 0 ? (
            <ul className="admin__list">
              {seasons.map((s) => (
                <li key={s.id}>
                  <span>
                    <strong>{s.name}</strong> <span className="muted">{fmtDay(s.startsAt)} – {fmtDay(dayBefore(s.endsAt))}</span>
                  </span>
                  <button
                    type="button"
                    className="btn btn--ghost-danger btn--sm"
                    disabled={busy}
                    onClick={() => void run(() => deleteSeason(group.id, t, s.id), 'Season deleted.')}
                  >
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <form className="admin__season" onSubmit={createSeason}>
            <input className="input" placeholder="Season name" value={seasonName} maxLength={60} onChange={(e) => setSeasonName(e.target.value)} aria-label="Season name" data-testid="season-name" />
            <input className="input" type="date" value={start} onChange={(e) => setStart(e.target.value)} aria-label="First day" data-testid="season-start" />
            <input className="input" type="date" value={end} onChange={(e) => setEnd(e.target.value)} aria-label="Last day" data-testid="season-end" />
            <button type="submit" className="btn btn--secondary" disabled={busy} data-testid="season-add">
              Add season
            </button>
          </form>
        </div>

        <div className="admin__block">
          <h3 className="admin__title">Players</h3>
          <div className="admin__row">
            <label className="sr-only" htmlFor={`${id}-victim`}>
              Player
            </label>
            <select id={`${id}-victim`} className="input select" value={victim} onChange={(e) => setVictim(e.target.value)} data-testid="remove-player-select">
              <option value="">Choose a player…</option>
              {players.map((p) => (
                <option key={p.profileId} value={p.profileId}>
                  {p.displayName} · {p.games} {p.games === 1 ? 'game' : 'games'} · {fmtPoints(p.points)} pts
                </option>
              ))}
            </select>
            <button type="button" className="btn btn--ghost-danger" disabled={busy || !victim} onClick={hide} data-testid="remove-player">
              Remove results
            </button>
          </div>
          <p className="field__hint">Takes their past results off this group&apos;s boards and insights; the games&apos; own results pages keep them.</p>
          <button type="button" className="btn btn--ghost-danger btn--sm admin__delete" disabled={busy} onClick={remove} data-testid="delete-group">
            Delete this group
          </button>
        </div>
      </div>
    </section>
  );
}
