'use client';

import { secondsLeft, useRemaining } from '@/client/time';
import './motion.css';

interface CountdownProps {
  remainingMs: number;
  totalMs: number;
  /** monoNow() when remainingMs was received. */
  at: number;
  testId?: string;
  size?: 'sm' | 'md' | 'lg';
  /** Label for assistive technology, e.g. "Question 3". */
  label?: string;
  /** The host paused the game: the time left stands still [R14.1]. */
  paused?: boolean | undefined;
}

/**
 * Seconds left plus a draining bar, driven by the server's remainingMs. The visible number is not a live
 * region (it would talk every second); a separate polite region speaks at 10 s, 5 s and at zero.
 */
export function Countdown({
  remainingMs,
  totalMs,
  at,
  testId = 'countdown',
  size = 'md',
  label = 'Time left',
  paused = false,
}: CountdownProps) {
  const running = useRemaining(paused ? null : remainingMs, at, 100);
  const left = paused ? remainingMs : (running ?? 0);
  const secs = secondsLeft(left);
  const fraction = totalMs > 0 ? Math.min(1, Math.max(0, left / totalMs)) : 0;
  const urgency = secs <= 5 ? 'urgent' : secs <= 10 ? 'soon' : 'calm';
  const spoken = secs === 0 ? "Time's up" : secs === 10 || secs === 5 ? `${secs} seconds left` : null;
  return (
    <div className={`countdown countdown--${size} countdown--${urgency}`}>
      <div className="countdown__track" aria-hidden="true">
        <div className="countdown__fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <div
        // A new element each second of the last five restarts the beat animation (motion.css).
        key={urgency === 'urgent' ? secs : 'calm'}
        className="countdown__secs"
        role="timer"
        aria-label={`${label}: ${secs} seconds`}
        data-testid={testId}
        data-remaining-ms={Math.round(left)}
      >
        {secs}
      </div>
      <span className="sr-only" aria-live="polite" aria-atomic="true">
        {spoken}
      </span>
    </div>
  );
}

/** "Next in 6 s" for auto-advance; nothing when the phase does not move on by itself. */
export function AutoAdvanceHint({ remainingMs, at }: { remainingMs: number | null; at: number }) {
  const left = useRemaining(remainingMs, at, 250);
  if (left == null) return null;
  return (
    <span className="auto-hint" aria-live="off">
      Next in {secondsLeft(left)} s
    </span>
  );
}
