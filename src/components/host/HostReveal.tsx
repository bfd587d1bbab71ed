import type { HostAnswer, HostGroup, HostState, PublicQuestion, Reveal } from '@/protocol';
import { DistributionBars } from '@/components/ui/Distribution';
import { StudyText } from '@/components/ui/StudyText';
import { QuestionCode, RichText } from '@/components/ui/RichText';
import { isScoredKind, KIND_LABELS } from '@/components/ui/kinds';
import { ScreenKindReveal } from '@/components/screen/ScreenKinds';
import { HostAnswers } from './HostAnswers';
import { HostGroups } from './HostGroups';

/** The reveal on the host: correct answer, how the room answered, every answer with overrides. */
export function HostReveal({
  host,
  question,
  reveal,
  onOverride,
  onSettleGroup,
  busyId,
}: {
  host: HostState;
  question: PublicQuestion;
  reveal: Reveal;
  onOverride: (a: HostAnswer, accept: boolean) => void;
  onSettleGroup: (g: HostGroup, accept: boolean) => void;
  /** The player id (or `group:<key>`) whose override is on its way. */
  busyId: string | null;
}) {
  const pub = host.public;
  const answeredIds = new Set(host.answers.map((a) => a.playerId));
  const missingNames = host.players.filter((p) => !answeredIds.has(p.id)).map((p) => p.nickname);
  const pct = reveal.answeredCount > 0 ? Math.round((reveal.correctCount / reveal.answeredCount) * 100) : 0;
  return (
    <section className="stage stage--reveal" aria-labelledby="host-rq">
      <div className="stage__top">
        <p className="eyebrow">
          Results · question {pub.questionNumber} of {pub.questionTotal}
        </p>
        {isScoredKind(question.kind) ? (
          <p className="stage__stat">
            <strong>{reveal.correctCount}</strong> of {reveal.answeredCount} correct
            {reveal.answeredCount > 0 ? ` (${pct}%)` : ''}
          </p>
        ) : (
          <p className="stage__stat">
            {KIND_LABELS[question.kind]} · <strong>{reveal.answeredCount}</strong> answered
          </p>
        )}
      </div>
      <h1 id="host-rq" className="stage__prompt stage__prompt--sm" data-testid="question-prompt">
        <RichText html={question.promptHtml}>{question.prompt}</RichText>
      </h1>
      <QuestionCode html={question.bodyHtml} />
      {isScoredKind(question.kind) ? (
      <div className="host-key host-key--revealed">
        <span className="host-key__label">Correct answer</span>
        <span className="host-key__value" data-testid="host-correct">
          <RichText html={host.correctTextHtml ?? reveal.correctTextHtml}>
            {host.correctText ?? reveal.correctText}
          </RichText>
        </span>
      </div>
      ) : null}
      <div className="reveal-grid">
        <div className="reveal-grid__main">
          {question.kind === 'choice' ? <DistributionBars question={question} reveal={reveal} /> : null}
          {question.kind !== 'choice' && question.kind !== 'text' ? (
            <ScreenKindReveal question={question} reveal={reveal} variant="default" />
          ) : null}
          {question.kind === 'text' && host.groups ? (
            <HostGroups
              groups={host.groups}
              onSettle={onSettleGroup}
              busyKey={busyId?.startsWith('group:') ? busyId.slice(6) : null}
            />
          ) : null}
          <HostAnswers
            answers={host.answers}
            question={question}
            missingNames={missingNames}
            onOverride={onOverride}
            busyId={busyId}
          />
        </div>
        {reveal.explanation ? (
          <aside className="study-card" aria-labelledby="host-study">
            <h2 id="host-study" className="study-card__title">
              Reference answer
            </h2>
            <RichText html={reveal.explanationHtml} block className="study" testId="explanation">
              <StudyText text={reveal.explanation} testId="explanation" />
            </RichText>
          </aside>
        ) : null}
      </div>
    </section>
  );
}
