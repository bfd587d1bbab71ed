import type { HostGroup } from '@/protocol';
import { VerdictBadge } from '@/components/ui/Verdict';

/**
 * A typed question's answers by group (answers that say the same thing), the ones the grader is unsure of
 * first: the host settles a whole group with one tap, and the deck keeps it for its next games [R7.3, R7.4].
 */
export function HostGroups({
  groups,
  onSettle,
  busyKey,
}: {
  groups: HostGroup[];
  onSettle: (g: HostGroup, accept: boolean) => void;
  busyKey: string | null;
}) {
  if (groups.length === 0) return null;
  const unsure = groups.filter((g) => g.unsure).length;
  return (
    <section className="answers groups" aria-labelledby="groups-title" data-testid="host-groups">
      <h2 id="groups-title" className="section-title">
        Answer groups <span className="count-badge">{groups.length}</span>
        <span className="section-title__hint" data-testid="unsure-count">
          {unsure > 0
            ? `${unsure} the grader is unsure of, first: one tap settles a group, and the deck remembers it`
            : 'One tap settles a group; the deck remembers it for its next games'}
        </span>
      </h2>
      <ul className="answers__list">
        {groups.map((g) => (
          <li
            key={g.key}
            className={`answer answer--${g.verdict}${g.unsure ? ' answer--unsure' : ''}`}
            data-testid="host-group"
            data-unsure={g.unsure ? 'true' : 'false'}
            data-verdict={g.verdict}
            data-text={g.text}
          >
            <div className="answer__main">
              <span className="answer__what">
                <span className="answer__text">{g.text}</span>
                <span className="count-badge" title={`${g.count} answer${g.count === 1 ? '' : 's'}`}>
                  ×{g.count}
                </span>
                {g.unsure ? (
                  <span className="unsure-badge" data-testid="unsure-badge">
                    unsure
                  </span>
                ) : null}
              </span>
              {g.variants.length > 0 ? (
                <span className="answer__variants muted">also: {g.variants.join(' · ')}</span>
              ) : null}
              {g.explanation && !g.overridden ? (
                <span className="answer__why muted" data-testid="group-explanation">
                  {g.explanation}
                </span>
              ) : null}
            </div>
            <div className="answer__side">
              <VerdictBadge verdict={g.verdict} overridden={g.overridden} />
              <span className="answer__actions" role="group" aria-label={`Settle “${g.text}”`}>
                <button
                  type="button"
                  className="btn btn--sm btn--ok"
                  data-testid="group-accept"
                  aria-pressed={g.overridden && g.verdict === 'correct'}
                  disabled={busyKey === g.key}
                  onClick={() => onSettle(g, true)}
                >
                  ✓ Right
                </button>
                <button
                  type="button"
                  className="btn btn--sm btn--bad"
                  data-testid="group-reject"
                  aria-pressed={g.overridden && g.verdict === 'incorrect'}
                  disabled={busyKey === g.key}
                  onClick={() => onSettle(g, false)}
                >
                  ✗ Wrong
                </button>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
