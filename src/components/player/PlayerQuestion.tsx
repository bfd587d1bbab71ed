'use client';

import { useState, type FormEvent } from 'react';
import type { PublicQuestion, PublicState } from '@/protocol';
import type { ClientError } from '@/client/socket';
import type { LocalAnswer } from '@/client/usePlayerRoom';
import { secondsLeft, useRemaining } from '@/client/time';
import { ChoiceBadge, choiceLook, lookFor } from '@/components/ui/ChoiceMark';
import { Countdown } from '@/components/ui/Countdown';
import { charCount, cleanText, TEXT_ANSWER_MAX } from '@/contract';
import { QuestionCode, RichText } from '@/components/ui/RichText';

function TextAnswer({ onSubmit, disabled }: { onSubmit: (text: string) => void; disabled: boolean }) {
  const [text, setText] = useState('');
  // Cleaned as the server cleans it [R4.4]: blank (or invisible-only) is no answer. Text the policy refuses is
  // sent as typed, so the server's refusal explains why.
  const checked = cleanText(text, 'answer');
  const clean = checked.ok ? checked.text : text;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!clean || disabled) return;
    onSubmit(clean);
  }
  return (
    <form className="pq__text" onSubmit={submit}>
      <label htmlFor="pq-text" className="sr-only">
        Your answer
      </label>
      <input
        id="pq-text"
        className="input input--xl"
        data-testid="text-answer"
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={TEXT_ANSWER_MAX}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="send"
        autoFocus
        placeholder="Type your answer"
        disabled={disabled}
      />
      <div className="pq__textmeta">
        <span className="muted">Key ideas count, spelling is forgiven.</span>
        <span className="muted">
          {charCount(text)}/{TEXT_ANSWER_MAX}
        </span>
      </div>
      <button
        type="submit"
        className="btn btn--primary btn--xl btn--block"
        data-testid="submit-answer"
        disabled={disabled || clean.length === 0}
      >
        Submit answer
      </button>
    </form>
  );
}

/** "Answer locked in": what they sent, and how many have answered so far. */
function LockedIn({
  question,
  answer,
  state,
}: {
  question: PublicQuestion;
  answer: LocalAnswer;
  state: PublicState;
}) {
  const look = lookFor(question.choices, answer.choiceId);
  const text = answer.text ?? question.choices.find((c) => c.id === answer.choiceId)?.text ?? '';
  return (
    <div className="locked" data-testid="locked-in" role="status">
      <span className="locked__icon" aria-hidden="true">
        🔒
      </span>
      <p className="locked__title">Answer locked in</p>
      <div className={`locked__answer ${look ? `choice--${look.tone} locked__answer--choice` : ''}`}>
        {look ? <ChoiceBadge look={look} /> : null}
        <span className="locked__text">{look ? text : `“${text}”`}</span>
      </div>
      <p className="locked__wait muted" aria-live="polite">
        Waiting for the others · {state.answeredCount} / {state.playerCount} answered
      </p>
    </div>
  );
}

/** The open question on the phone: big answer buttons or a text box, then "locked in". */
export function PlayerQuestion({
  state,
  question,
  at,
  locked,
  error,
  onAnswer,
}: {
  state: PublicState;
  question: PublicQuestion;
  at: number;
  locked: LocalAnswer | null;
  error: ClientError | null;
  onAnswer: (a: { choiceId: string } | { text: string }) => void;
}) {
  const left = useRemaining(question.remainingMs, at, 250);
  const timeUp = secondsLeft(left) === 0;
  return (
    <section className="pq" aria-labelledby="pq-prompt">
      <div className="pq__top">
        <span className="eyebrow">
          Question {state.questionNumber}/{state.questionTotal}
        </span>
        <Countdown
          remainingMs={question.remainingMs}
          totalMs={question.timeLimitMs}
          at={at}
          size="sm"
          paused={state.paused}
        />
      </div>
      <h1 id="pq-prompt" className="pq__prompt" data-testid="question-prompt">
        <RichText html={question.promptHtml}>{question.prompt}</RichText>
      </h1>
      <QuestionCode html={question.bodyHtml} />
      {locked ? (
        <LockedIn question={question} answer={locked} state={state} />
      ) : timeUp ? (
        <div className="locked locked--late" role="status">
          <span className="locked__icon" aria-hidden="true">
            ⏱
          </span>
          <p className="locked__title">Time&apos;s up!</p>
          <p className="muted">Results are coming.</p>
        </div>
      ) : question.kind === 'choice' ? (
        <div className="pq__choices" role="group" aria-label="Choices">
          {question.choices.map((c, i) => {
            const look = choiceLook(i);
            return (
              <button
                key={c.id}
                type="button"
                className={`pchoice choice--${look.tone}`}
                data-testid={`choice-${c.id}`}
                onClick={() => onAnswer({ choiceId: c.id })}
              >
                <ChoiceBadge look={look} announce />
                <span className="pchoice__text">
                  <RichText html={c.html}>{c.text}</RichText>
                </span>
              </button>
            );
          })}
        </div>
      ) : (
        <TextAnswer onSubmit={(text) => onAnswer({ text })} disabled={false} />
      )}
      {error ? (
        <p className="field__error pq__error" data-testid="player-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </section>
  );
}
