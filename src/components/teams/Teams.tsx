import type { TeamRow, You } from '@/protocol';
import './teams.css';

/**
 * Teams on the phone [R15]: the lobby's picker and the "your part" line. The big screen's parts are in
 * TeamScreen.tsx, so the phone's bundle carries none of them.
 */

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}

function pts(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'pt' : 'pts'}`;
}

/** The colour swatch of a team: shape and name carry the meaning, the colour only helps. */
export function TeamSwatch({ team }: { team: number }) {
  return <span className={`team-swatch team-c${team % 6}`} aria-hidden="true" />;
}

/** The phone in the lobby: every team with its size; the player's own is pressed. */
export function TeamPicker({
  teams,
  mine,
  busy,
  error,
  onPick,
}: {
  teams: TeamRow[];
  mine: number | null;
  busy: boolean;
  error: string | null;
  onPick: (team: number) => void;
}) {
  return (
    <section className="team-picker" aria-labelledby="team-picker-title" data-testid="team-picker">
      <h2 id="team-picker-title" className="team-picker__title">
        {mine === null ? 'Pick a team' : 'Your team'}
      </h2>
      <p className="muted team-picker__hint">You were given one; tap another to switch before the start.</p>
      <div className="team-picker__list">
        {teams.map((t) => (
          <button
            key={t.team}
            type="button"
            className={`team-pick team-c${t.team % 6} ${t.team === mine ? 'team-pick--mine' : ''}`}
            aria-pressed={t.team === mine}
            disabled={busy}
            data-testid="team-pick"
            data-team={t.name}
            onClick={() => onPick(t.team)}
          >
            <TeamSwatch team={t.team} />
            <span className="team-pick__name">{t.name}</span>
            <span className="team-pick__size">
              {t.size} {t.size === 1 ? 'player' : 'players'}
            </span>
          </button>
        ))}
      </div>
      {error ? (
        <p className="team-picker__error" role="alert" data-testid="team-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** The phone during and after the game: the team, its place, its score and the player's part in it. */
export function TeamLine({ you }: { you: You }) {
  const t = you.team;
  if (!t) return null;
  return (
    <div className={`team-line team-c${t.team % 6}`} data-testid="team-line" data-team={t.name}>
      <TeamSwatch team={t.team} />
      <div className="team-line__text">
        <p className="team-line__head">
          Team {t.name}
          {t.rank !== null ? (
            <>
              {' '}
              · {ordinal(t.rank)} of {t.teamCount}
            </>
          ) : null}
        </p>
        <p className="team-line__detail">
          {pts(t.score)} (average of {t.size}) · your part{' '}
          <strong data-testid="team-part">{pts(t.part)}</strong>
        </p>
      </div>
    </div>
  );
}

