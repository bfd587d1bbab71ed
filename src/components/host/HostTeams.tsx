import type { PublicState } from '@/protocol';
import { TeamSwatch } from '@/components/teams/Teams';

const CHOICES = [0, 2, 3, 4, 5, 6] as const;

/**
 * The lobby's teams setting [R15.1]: off, or 2 to 6 teams. Players are dealt round the teams at once and may
 * switch on their phones until the start.
 */
export function HostTeams({
  state,
  busy,
  onTeams,
}: {
  state: PublicState;
  busy: boolean;
  onTeams: (count: number) => void;
}) {
  const count = state.teams?.length ?? 0;
  return (
    <section className="host-teams" aria-labelledby="host-teams-title" data-testid="host-teams">
      <h2 id="host-teams-title" className="tips__title">
        Teams
      </h2>
      <div className="host-teams__choices" role="radiogroup" aria-labelledby="host-teams-title">
        {CHOICES.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={count === n}
            className={`host-teams__choice ${count === n ? 'host-teams__choice--on' : ''}`}
            data-testid={`host-teams-${n}`}
            disabled={busy}
            onClick={() => onTeams(n)}
          >
            {n === 0 ? 'Off' : `${n} teams`}
          </button>
        ))}
      </div>
      {state.teams ? (
        <ul className="host-teams__list" aria-label="Team sizes">
          {state.teams.map((t) => (
            <li key={t.team} className={`team-c${t.team % 6}`}>
              <TeamSwatch team={t.team} /> {t.name}: {t.size}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted host-teams__hint">
          With teams, each team scores its members&apos; average, so uneven teams play fair.
        </p>
      )}
    </section>
  );
}
