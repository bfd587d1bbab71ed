import type { HostAnswer, PublicQuestion } from '@/protocol';
import { ChoiceBadge, lookFor } from '@/components/ui/ChoiceMark';
import { VerdictBadge } from '@/components/ui/Verdict';
import { answerText, isScoredKind, isSingleTapKind } from '@/components/ui/kinds';

/**
 * Every answer to the closed question (`host-answer`), fastest first, with the grader's verdict, the key
 * ideas it found, and Accept / Reject overrides for typed answers.
 */
export function HostAnswers({
  answers,
  question,
  missingNames,
  onOverride,
  busyId,
}: {
  answers: HostAnswer[];
  question: PublicQuestion;
  missingNames: string[];
  onOverride: (a: HostAnswer, accept: boolean) => void;
  busyId: string | null;
}) {
  const typed = question.kind === 'text';
  const scored = isScoredKind(question.kind);
  return (
    <section className="answers" aria-labelledby="answers-title">
      <h2 id="answers-title" className="section-title">
        {typed ? 'Typed answers' : 'Answers'} <span className="count-badge">{answers.length}</span>
        {typed ? <span className="section-title__hint">Accept or reject to re-score instantly</span> : null}
      </h2>
      {answers.length === 0 ? <p className="muted">Nobody answered this question.</p> : null}
      <ul className="answers__list">
        {answers.map((a) => {
          const look = isSingleTapKind(question.kind) ? lookFor(question.choices, a.choiceId) : undefined;
          const shown = answerText(question, a.choiceId, a.text);
          return (
            <li
              key={a.playerId}
              className={`answer ${scored ? `answer--${a.verdict}` : 'answer--unscored'}`}
              data-testid="host-answer"
              data-nickname={a.nickname}
              data-verdict={a.verdict}
            >
              <div className="answer__main">
                <span className="answer__who">{a.nickname}</span>
                <span className="answer__what">
                  {look ? <ChoiceBadge look={look} /> : null}
                  <span className="answer__text">{shown || '—'}</span>
                </span>
                {typed && (a.matched.length > 0 || a.missing.length > 0) ? (
                  <span className="ideas ideas--small">
                    {a.matched.map((m) => (
                      <span key={`m-${m}`} className="idea idea--hit">
                        <span aria-hidden="true">✓</span> {m}
                      </span>
                    ))}
                    {a.missing.map((m) => (
                      <span key={`x-${m}`} className="idea idea--miss">
                        <span aria-hidden="true">○</span> {m}
                      </span>
                    ))}
                  </span>
                ) : null}
                {typed && a.explanation ? (
                  <span className="answer__why muted" data-testid="answer-explanation">
                    {a.explanation}
                  </span>
                ) : null}
              </div>
              <div className="answer__side">
                {scored ? (
                  <>
                    <VerdictBadge verdict={a.verdict} overridden={a.overridden} />
                    {a.unsure ? <span className="unsure-badge">unsure</span> : null}
                    <span className="answer__pts">{a.points > 0 ? `+${a.points}` : '0'} pts</span>
                  </>
                ) : null}
                <span className="answer__time muted">{(a.elapsedMs / 1000).toFixed(1)} s</span>
                {typed ? (
                  <span
                    className="answer__actions"
                    role="group"
                    aria-label={`Override ${a.nickname}'s verdict`}
                  >
                    <button
                      type="button"
                      className="btn btn--sm btn--ok"
                      data-testid="override-accept"
                      aria-pressed={a.verdict === 'correct'}
                      disabled={busyId === a.playerId}
                      onClick={() => onOverride(a, true)}
                    >
                      Accept
                    </button>
                    <button
                      type="button"
                      className="btn btn--sm btn--bad"
                      data-testid="override-reject"
                      aria-pressed={a.verdict === 'incorrect'}
                      disabled={busyId === a.playerId}
                      onClick={() => onOverride(a, false)}
                    >
                      Reject
                    </button>
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {missingNames.length > 0 ? (
        <p className="answers__missing muted">No answer: {missingNames.join(', ')}</p>
      ) : null}
    </section>
  );
}
