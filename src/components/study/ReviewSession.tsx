'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { getStoredProfile, type StoredProfile } from '@/client/profile';
import { answerReviewCard, nextReviewCard, selfRateReview, type ReviewCardView, type ReviewReveal } from '@/client/study-api';
import { StatusScreen } from '@/components/ui/StatusScreen';
import { StudyText } from '@/components/ui/StudyText';
import { VerdictBadge } from '@/components/ui/Verdict';

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'card'; card: ReviewCardView; shownAt: number; remaining: number }
  | { kind: 'reveal'; card: ReviewCardView; reveal: ReviewReveal; next: ReviewCardView | null; remaining: number }
  | { kind: 'done' };

interface Done {
  cardId: string;
  prompt: string;
  verdict: ReviewReveal['verdict'];
  interval: string;
  selfRated: boolean;
}

const RATING_TEXT = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' } as const;

/**
 * A review session [R16.3]: the cards due today, one at a time, each once. Typed answers are graded by the
 * server as in a game, choice cards answered as choices; the reveal shows the reference answer, the key ideas hit
 * and missed, and when the card comes back. "I knew it" reschedules a typed answer as Good (scores never change).
 */
export function ReviewSession() {
  const [profile, setProfile] = useState<StoredProfile | null | undefined>(undefined);
  const [room, setRoom] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done[]>([]);
  const since = useRef<number | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setProfile(getStoredProfile());
    const r = new URLSearchParams(window.location.search).get('room');
    setRoom(r && /^[A-Za-z0-9]{6}$/.test(r) ? r.toUpperCase() : undefined);
  }, []);

  const start = useCallback(async (p: StoredProfile, r: string | undefined) => {
    const res = await nextReviewCard(p.recoveryCode, undefined, r);
    if (!res.ok) {
      setPhase({ kind: 'error', message: res.message });
      return;
    }
    since.current = res.data.since;
    setPhase(res.data.card ? { kind: 'card', card: res.data.card, shownAt: performance.now(), remaining: res.data.remaining } : { kind: 'done' });
  }, []);

  useEffect(() => {
    if (profile) void start(profile, room);
  }, [profile, room, start]);

  useEffect(() => {
    heading.current?.focus();
  }, [phase.kind, phase.kind === 'card' ? phase.card.cardId : null]);

  if (profile === undefined) return <StatusScreen tone="loading" title="Loading…" />;
  if (profile === null) {
    return (
      <StatusScreen
        tone="info"
        title="Reviews need a profile"
        actions={
          <Link href="/me" className="btn btn--primary btn--lg">
            Create or restore a profile
          </Link>
        }
      >
        <p>Your review queue belongs to your profile: play a game with it, or restore it on this device.</p>
      </StatusScreen>
    );
  }

  async function submit(card: ReviewCardView, answer: { text?: string; choiceId?: string }, shownAt: number) {
    if (!profile || busy) return;
    setBusy(true);
    const res = await answerReviewCard(profile.recoveryCode, {
      cardId: card.cardId,
      ...answer,
      elapsedMs: Math.min(3_600_000, Math.max(0, Math.round(performance.now() - shownAt))),
      since: since.current ?? Date.now(),
      ...(room ? { room } : {}),
    });
    setBusy(false);
    if (!res.ok) {
      setPhase({ kind: 'error', message: res.message });
      return;
    }
    const { reveal, next, remaining } = res.data;
    setDone((d) => [...d, { cardId: card.cardId, prompt: card.prompt, verdict: reveal.verdict, interval: reveal.interval, selfRated: false }]);
    setPhase({ kind: 'reveal', card, reveal, next, remaining });
  }

  async function knewIt(reveal: ReviewReveal) {
    if (!profile || busy || phase.kind !== 'reveal') return;
    setBusy(true);
    const res = await selfRateReview(profile.recoveryCode, reveal.logId, 'good');
    setBusy(false);
    if (!res.ok) return;
    const updated = { ...reveal, rating: res.data.rating, interval: res.data.interval, intervalMs: res.data.intervalMs, due: res.data.due, canSelfRate: false };
    setDone((d) => d.map((x) => (x.cardId === reveal.cardId ? { ...x, interval: res.data.interval, selfRated: true } : x)));
    setPhase({ ...phase, reveal: updated });
  }

  function advance() {
    if (phase.kind !== 'reveal') return;
    setText('');
    setPhase(phase.next ? { kind: 'card', card: phase.next, shownAt: performance.now(), remaining: phase.remaining } : { kind: 'done' });
  }

  switch (phase.kind) {
    case 'loading':
      return <StatusScreen tone="loading" title="Finding your due cards…" />;
    case 'error':
      return (
        <StatusScreen tone="error" title="Could not load your review" actions={<Link href="/me" className="btn btn--secondary btn--lg">Back to my page</Link>}>
          <p data-testid="review-error">{phase.message}</p>
        </StatusScreen>
      );
    case 'card': {
      const { card, shownAt, remaining } = phase;
      const onText = (e: FormEvent) => {
        e.preventDefault();
        if (text.trim() !== '') void submit(card, { text }, shownAt);
      };
      return (
        <section className="review" aria-labelledby="review-q" data-testid="review-card" data-card={card.cardId} data-kind={card.kind}>
          <p className="eyebrow">
            {card.deckTitle}
            {card.topic ? ` · ${card.topic}` : ''} · <span data-testid="review-remaining">{remaining} left</span>
          </p>
          <h1 id="review-q" className="review__prompt" tabIndex={-1} ref={heading}>
            {card.prompt}
          </h1>
          {card.body ? <pre className="review__body">{card.body.replace(/^```\w*\n?|```$/gm, '')}</pre> : null}
          {card.kind === 'choice' && card.choices ? (
            <div className="review__choices" role="group" aria-label="Choices">
              {card.choices.map((c) => (
                <button
                  key={c.id}
                  type="button"
                  className="btn btn--secondary btn--lg btn--block review__choice"
                  disabled={busy}
                  onClick={() => void submit(card, { choiceId: c.id }, shownAt)}
                  data-testid="review-choice"
                  data-choice={c.id}
                >
                  {c.text}
                </button>
              ))}
            </div>
          ) : (
            <form className="review__form" onSubmit={onText}>
              <label className="field" htmlFor="review-answer">
                <span>Your answer</span>
                <input
                  id="review-answer"
                  className="input"
                  value={text}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e) => setText(e.target.value)}
                  data-testid="review-input"
                />
              </label>
              <button type="submit" className="btn btn--primary btn--lg btn--block" disabled={busy || text.trim() === ''} data-testid="review-submit">
                Check
              </button>
            </form>
          )}
        </section>
      );
    }
    case 'reveal': {
      const { card, reveal, next } = phase;
      const chosen = card.choices?.find((c) => c.id === reveal.chosenChoiceId);
      const right = card.choices?.find((c) => c.id === reveal.correctChoiceId);
      return (
        <section className="review review--reveal" aria-labelledby="review-r" data-testid="review-reveal" data-verdict={reveal.verdict}>
          <p className="eyebrow">
            {card.deckTitle}
            {card.topic ? ` · ${card.topic}` : ''}
          </p>
          <h1 id="review-r" className="review__prompt" tabIndex={-1} ref={heading}>
            {card.prompt}
          </h1>
          <p className="review__verdict">
            <VerdictBadge verdict={reveal.verdict} />
          </p>
          {chosen && right && chosen.id !== right.id ? (
            <p>
              You chose <q>{chosen.text}</q>; the answer is <strong>{right.text}</strong>.
            </p>
          ) : null}
          <p className="review__next" data-testid="review-interval" data-ms={reveal.intervalMs}>
            Rated <strong>{RATING_TEXT[reveal.rating]}</strong>: next review in <strong>{reveal.interval}</strong>
          </p>
          {reveal.canSelfRate && reveal.verdict !== 'correct' ? (
            <button type="button" className="btn btn--secondary btn--sm" onClick={() => void knewIt(reveal)} disabled={busy} data-testid="knew-it">
              I knew it (schedule as Good)
            </button>
          ) : null}
          <div className="review__study">
            <h2 className="section-title">Reference answer</h2>
            <StudyText text={reveal.answer} testId="review-answer-text" />
            {reveal.matched.length + reveal.missing.length > 0 ? (
              <h3 className="review__ideas-title">Key ideas: {reveal.matched.length} of {reveal.matched.length + reveal.missing.length} in your answer</h3>
            ) : null}
            {reveal.matched.length + reveal.missing.length > 0 ? (
              <ul className="review__ideas" aria-label="Key ideas">
                {reveal.matched.map((i) => (
                  <li key={`m${i}`} className="review__idea review__idea--hit">
                    <span aria-hidden="true">✓ </span>
                    {i} <span className="sr-only">(you had it)</span>
                  </li>
                ))}
                {reveal.missing.map((i) => (
                  <li key={`x${i}`} className="review__idea review__idea--miss">
                    <span aria-hidden="true">○ </span>
                    {i} <span className="sr-only">(missing)</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <button type="button" className="btn btn--primary btn--xl btn--block" onClick={advance} data-testid="review-next">
            {next ? 'Next card' : 'Finish'}
          </button>
        </section>
      );
    }
    case 'done':
      return (
        <section className="review review--done" aria-labelledby="review-d" data-testid="review-done">
          <h1 id="review-d" className="review__prompt" tabIndex={-1} ref={heading}>
            {done.length === 0 ? 'Nothing due right now' : 'Review done'}
          </h1>
          {done.length > 0 ? (
            <>
              <p className="muted">Each card comes back when you are about to forget it:</p>
              <ul className="review__list" data-testid="review-rescheduled">
                {done.map((d) => (
                  <li key={d.cardId} data-card={d.cardId}>
                    <VerdictBadge verdict={d.verdict} /> {d.prompt} <span className="review__when">→ again in <strong>{d.interval}</strong>{d.selfRated ? ' (your rating)' : ''}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Your due cards are done for today.</p>
          )}
          <Link className="btn btn--primary btn--lg" href="/me" data-testid="review-back">
            Back to my page
          </Link>
        </section>
      );
  }
}
