'use client';

import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ClientError } from '@/client/socket';
import { getStoredProfile } from '@/client/profile';
import { getLastNickname } from '@/client/storage';
import { charCount, cleanText, NICKNAME_MAX } from '@/contract';

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
  const [nickname, setNickname] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [profileName, setProfileName] = useState<string | null>(null);
  useEffect(() => {
    setNickname((n) => n || getLastNickname());
    setProfileName(getStoredProfile()?.displayName ?? null);
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    // The server's own text policy, so what the phone accepts is what the room stores [R2.2].
    const checked = cleanText(nickname, 'nickname');
    if (!checked.ok) {
      setLocal(`This nickname ${checked.message}.`);
      return;
    }
    const clean = checked.text;
    if (clean.length === 0) {
      setLocal('Pick a nickname so the others can see who you are.');
      return;
    }
    if (charCount(clean) > NICKNAME_MAX) {
      setLocal(`Nicknames are at most ${NICKNAME_MAX} characters.`);
      return;
    }
    setLocal(null);
    onJoin(clean);
  }

  const message = local ?? error?.message ?? null;
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
      <form className="pj__form" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-nick`} className="field__label">
          Your nickname
        </label>
        <input
          id={`${id}-nick`}
          className="input input--xl"
          data-testid="nickname-input"
          value={nickname}
          onChange={(e) => {
            setNickname(e.target.value);
            setLocal(null);
          }}
          maxLength={NICKNAME_MAX}
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          autoFocus
          placeholder="e.g. Ada"
          aria-invalid={message ? true : undefined}
          aria-describedby={`${id}-err`}
        />
        <div id={`${id}-err`} className="alert-slot">
          {message ? (
            <p className="field__error" data-testid="join-error" role="alert">
              {message}
            </p>
          ) : null}
        </div>
        <button
          type="submit"
          className="btn btn--primary btn--xl btn--block"
          data-testid="join-submit"
          disabled={busy}
        >
          {busy ? 'Joining…' : "Let's go"}
        </button>
      </form>
      {profileName ? (
        <p className="pj__profile muted" data-testid="join-profile">
          This game will be saved to your profile <strong>{profileName}</strong>.
        </p>
      ) : null}
    </section>
  );
}
