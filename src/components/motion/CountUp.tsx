'use client';

import { useEffect, useRef, useState } from 'react';
import { prefersReducedMotion, useReducedMotion } from './reduced-motion';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * A number that counts to its new value (ease-out) instead of jumping: scores, points, podium totals. `from`
 * makes the first render count too (a reveal's "+120" from 0); otherwise only later changes animate, so a
 * refreshed page shows the score as it is. `data-counting` is set while it runs (tests wait for it to go).
 * Jumps straight to the value under `prefers-reduced-motion`.
 */
export function CountUp({
  value,
  from,
  durationMs = 900,
  delayMs = 0,
  format = fmt,
  className,
  testId,
}: {
  value: number;
  from?: number;
  durationMs?: number;
  delayMs?: number;
  format?: (n: number) => string;
  className?: string;
  testId?: string;
}) {
  const reduced = useReducedMotion();
  const [shown, setShown] = useState(() => (from === undefined || prefersReducedMotion() ? value : from));
  const shownRef = useRef(shown);
  useEffect(() => {
    const start = shownRef.current;
    if (reduced || start === value) {
      shownRef.current = value;
      setShown(value);
      return;
    }
    let raf = 0;
    const t0 = performance.now() + delayMs;
    const step = (t: number) => {
      const p = Math.min(1, Math.max(0, (t - t0) / durationMs));
      const eased = 1 - (1 - p) ** 3;
      const v = p >= 1 ? value : Math.round(start + (value - start) * eased);
      shownRef.current = v;
      setShown(v);
      if (p < 1) raf = requestAnimationFrame(step);
    };
    raf = requestAnimationFrame(step);
    return () => cancelAnimationFrame(raf);
  }, [value, reduced, durationMs, delayMs]);
  return (
    <span className={className} data-testid={testId} data-counting={shown !== value ? 'true' : undefined}>
      {format(shown)}
    </span>
  );
}
