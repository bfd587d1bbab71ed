'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AssignQuestion, AssignResult, AssignSeat } from '@/protocol';
import { getStoredProfile } from '@/client/profile';
import { request, type ClientError } from '@/client/socket';
import { read, remove, setLastNickname, write } from '@/client/storage';
import { monoNow } from '@/client/time';
import { Brand } from '@/components/ui/Brand';
import { lookFor } from '@/components/ui/ChoiceMark';
import { Countdown } from '@/components/ui/Countdown';
import { QuestionCode, RichText } from '@/components/ui/RichText';
import { AnswerError, ChoicePad, TextAnswer } from '@/components/player/AnswerPad';
import { NicknameEntry } from '@/components/player/NicknameForm';
import { CorrectAnswer, KeyIdeas, ReferenceAnswer, VERDICT_BANNERS, VerdictBanner } from '@/components/player/RevealParts';
import '@/components/player/player.css';
import './assign.css';

/**
 * A self-paced assignment on the phone (docs/ASSIGNMENTS.md): start under a nickname (or as the profile kept in
 * this browser), answer one card at a time, see your own reveal as soon as the server has stored your answer,
 * go on when you like. The seat token stays in this browser; the "continue on another device" link carries it in
 * the URL fragment, which never reaches the server.
 */

const seatKey = (id: string) => `quizroom:seat:${id}`;

type View =
  | { kind: 'loading' }
  | { kind: 'join'; error: string | null }
  | { kind: 'seat'; seat: AssignSeat; at: number }
  | { kind: 'reveal'; seat: AssignSeat; question: AssignQuestion; result: AssignResult; finished: boolean }
  | { kind: 'error'; error: ClientError };

function fragmentSeat(): string | null {
  if (typeof window === 'undefined') return null;
  const m = /(?:^#|&)seat=([^&]+)/.exec(window.location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

function JoinForm({ title, about, busy, error, onJoin }: { title: string; about: string; busy: boolean; error: string | null; onJoin: (nickname: string) => void }) {
  return (
    <section className="pj" aria-labelledby="aj-t">
      <p className="pj__room">Self-paced</p>
      <h1 id="aj-t" className="pj__title">
        {title}
      </h1>
      <p className="assign__about" data-testid="assign-about">
        {about}
      </p>
      <p className="muted">Play alone, at your own pace. You can stop and carry on later, on this or another device.</p>
      <NicknameEntry
        idBase="aj"
        busy={busy}
        error={error}
        emptyMessage="Pick a nickname so your host can see who you are."
        submitLabel="Start"
        busyLabel="Starting…"
        onJoin={onJoin}
      />
    </section>
  );
}

function Question({
  seat,
  question,
  at,
  busy,
  error,
  onAnswer,
}: {
  seat: AssignSeat;
  question: AssignQuestion;
  at: number;
  busy: boolean;
  error: string | null;
  onAnswer: (a: { choiceId: string } | { text: string }) => void;
}) {
  return (
    <section className="pq" aria-labelledby="aq-prompt">
      <div className="pq__top">
        <span className="eyebrow" data-testid="assign-progress">
          Question {question.index + 1}/{seat.total}
        </span>
        {question.timeLimitMs !== null && question.remainingMs !== null ? (
          <Countdown remainingMs={question.remainingMs} totalMs={question.timeLimitMs} at={at} size="sm" />
        ) : (
          <span className="muted assign__pace">No timer</span>
        )}
      </div>
      <h1 id="aq-prompt" className="pq__prompt" data-testid="question-prompt">
        <RichText html={question.promptHtml}>{question.prompt}</RichText>
      </h1>
      <QuestionCode html={question.bodyHtml} />
      {question.kind === 'choice' ? (
        <ChoicePad choices={question.choices} disabled={busy} onPick={(choiceId) => onAnswer({ choiceId })} />
      ) : (
        <TextAnswer key={question.index} id="aq-text" busy={busy} onSubmit={(text) => onAnswer({ text })} />
      )}
      <AnswerError message={error} />
    </section>
  );
}

function Reveal({ question, result, onNext, finished }: { question: AssignQuestion; result: AssignResult; onNext: () => void; finished: boolean }) {
  const banner = VERDICT_BANNERS[result.verdict];
  return (
    <section className="pr" aria-labelledby="ar-title">
      <VerdictBanner verdict={result.verdict} titleId="ar-title" title={result.late ? "Time's up" : banner.title} icon={banner.icon}>
        <p className="banner__points">
          <span data-testid="points">+{result.points}</span> pts
        </p>
        {result.why ? <p className="banner__note">{result.why}</p> : null}
      </VerdictBanner>
      {question.kind === 'choice' || result.accepted.length > 0 ? (
        <CorrectAnswer
          label={question.kind === 'choice' ? 'Correct answer' : 'Answer'}
          look={lookFor(question.choices, result.correctChoiceId)}
          text={result.correctText}
          html={result.correctTextHtml}
        />
      ) : null}
      {question.kind === 'text' ? <KeyIdeas matched={result.matched} missing={result.missing} /> : null}
      <ReferenceAnswer text={result.explanation} html={result.explanationHtml} />
      <button type="button" className="btn btn--primary btn--xl btn--block assign__next" data-testid="next-card" onClick={onNext} autoFocus>
        {finished ? 'See my result' : 'Next card →'}
      </button>
    </section>
  );
}

function Summary({ seat }: { seat: AssignSeat }) {
  const done = seat.answered >= seat.total;
  return (
    <section className="pf" aria-labelledby="as-title" data-testid="assign-summary" data-status={seat.status}>
      <p className="eyebrow">{seat.title}</p>
      <h1 id="as-title" className="pf__title">
        {done ? 'All done!' : 'This assignment is closed'}
      </h1>
      <p className="assign__score">
        <span data-testid="final-score">{seat.score}</span> pts · {seat.answered} of {seat.total} cards answered
      </p>
      <p className="muted">
        {done
          ? 'Your results go to your host. Missed cards come back in your review queue if you play with a profile.'
          : 'The deadline has passed: the cards you did not answer no longer count.'}
      </p>
    </section>
  );
}

function ContinueElsewhere({ assignmentId, seatToken }: { assignmentId: string; seatToken: string | null }) {
  const [copied, setCopied] = useState(false);
  if (typeof window === 'undefined') return null;
  if (!seatToken)
    return <p className="muted assign__elsewhere">Playing as your profile: open this link on any device with your profile to carry on.</p>;
  const link = `${window.location.origin}/a/${encodeURIComponent(assignmentId)}#seat=${encodeURIComponent(seatToken)}`;
  return (
    <details className="assign__elsewhere">
      <summary>Continue on another device</summary>
      <p className="muted">Open this private link there; it carries on where you stopped.</p>
      <input className="input" readOnly value={link} aria-label="Private link to continue" data-testid="continue-link" onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        className="btn btn--ghost"
        onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false))}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </details>
  );
}

export function AssignmentPlayer({
  assignmentId,
  title,
  total,
  deadline,
  timerSec,
}: {
  assignmentId: string;
  title: string;
  total: number;
  deadline: string | null;
  timerSec: number | null;
}) {
  const about = [
    `${total} ${total === 1 ? 'card' : 'cards'}`,
    deadline ? `due ${new Date(deadline).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}` : 'no deadline',
    timerSec ? `${timerSec} s per card` : 'no timer',
  ].join(' · ');
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [answerError, setAnswerError] = useState<string | null>(null);
  const [seatToken, setSeatToken] = useState<string | null>(null);
  const opened = useRef(false);

  const show = useCallback((seat: AssignSeat) => setView({ kind: 'seat', seat, at: monoNow() }), []);

  const open = useCallback(
    async (nickname?: string) => {
      setBusy(true);
      const fromLink = fragmentSeat();
      if (fromLink) {
        write(seatKey(assignmentId), fromLink);
        // The token leaves the address bar (and the history) once kept.
        window.history.replaceState(null, '', window.location.pathname);
      }
      const stored = read(seatKey(assignmentId));
      const profile = getStoredProfile();
      const res = await request('assign:open', {
        assignmentId,
        ...(stored ? { seatToken: stored } : profile ? { profileToken: profile.recoveryCode } : {}),
        ...(nickname ? { nickname } : {}),
      });
      setBusy(false);
      if (!res.ok) {
        if (res.error.code === 'bad_token' && stored) {
          remove(seatKey(assignmentId));
          setView({ kind: 'join', error: 'That seat is not valid any more: start again.' });
        } else if (res.error.code === 'invalid_nickname' && !nickname) {
          setView({ kind: 'join', error: null });
        } else if (nickname) {
          setView({ kind: 'join', error: res.error.message });
        } else {
          setView({ kind: 'error', error: res.error });
        }
        return;
      }
      if (res.data.seatToken) {
        write(seatKey(assignmentId), res.data.seatToken);
        setSeatToken(res.data.seatToken);
      }
      if (nickname) setLastNickname(nickname);
      show(res.data);
    },
    [assignmentId, show],
  );

  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    // A seat kept here (or brought by link) or a profile resumes at once; anyone else picks a nickname first.
    if (fragmentSeat() || read(seatKey(assignmentId)) || getStoredProfile()) void open();
    else setView({ kind: 'join', error: null });
  }, [assignmentId, open]);

  async function answer(seat: AssignSeat, question: AssignQuestion, a: { choiceId: string } | { text: string }, at: number) {
    setBusy(true);
    setAnswerError(null);
    const send = () =>
      request('assign:answer', { assignmentId, questionIndex: question.index, ...a, reactionMs: Math.round(monoNow() - at) });
    let res = await send();
    // A reconnected socket knows no seat yet: open it again with what this browser keeps, then send once more.
    if (!res.ok && res.error.code === 'unknown_player' && (await reopen())) res = await send();
    setBusy(false);
    if (!res.ok) {
      setAnswerError(res.error.message);
      return;
    }
    setView({
      kind: 'reveal',
      seat: { ...seat, answered: res.data.answered, score: res.data.score },
      question,
      result: res.data.result,
      finished: res.data.finished,
    });
  }

  async function reopen(): Promise<boolean> {
    const stored = read(seatKey(assignmentId));
    const profile = getStoredProfile();
    if (!stored && !profile) return false;
    const res = await request('assign:open', { assignmentId, ...(stored ? { seatToken: stored } : { profileToken: profile?.recoveryCode ?? '' }) });
    return res.ok;
  }

  async function next() {
    setBusy(true);
    const res = await request('assign:next', { assignmentId });
    setBusy(false);
    if (!res.ok) {
      // The socket may have reconnected (a new connection knows no seat): open again with the kept token.
      if (res.error.code === 'unknown_player') return void open();
      setView({ kind: 'error', error: res.error });
      return;
    }
    show(res.data);
  }

  let body;
  let seatForBar: AssignSeat | null = null;
  switch (view.kind) {
    case 'loading':
      body = (
        <p className="muted" role="status">
          Opening the assignment…
        </p>
      );
      break;
    case 'join':
      body = <JoinForm title={title} about={about} busy={busy} error={view.error} onJoin={(n) => void open(n)} />;
      break;
    case 'error':
      body = (
        <section className="pj" aria-labelledby="ae-t">
          <h1 id="ae-t" className="pj__title">
            Could not open the assignment
          </h1>
          <p data-testid="player-error">{view.error.message}</p>
          <button type="button" className="btn btn--primary btn--lg" onClick={() => void open()}>
            Try again
          </button>
        </section>
      );
      break;
    case 'seat': {
      seatForBar = view.seat;
      const { seat } = view;
      body =
        seat.status === 'playing' && seat.question ? (
          <>
            <Question
              key={seat.question.index}
              seat={seat}
              question={seat.question}
              at={view.at}
              busy={busy}
              error={answerError}
              onAnswer={(a) => void answer(seat, seat.question as AssignQuestion, a, view.at)}
            />
            <ContinueElsewhere assignmentId={assignmentId} seatToken={seatToken ?? read(seatKey(assignmentId))} />
          </>
        ) : (
          <Summary seat={seat} />
        );
      break;
    }
    case 'reveal':
      seatForBar = view.seat;
      body = <Reveal question={view.question} result={view.result} finished={view.finished} onNext={() => void next()} />;
      break;
    default: {
      const never: never = view;
      throw new Error(`unknown view ${String(never)}`);
    }
  }

  return (
    <main className="phone phone--assign" data-testid="assign-player" data-view={view.kind} id="main">
      <header className="phone__bar">
        <Brand href="/" size={24} />
        {seatForBar ? (
          <div className="phone__me">
            <span className="phone__nick">{seatForBar.nickname}</span>
            <span className="phone__score" aria-label={`Score ${seatForBar.score}`} data-testid="header-score">
              {seatForBar.score}
            </span>
          </div>
        ) : null}
      </header>
      {seatForBar?.deadline ? (
        <p className="assign__deadline muted" data-testid="assign-deadline">
          Due {new Date(seatForBar.deadline).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
        </p>
      ) : null}
      <div className="phone__body">{body}</div>
    </main>
  );
}
