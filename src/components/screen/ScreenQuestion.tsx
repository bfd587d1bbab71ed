import type { PublicQuestion, PublicState } from '@/protocol';
import { Countdown } from '@/components/ui/Countdown';
import { QuestionCode, RichText } from '@/components/ui/RichText';
import { ScreenTiles } from './ScreenTiles';

function promptSize(prompt: string): string {
  return prompt.length > 160 ? 'sq__prompt--long' : prompt.length > 80 ? 'sq__prompt--medium' : '';
}

/** The open question on the projector: prompt, countdown, answered count and the tiles. */
export function ScreenQuestion({
  state,
  question,
  at,
}: {
  state: PublicState;
  question: PublicQuestion;
  at: number;
}) {
  return (
    <section className="sq" aria-labelledby="sq-prompt">
      <h1
        id="sq-prompt"
        className={`sq__prompt ${promptSize(question.prompt)}`}
        data-testid="question-prompt"
      >
        <RichText html={question.promptHtml}>{question.prompt}</RichText>
      </h1>
      <QuestionCode html={question.bodyHtml} className="rich--screen sq__code" />
      <div className="sq__meta">
        <Countdown
          remainingMs={question.remainingMs}
          totalMs={question.timeLimitMs}
          at={at}
          size="lg"
          label={`Question ${state.questionNumber}`}
          paused={state.paused}
        />
        <div className="sq__answered" aria-live="polite" aria-atomic="true">
          <span className="sq__answered-num" data-testid="answered-count">
            {state.answeredCount} / {state.playerCount}
          </span>
          <span className="sq__answered-label">answered</span>
        </div>
      </div>
      {question.kind === 'choice' ? (
        <ScreenTiles question={question} />
      ) : (
        <div className="sq__typein">
          <span className="sq__typein-icon" aria-hidden="true">
            ⌨
          </span>
          <p className="sq__typein-text">Type your answer on your phone</p>
          <p className="sq__typein-hint">A few words are enough: key ideas earn the points.</p>
        </div>
      )}
    </section>
  );
}
