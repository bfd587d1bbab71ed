'use client';

import { useEffect, useId, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import type { ClientError } from '@/client/socket';
import { getStoredProfile } from '@/client/profile';
import { getLastNickname } from '@/client/storage';
import { charCount, cleanText, NICKNAME_MAX } from '@/contract';

/**
 * The nickname field and its button, for joining a live game (NicknameForm) or starting a self-paced assignment
 * (AssignmentPlayer): filled with the last nickname used here, checked with the server's own text policy so what
 * the phone accepts is what the room stores [R2.2]; `error` (the server's refusal) shown inline.
 */
export function NicknameEntry({
  idBase,
  busy,
  error,
  emptyMessage,
  submitLabel,
  busyLabel,
  input,
  onJoin,
}: {
  idBase: string;
  busy: boolean;
  error: string | null;
  /** What to say when no nickname is given. */
  emptyMessage: string;
  submitLabel: string;
  busyLabel: string;
  input?: Pick<InputHTMLAttributes<HTMLInputElement>, 'autoFocus' | 'autoCorrect'>;
  onJoin: (nickname: string) => void;
}) {
  const [nickname, setNickname] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => setNickname((n) => n || getLastNickname()), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const checked = cleanText(nickname, 'nickname');
    if (!checked.ok) return setLocal(`This nickname ${checked.message}.`);
    const clean = checked.text;
    if (clean.length === 0) return setLocal(emptyMessage);
    if (charCount(clean) > NICKNAME_MAX) return setLocal(`Nicknames are at most ${NICKNAME_MAX} characters.`);
    setLocal(null);
    onJoin(clean);
  }

  const message = local ?? error;
  return (
    <form className="pj__form" onSubmit={submit} noValidate>
      <label htmlFor={`${idBase}-nick`} className="field__label">
        Your nickname
      </label>
      <input
        id={`${idBase}-nick`}
        className="input input--xl"
        data-testid="nickname-input"
        value={nickname}
        onChange={(e) => {
          setNickname(e.target.value);
          setLocal(null);
        }}
        maxLength={NICKNAME_MAX}
        autoComplete="off"
        {...input}
        spellCheck={false}
        enterKeyHint="go"
        placeholder="e.g. Ada"
        aria-invalid={message ? true : undefined}
        aria-describedby={`${idBase}-err`}
      />
      <div id={`${idBase}-err`} className="alert-slot">
        {message ? (
          <p className="field__error" data-testid="join-error" role="alert">
            {message}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn--primary btn--xl btn--block" data-testid="join-submit" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}

/**
 * The join form on the phone: one nickname field and one button; server refusals (nickname_taken…) shown
 * inline. The profile offer waits for the end of the game; a profile already on this device is only named.
 */
export function NicknameForm({
  code,
  title,
  busy,
  error,
  notice,
  onJoin,
}: {
  code: string;
  title?: string;
  busy: boolean;
  error: ClientError | null;
  notice: string | null;
  onJoin: (nickname: string) => void;
}) {
  const id = useId();
  const [profileName, setProfileName] = useState<string | null>(null);
  useEffect(() => setProfileName(getStoredProfile()?.displayName ?? null), []);

  return (
    <section className="pj" aria-labelledby={`${id}-t`}>
      <p className="pj__room">
        Room <span className="pj__code">{code}</span>
      </p>
      <h1 id={`${id}-t`} className="pj__title">
        {title ?? 'Join the game'}
      </h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <NicknameEntry
        idBase={id}
        busy={busy}
        error={error?.message ?? null}
        emptyMessage="Pick a nickname so the others can see who you are."
        submitLabel="Let's go"
        busyLabel="Joining…"
        input={{ autoCorrect: 'off', autoFocus: true }}
        onJoin={onJoin}
      />
      {profileName ? (
        <p className="pj__profile muted" data-testid="join-profile">
          This game will be saved to your profile <strong>{profileName}</strong>.
        </p>
      ) : null}
    </section>
  );
}
