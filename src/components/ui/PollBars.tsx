import type { PublicQuestion } from '@/protocol';
import { ChoiceBadge, choiceLook } from './ChoiceMark';
import './kinds.css';

/**
 * Horizontal bars of a vote: each option with its count and share. A poll's live distribution [R12.6] and the
 * per-choice counts of the other kinds' reveals (`marked`: the right ones, ✓).
 */
export function PollBars({
  question,
  distribution,
  marked,
  variant = 'default',
  label = 'Votes per option',
  unit = 'vote',
  total,
}: {
  question: PublicQuestion;
  distribution: { choiceId: string; count: number }[];
  marked?: ReadonlySet<string>;
  variant?: 'default' | 'screen';
  label?: string;
  unit?: string;
  /** What the shares are of (default: the sum of the counts; a multi-select's: the players who answered). */
  total?: number;
}) {
  const counts = new Map(distribution.map((d) => [d.choiceId, d.count]));
  const sum = total ?? distribution.reduce((s, d) => s + d.count, 0);
  const max = Math.max(1, ...distribution.map((d) => d.count));
  return (
    <ul className={`pollbars pollbars--${variant}`} aria-label={label} data-testid="poll-bars">
      {question.choices.map((c, i) => {
        const look = choiceLook(i);
        const count = counts.get(c.id) ?? 0;
        const pct = sum > 0 ? Math.round((count / sum) * 100) : 0;
        const right = marked?.has(c.id) ?? false;
        return (
          <li key={c.id} className={`pollbar ${right ? 'pollbar--right' : ''} ${marked && !right ? 'pollbar--dim' : ''}`} data-testid="poll-bar" data-choice-id={c.id} data-count={count}>
            <span className="pollbar__label">
              <ChoiceBadge look={look} />
              <span className="pollbar__text">{c.text}</span>
              {right ? (
                <span className="pollbar__tick">
                  <span aria-hidden="true">✓</span>
                  <span className="sr-only"> right answer</span>
                </span>
              ) : null}
            </span>
            <span className="pollbar__track" aria-hidden="true">
              <span className={`pollbar__fill choice--${look.tone}`} style={{ width: `${Math.max(1.5, (count / max) * 100)}%` }} />
            </span>
            <span className="pollbar__count">
              {count}
              <span className="sr-only"> {count === 1 ? unit : `${unit}s`}</span>
              <span className="pollbar__pct" aria-hidden="true">
                {' '}
                · {pct}%
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
