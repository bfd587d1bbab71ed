import type { HostState, PublicQuestion } from '@/protocol';
import { ChoiceBadge, choiceLook } from '@/components/ui/ChoiceMark';
import { Countdown } from '@/components/ui/Countdown';
import { QuestionCode, RichText } from '@/components/ui/RichText';

/** Answered count "2 / 3" with a progress bar; the count itself is a polite live region. */
export function AnsweredMeter({ answered, total }: { answered: number; total: number }) {
  const pct = total > 0 ? Math.min(100, (answered / total) * 100) : 0;
  return (
    <div className="meter">
      <div className="meter__text" aria-live="polite" aria-atomic="true">
        <span className="meter__num" data-testid="answered-count">
          {answered} / {total}
        </span>{' '}
        <span className="muted">answered</span>
      </div>
      <div className="meter__track" aria-hidden="true">
        <div className="meter__fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/**
 * The open question as the host sees it: time, answers coming in, and the correct answer marked, unless
 * `hideAnswer` (a console shared on a video call, or shown on the only screen, must not give it away).
 */
export function HostQuestion({
  host,
  question,
  at,
  hideAnswer,
}: {
  host: HostState;
  question: PublicQuestion;
  at: number;
  hideAnswer: boolean;
}) {
  const pub = host.public;
  return (
    <section className="stage stage--question" aria-labelledby="host-q">
      <div className="stage__top">
        <p className="eyebrow">
          Question {pub.questionNumber} of {pub.questionTotal} ·{' '}
          {question.kind === 'choice' ? 'Multiple choice' : 'Open text'}
        </p>
        <Countdown
          remainingMs={question.remainingMs}
          totalMs={question.timeLimitMs}
          at={at}
          testId="host-countdown"
          size="sm"
          paused={pub.paused}
        />
      </div>
      <h1 id="host-q" className="stage__prompt" data-testid="question-prompt">
        <RichText html={question.promptHtml}>{question.prompt}</RichText>
      </h1>
      <QuestionCode html={question.bodyHtml} />
      {question.kind === 'choice' ? (
        <ul className="host-choices">
          {question.choices.map((c, i) => {
            const look = choiceLook(i);
            const correct = !hideAnswer && c.id === host.correctChoiceId;
            return (
              <li
                key={c.id}
                className={`host-choice choice--${look.tone} ${correct ? 'host-choice--correct' : ''}`}
              >
                <ChoiceBadge look={look} />
                <span className="host-choice__text">
                  <RichText html={c.html}>{c.text}</RichText>
                </span>
                {correct ? (
                  <span className="host-choice__mark">
                    <span aria-hidden="true">✓</span> correct
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {hideAnswer ? (
        <div className="host-key host-key--hidden" data-testid="host-answer-hidden">
          <span className="host-key__label">Answer hidden</span>
          <span className="host-key__hint">
            Everyone sees it at the reveal. Turn off <strong>Hide answer</strong> below to see it now.
          </span>
        </div>
      ) : (
        <div className="host-key">
          <span className="host-key__label">
            {question.kind === 'choice' ? 'Correct answer' : 'Expected answer'} (only you see this)
          </span>
          <span className="host-key__value" data-testid="host-correct">
            <RichText html={host.correctTextHtml}>{host.correctText ?? '—'}</RichText>
          </span>
        </div>
      )}
      <AnsweredMeter answered={pub.answeredCount} total={pub.playerCount} />
    </section>
  );
}
