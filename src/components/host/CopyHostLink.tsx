'use client';

import { useEffect, useState } from 'react';

/** Copies this page's address (it carries #token=…) so the host can continue on another device. */
export function CopyHostLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className="btn btn--secondary btn--sm"
      title="The host link works on any device: keep it private"
      onClick={() => {
        navigator.clipboard
          .writeText(window.location.href)
          .then(() => setState('copied'))
          .catch(() => setState('failed'));
      }}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Copy failed' : 'Copy host link'}
      </span>
    </button>
  );
}
