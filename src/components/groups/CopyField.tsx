'use client';

import { useId, useState } from 'react';
import './copy-field.css';

/** A read-only link or code with a Copy button (falls back to selecting the text). */
export function CopyField({ label, value, testId, hint }: { label: string; value: string; testId?: string; hint?: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy(input: HTMLInputElement | null) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      input?.select();
    }
  }
  return (
    <div className="field copy-field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field__row">
        <input id={id} className="input copy-field__input" readOnly value={value} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn btn--secondary" onClick={(e) => void copy(e.currentTarget.previousElementSibling as HTMLInputElement | null)}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {hint ? <p className="field__hint">{hint}</p> : null}
    </div>
  );
}
