import type { PublicQuestion, Reveal } from '@/protocol';
import { ChoiceBadge, choiceLook } from './ChoiceMark';

/** One column per choice, height by share of answers, the correct one marked ✓ (`dist-bar`). */
export function DistributionBars({
  question,
  reveal,
  variant = 'default',
}: {
  question: PublicQuestion;
  reveal: Reveal;
  variant?: 'default' | 'screen';
}) {
  const counts = new Map(reveal.distribution.map((d) => [d.choiceId, d.count]));
  const max = Math.max(1, ...reveal.distribution.map((d) => d.count));
  return (
    <div className={`dist dist--${variant}`} role="list" aria-label="Answers per choice">
      {question.choices.map((c, i) => {
        const look = choiceLook(i);
        const count = counts.get(c.id) ?? 0;
        const correct = c.id === reveal.correctChoiceId;
        return (
          <div
            key={c.id}
            role="listitem"
            className={`dist__col choice--${look.tone} ${correct ? 'dist__col--correct' : 'dist__col--wrong'}`}
            data-testid="dist-bar"
            data-choice-id={c.id}
            data-count={count}
            aria-label={`${look.letter}: ${count} ${count === 1 ? 'answer' : 'answers'}${correct ? ', correct' : ''}`}
          >
            <span className="dist__count">{count}</span>
            <span className="dist__bar" style={{ height: `${Math.max(4, (count / max) * 100)}%` }} />
            <span className="dist__label">
              <ChoiceBadge look={look} />
              {correct ? (
                <span className="dist__tick" aria-hidden="true">
                  ✓
                </span>
              ) : null}
            </span>
          </div>
        );
      })}
    </div>
  );
}
