'use client';

import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { createGroup, type CreatedGroup } from '@/client/boards-api';
import { saveAdminGroup } from '@/client/groups';
import { Toggle } from '@/components/ui/Toggle';
import { foldSpaces } from '@/contract';
import { CopyField } from './CopyField';

/** Creates a group, then shows its join link and its admin link once [R11.6]. */
export function CreateGroup() {
  const id = useId();
  const [name, setName] = useState('');
  const [publicBoards, setPublicBoards] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedGroup | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = foldSpaces(name);
    if (clean.length < 1 || clean.length > 60) return setError('Give the group a name of 1 to 60 characters.');
    setBusy(true);
    setError(null);
    const res = await createGroup(clean, publicBoards);
    setBusy(false);
    if (!res.ok) return setError(res.message);
    saveAdminGroup({ id: res.data.id, name: res.data.name, adminToken: res.data.adminToken });
    setCreated(res.data);
  }

  if (created) {
    return (
      <section className="panel created" data-testid="group-created" data-group-id={created.id}>
        <h2 className="panel__title">
          <span className="panel__icon" aria-hidden="true">
            ✓
          </span>
          {created.name} is ready
        </h2>
        <div className="created__links">
          <CopyField
            label="Join link: share it with the group"
            value={created.joinUrl}
            testId="join-link"
            hint="Members open it to follow the leaderboard and claim a profile."
          />
          <CopyField
            label="Admin link: keep it private"
            value={created.adminUrl}
            testId="admin-link"
            hint="Shown this once. It is the only way to rename the group, manage seasons, remove results or delete it from another device. This browser already remembers it."
          />
        </div>
        <div className="created__actions">
          <Link href={`/groups/${created.id}`} className="btn btn--primary" data-testid="open-board">
            Open the leaderboard
          </Link>
          <Link href={`/?group=${encodeURIComponent(created.id)}`} className="btn btn--secondary">
            Host a game for it
          </Link>
        </div>
        <p className="field__hint">When you host, choose the group under “Count for a group” so the game goes to its leaderboard.</p>
      </section>
    );
  }

  return (
    <form className="panel create-group" onSubmit={submit} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          Group name
        </label>
        <input
          id={`${id}-name`}
          className="input input--xl"
          placeholder="Thursday study group"
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="group-name-input"
          autoFocus
        />
        <p className="field__hint">A study team, a bootcamp cohort, a meetup.</p>
      </div>
      <Toggle
        checked={publicBoards}
        onChange={setPublicBoards}
        label="Public deck boards"
        hint="Show the group's best games on each deck's public board (display names and scores). You can change it later."
        testId="group-public-toggle"
      />
      <button type="submit" className="btn btn--primary btn--lg btn--block" disabled={busy} data-testid="create-group">
        {busy ? 'Creating…' : 'Create group'}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
