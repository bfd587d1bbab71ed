'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { codeProblem, normalizeCode } from '@/client/codes';

/** Room code field -> /play/CODE. `big` is the /join page's single huge field. */
export function JoinForm({
  initialCode = '',
  big = false,
  autoFocus = false,
}: {
  initialCode?: string;
  big?: boolean;
  autoFocus?: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [code, setCode] = useState(() => normalizeCode(initialCode).slice(0, 6));
  const [problem, setProblem] = useState<string | null>(null);
  const [going, setGoing] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    const p = codeProblem(code);
    setProblem(p);
    if (p) return;
    setGoing(true);
    router.push(`/play/${normalizeCode(code)}`);
  }

  return (
    <form className={`join-form ${big ? 'join-form--big' : ''}`} onSubmit={submit} noValidate>
      <label htmlFor={`${id}-code`} className={big ? 'sr-only' : 'field__label'}>
        Room code
      </label>
      <div className="join-form__row">
        <input
          id={`${id}-code`}
          data-testid="join-code"
          className="input input--code"
          value={code}
          onChange={(e) => {
            setCode(normalizeCode(e.target.value).slice(0, 6));
            setProblem(null);
          }}
          placeholder="ABC123"
          maxLength={8}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          enterKeyHint="go"
          autoFocus={autoFocus}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-err` : undefined}
        />
        <button type="submit" className="btn btn--primary btn--lg" data-testid="join-go" disabled={going}>
          {going ? 'Joining…' : 'Join'}
        </button>
      </div>
      {problem ? (
        <p id={`${id}-err`} className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
