import type { PublicQuestion, PublicState, Reveal } from '@/protocol';
import { AnswerGroups } from '@/components/ui/AnswerGroups';
import { DistributionBars } from '@/components/ui/Distribution';
import { StudyText } from '@/components/ui/StudyText';
import { RichText } from '@/components/ui/RichText';
import { isScoredKind, KIND_LABELS } from '@/components/ui/kinds';
import { ScreenKindReveal } from './ScreenKinds';
import { ScreenTiles } from './ScreenTiles';

/** The reveal on the projector: the right answer, how the room answered, and the study note. */
export function ScreenReveal({
  state,
  question,
  reveal,
}: {
  state: PublicState;
  question: PublicQuestion;
  reveal: Reveal;
}) {
  const counts = new Map(reveal.distribution.map((d) => [d.choiceId, d.count]));
  const pct =
    reveal.answeredCount > 0 ? Math.round((reveal.correctCount / reveal.answeredCount) * 100) : null;
  return (
    <section className="sr" data-testid="reveal" aria-labelledby="sr-prompt">
      <div className="sr__head">
        <h1 id="sr-prompt" className="sr__prompt" data-testid="question-prompt">
          <RichText html={question.promptHtml}>{question.prompt}</RichText>
        </h1>
        <p className="sr__stat">
          {!isScoredKind(question.kind) ? (
            <>
              {KIND_LABELS[question.kind]} · <strong>{reveal.answeredCount}</strong> {reveal.answeredCount === 1 ? 'answer' : 'answers'}
            </>
          ) : pct === null ? (
            'No answers'
          ) : (
            <>
              <strong>{pct}%</strong> correct · {reveal.correctCount} of {reveal.answeredCount}
            </>
          )}
        </p>
      </div>
      <div className="sr__body">
        <div className="sr__main">
          {question.kind === 'choice' ? (
            <>
              <DistributionBars question={question} reveal={reveal} variant="screen" />
              <ScreenTiles question={question} correctChoiceId={reveal.correctChoiceId} counts={counts} />
            </>
          ) : question.kind !== 'text' ? (
            <>
              {isScoredKind(question.kind) && question.kind !== 'order' && question.kind !== 'number' ? (
                <div className="sr__answer sr__answer--kind">
                  <span className="sr__answer-label">Answer</span>
                  <span className="sr__answer-text" data-testid="correct-text">{reveal.correctText}</span>
                </div>
              ) : null}
              <ScreenKindReveal question={question} reveal={reveal} />
            </>
          ) : (
            <>
              <div className={`sr__answer ${reveal.correctText.length > 70 ? 'sr__answer--long' : ''}`}>
                <span className="sr__answer-label">Answer</span>
                <span className="sr__answer-text" data-testid="screen-short-answer">
                  <RichText html={reveal.correctTextHtml}>{reveal.correctText}</RichText>
                </span>
              </div>
              <AnswerGroups groups={reveal.groups} variant="screen" limit={7} />
            </>
          )}
        </div>
        {reveal.explanation ? (
          <aside className="sr__study" aria-labelledby="sr-study">
            <h2 id="sr-study" className="sr__study-title">
              <span aria-hidden="true">📘</span> Study note
            </h2>
            <RichText
              html={reveal.explanationHtml}
              block
              testId="explanation"
              className={`study study--screen rich--screen ${reveal.explanation.length > 520 ? 'study--xs' : reveal.explanation.length > 260 ? 'study--sm' : ''}`}
            >
              <StudyText
                text={reveal.explanation}
                testId="explanation"
                className={`study study--screen ${reveal.explanation.length > 520 ? 'study--xs' : reveal.explanation.length > 260 ? 'study--sm' : ''}`}
              />
            </RichText>
          </aside>
        ) : null}
      </div>
      <p className="sr-only" aria-live="polite">
        {isScoredKind(question.kind)
          ? `Question ${state.questionNumber}: the answer is ${reveal.correctText}.`
          : `Question ${state.questionNumber}: results of the ${KIND_LABELS[question.kind].toLowerCase()}.`}
      </p>
    </section>
  );
}
