'use client';

import { useEffect, useState } from 'react';

/** A monotonic "now" in ms for countdowns (immune to the wall clock being changed). */
export function monoNow(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

/**
 * Milliseconds left of a server duration: `remainingMs` as sent, counted down from `receivedAt` (monoNow when
 * the message arrived). Ticks every `stepMs` while above zero; null in, null out.
 */
export function useRemaining(
  remainingMs: number | null | undefined,
  receivedAt: number,
  stepMs = 200,
): number | null {
  const compute = () => (remainingMs == null ? null : Math.max(0, remainingMs - (monoNow() - receivedAt)));
  const [left, setLeft] = useState<number | null>(compute);
  useEffect(() => {
    if (remainingMs == null) {
      setLeft(null);
      return;
    }
    const update = () => setLeft(Math.max(0, remainingMs - (monoNow() - receivedAt)));
    update();
    const id = window.setInterval(update, stepMs);
    return () => window.clearInterval(id);
  }, [remainingMs, receivedAt, stepMs]);
  return left;
}

/** Whole seconds shown for a countdown: 19.2s -> 20, so "0" appears only when time is really up. */
export function secondsLeft(ms: number | null): number {
  return ms == null ? 0 : Math.ceil(ms / 1000);
}
