'use client';

import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { claimSeat, createProfile, recoverProfile } from '@/client/boards-api';
import { getStoredProfile, parseRecoveryInput, recoveryLink, setStoredProfile, type StoredProfile } from '@/client/profile';
import { getSocket, request } from '@/client/socket';
import { getPlayer } from '@/client/storage';
import { useOrigin } from '@/client/useOrigin';
import { CopyField } from '@/components/groups/CopyField';
import { foldSpaces } from '@/contract';
import './claim.css';

type LinkState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** The new profile's recovery link, shown once, with a copy button and "I saved it". */
export function RecoveryNotice({ recoveryCode, onDone }: { recoveryCode: string; onDone: () => void }) {
  const origin = useOrigin();
  if (!origin) return null;
  return (
    <div className="claim__secret" data-testid="recovery-notice">
      <p className="claim__warn">
        <strong>Save your recovery link now.</strong> It is shown once and is the only way to use this profile on another device or
        after clearing the browser. Anyone with it can play as you.
      </p>
      <CopyField label="Recovery link" value={recoveryLink(origin, recoveryCode)} testId="recovery-link" />
      <button type="button" className="btn btn--secondary btn--sm" onClick={onDone} data-testid="recovery-saved">
        I saved it
      </button>
    </div>
  );
}

/**
 * "Keep my results": claim a profile (a display name plus a private recovery link shown once, kept in this
 * browser under `quizroom:profile`) or restore one from a recovery link [R11.2].
 *
 * On the phone it is offered once the game is over (`code` = the room: the game played here is added to the
 * profile, through the game's socket while the room is live, else over HTTP with the seat's rejoin token), never
 * before the first question. Without `code` (personal page, group join page, recovery page) a profile claimed
 * here is sent with the next join (`profileTokenForJoin()` in src/client/profile.ts). `start="recover"` leads with
 * the recovery link field, for people who already have a profile.
 */
export function ClaimProfile({
  code,
  defaultName = '',
  onProfile,
  compact = false,
  start = 'create',
}: {
  code?: string;
  defaultName?: string;
  /** Called when this component claims (isNew) or restores a profile. */
  onProfile?: (p: StoredProfile, isNew: boolean) => void;
  /** A quieter offer (secondary buttons) next to a page's own primary action. */
  compact?: boolean;
  start?: 'create' | 'recover';
}) {
  const id = useId();
  const [profile, setProfile] = useState<StoredProfile | null>(null);
  const [ready, setReady] = useState(false);
  const [mode, setMode] = useState<'create' | 'recover'>(start);
  const [name, setName] = useState(defaultName);
  const [recoverInput, setRecoverInput] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<StoredProfile | null>(null);
  const [link, setLink] = useState<LinkState>({ kind: 'idle' });
  const linkedFor = useRef<string | null>(null);

  useEffect(() => {
    const load = () => setProfile(getStoredProfile());
    load();
    setReady(true);
    window.addEventListener('quizroom:profile', load);
    window.addEventListener('storage', load);
    return () => {
      window.removeEventListener('quizroom:profile', load);
      window.removeEventListener('storage', load);
    };
  }, []);

  useEffect(() => {
    if (defaultName) setName((n) => n || defaultName);
  }, [defaultName]);

  /** Adds this room's game to the profile: live rooms through the socket, finished ones over HTTP. */
  const linkGame = useCallback(
    async (p: StoredProfile) => {
      if (!code) return;
      setLink({ kind: 'saving' });
      if (getSocket().connected) {
        const res = await request('player:linkProfile', { code, profileToken: p.recoveryCode });
        if (res.ok) return setLink({ kind: 'saved' });
        if (res.error.code !== 'unknown_player' && res.error.code !== 'room_not_found' && res.error.code !== 'game_finished') {
          return setLink({ kind: 'error', message: res.error.message });
        }
      }
      const seat = getPlayer(code);
      if (!seat) return setLink({ kind: 'error', message: 'This browser has no seat in that game.' });
      const res = await claimSeat(p.recoveryCode, { code, playerId: seat.playerId, rejoinToken: seat.rejoinToken });
      setLink(res.ok ? { kind: 'saved' } : { kind: 'error', message: res.message });
    },
    [code],
  );

  // A stored profile and a room: save the game once.
  useEffect(() => {
    if (!profile || !code || linkedFor.current === `${code}:${profile.profileId}`) return;
    linkedFor.current = `${code}:${profile.profileId}`;
    void linkGame(profile);
  }, [profile, code, linkGame]);

  function adopt(p: StoredProfile, isNew: boolean) {
    setStoredProfile(p);
    setProfile(p);
    if (isNew) setFresh(p);
    onProfile?.(p, isNew);
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    const clean = foldSpaces(name);
    if (clean.length < 1 || clean.length > 30) return setError('Pick a display name of 1 to 30 characters.');
    setBusy(true);
    setError(null);
    const res = await createProfile(clean);
    setBusy(false);
    if (!res.ok) return setError(res.message);
    adopt({ profileId: res.data.id, displayName: res.data.displayName, recoveryCode: res.data.recoveryCode }, true);
  }

  async function recover(e: FormEvent) {
    e.preventDefault();
    const codeIn = parseRecoveryInput(recoverInput);
    if (!codeIn) return setError('Paste the recovery link (or its code) you saved when you created your profile.');
    setBusy(true);
    setError(null);
    const res = await recoverProfile(codeIn);
    setBusy(false);
    if (!res.ok) return setError(res.message);
    adopt({ profileId: res.data.id, displayName: res.data.displayName, recoveryCode: codeIn }, false);
  }

  if (!ready) return null;

  if (profile) {
    return (
      <section className={`claim claim--done ${compact ? 'claim--compact' : ''}`} data-testid="claim-profile" data-state="claimed" aria-live="polite">
        <p className="claim__who">
          <span className="claim__check" aria-hidden="true">
            ✓
          </span>
          {code ? 'Results saved to' : 'Playing as'} <strong data-testid="profile-name">{profile.displayName}</strong>
          {' · '}
          <Link href="/me">my page</Link>
        </p>
        {code && link.kind === 'saving' ? <p className="muted">Saving this game to your profile…</p> : null}
        {code && link.kind === 'error' ? (
          <p className="form-error" role="alert">
            {link.message}{' '}
            <button type="button" className="link-button" onClick={() => void linkGame(profile)}>
              Try again
            </button>
          </p>
        ) : null}
        {code && link.kind === 'saved' ? (
          <p className="muted" data-testid="game-saved">
            This game is in your history.
          </p>
        ) : null}
        {fresh ? <RecoveryNotice recoveryCode={fresh.recoveryCode} onDone={() => setFresh(null)} /> : null}
      </section>
    );
  }

  return (
    <section className={`claim ${compact ? 'claim--compact' : ''}`} data-testid="claim-profile" data-state="none" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`} className="claim__title">
        {mode === 'create' ? 'Keep your results' : 'Paste the recovery link'}
      </h2>
      <p className="claim__text">
        {mode === 'create'
          ? 'Claim a profile to see your progress across games and in your group’s leaderboard. No sign-up: a name and a private link.'
          : 'The link you saved when you claimed your profile (or just its code).'}
      </p>
      {mode === 'create' ? (
        <form className="claim__form" onSubmit={create} noValidate>
          <label className="sr-only" htmlFor={`${id}-name`}>
            Display name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            placeholder="Display name"
            maxLength={30}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="profile-name-input"
            autoComplete="nickname"
          />
          <button
            type="submit"
            className={`btn ${compact ? 'btn--secondary' : 'btn--primary'}`}
            disabled={busy}
            data-testid="claim-submit"
          >
            {busy ? 'Creating…' : 'Claim profile'}
          </button>
        </form>
      ) : (
        <form className="claim__form" onSubmit={recover} noValidate>
          <label className="sr-only" htmlFor={`${id}-rec`}>
            Recovery link or code
          </label>
          <input
            id={`${id}-rec`}
            className="input"
            placeholder="Paste your recovery link"
            value={recoverInput}
            onChange={(e) => setRecoverInput(e.target.value)}
            data-testid="recover-input"
            autoComplete="off"
          />
          <button
            type="submit"
            className={`btn ${compact ? 'btn--secondary' : 'btn--primary'}`}
            disabled={busy}
            data-testid="recover-submit"
          >
            {busy ? 'Checking…' : 'Use my profile'}
          </button>
        </form>
      )}
      {error ? (
        <p className="form-error" role="alert" data-testid="claim-error">
          {error}
        </p>
      ) : null}
      <p className="claim__switch">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setError(null);
            setMode(mode === 'create' ? 'recover' : 'create');
          }}
        >
          {mode === 'create' ? 'I already have a profile' : 'No recovery link? Create a new profile instead'}
        </button>
      </p>
    </section>
  );
}
