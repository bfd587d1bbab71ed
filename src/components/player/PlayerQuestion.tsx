'use client';

import type { PublicQuestion, PublicState } from '@/protocol';
import type { ClientError } from '@/client/socket';
import type { AnswerInput, LocalAnswer } from '@/client/usePlayerRoom';
import { answerText, KIND_LABELS } from '@/components/ui/kinds';
import { AnswerError, ChoicePad, TextAnswer } from './AnswerPad';
import { CloudAnswer, MultiAnswer, NumberAnswer, OrderAnswer } from './KindAnswers';
import { LiveTally } from './KindResult';
import { secondsLeft, useRemaining } from '@/client/time';
import { ChoiceBadge, lookFor } from '@/components/ui/ChoiceMark';
import { Countdown } from '@/components/ui/Countdown';
import { QuestionCode, RichText } from '@/components/ui/RichText';

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
  const single = question.kind === 'choice' || question.kind === 'truefalse' || question.kind === 'poll';
  const look = single ? lookFor(question.choices, answer.choiceId) : undefined;
  const text = answerText(question, answer.choiceId, answer.text);
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
      <LiveTally state={state} question={question} />
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
  onAnswer: (a: AnswerInput) => void;
}) {
  const left = useRemaining(question.remainingMs, at, 250);
  const timeUp = secondsLeft(left) === 0;
  return (
    <section className="pq" aria-labelledby="pq-prompt">
      <div className="pq__top">
        <span className="eyebrow">
          Question {state.questionNumber}/{state.questionTotal}
          {question.kind !== 'choice' && question.kind !== 'text' ? (
            <span className="pq__kind" data-testid="question-kind">
              {KIND_LABELS[question.kind]}
            </span>
          ) : null}
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
      ) : question.kind === 'multi' ? (
        <MultiAnswer question={question} onSubmit={(choiceIds) => onAnswer({ choiceIds })} />
      ) : question.kind === 'order' ? (
        <OrderAnswer question={question} onSubmit={(choiceIds) => onAnswer({ choiceIds })} />
      ) : question.kind === 'number' ? (
        <NumberAnswer question={question} onSubmit={(value) => onAnswer({ value })} />
      ) : question.kind === 'cloud' ? (
        <CloudAnswer onSubmit={(text) => onAnswer({ text })} />
      ) : question.kind === 'choice' || question.kind === 'truefalse' || question.kind === 'poll' ? (
        <ChoicePad choices={question.choices} trueFalse={question.kind === 'truefalse'} onPick={(choiceId) => onAnswer({ choiceId })} />
      ) : (
        <TextAnswer id="pq-text" autoFocus onSubmit={(text) => onAnswer({ text })} />
      )}
      <AnswerError message={error?.message} />
    </section>
  );
}
