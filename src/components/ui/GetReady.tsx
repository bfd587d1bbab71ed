'use client';

import type { PublicQuestion } from '@/protocol';
import { secondsLeft, useRemaining } from '@/client/time';
import { RichText } from './RichText';
import './controls.css';

/**
 * The "get ready" lead-in [R14.5]: the question, no choices yet, and the seconds until answers open. The
 * server withholds the choices until then, so nothing here can be answered early.
 */
export function GetReady({
  question,
  number,
  total,
  at,
  variant = 'phone',
  paused = false,
}: {
  question: PublicQuestion;
  number: number;
  total: number;
  at: number;
  variant?: 'phone' | 'screen' | 'host';
  /** The host paused during the lead-in: the count stands still [R14.2]. */
  paused?: boolean | undefined;
}) {
  const running = useRemaining(paused ? null : (question.readyInMs ?? 0), at, 100);
  const left = paused ? (question.readyInMs ?? 0) : running;
  const secs = secondsLeft(left);
  return (
    <section className={`get-ready get-ready--${variant}`} data-testid="get-ready" aria-labelledby="get-ready-title">
      <p className="eyebrow">
        Question {number} of {total}
      </p>
      <p className="get-ready__title">Get ready…</p>
      <h1 id="get-ready-title" className="get-ready__prompt" data-testid="question-prompt">
        <RichText html={question.promptHtml}>{question.prompt}</RichText>
      </h1>
      <p className="get-ready__count" role="timer" aria-label={`Answers open in ${secs} seconds`}>
        <span key={secs} className="get-ready__num">
          {secs > 0 ? secs : 'Go!'}
        </span>
      </p>
    </section>
  );
}

/** Over every screen while the host has paused the game [R14.1]. */
export function PausedBanner({ variant = 'phone' }: { variant?: 'phone' | 'screen' | 'host' }) {
  return (
    <div className={`paused-banner paused-banner--${variant}`} role="status" data-testid="paused-banner">
      <span className="paused-banner__icon" aria-hidden="true">
        ❚❚
      </span>
      <span>Paused by the host: the clock has stopped</span>
    </div>
  );
}
