import type { AnswerGroup } from '@/protocol';
import { verdictMark, verdictText } from './Verdict';

/** Typed answers grouped by the server (similar spellings together), accepted ones ✓ (`answer-group`). */
export function AnswerGroups({
  groups,
  variant = 'default',
  limit = 12,
}: {
  groups: AnswerGroup[];
  variant?: 'default' | 'screen';
  limit?: number;
}) {
  if (groups.length === 0) return <p className="muted groups__empty">Nobody typed an answer.</p>;
  const shown = groups.slice(0, limit);
  const max = Math.max(1, ...shown.map((g) => g.count));
  return (
    <ul className={`groups groups--${variant}`} aria-label="What people answered">
      {shown.map((g, i) => (
        <li
          key={`${g.text}-${i}`}
          className={`group group--${g.verdict}`}
          data-testid="answer-group"
          data-count={g.count}
          data-verdict={g.verdict}
        >
          <span className="group__fill" style={{ width: `${(g.count / max) * 100}%` }} aria-hidden="true" />
          <span className="group__mark" title={verdictText(g.verdict)}>
            <span aria-hidden="true">{verdictMark(g.verdict)}</span>
            <span className="sr-only">{verdictText(g.verdict)}</span>
          </span>
          <span className="group__text">{g.text}</span>
          <span className="group__count">×{g.count}</span>
        </li>
      ))}
      {groups.length > shown.length ? (
        <li className="group group--more muted">+{groups.length - shown.length} more answers</li>
      ) : null}
    </ul>
  );
}
