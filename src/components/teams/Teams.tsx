import type { TeamRow, You } from '@/protocol';
import { CountUp } from '@/components/motion/CountUp';
import { Podium } from '@/components/ui/Podium';
import './teams.css';

/**
 * Teams on every screen [R15]: the phone's picker and its "your part" line, the big screen's team board and
 * team podium. A team's score is its members' average, so each row says how many it averages over.
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

/** The big screen's team board: rank, team, how many, average score. */
export function TeamBoard({ teams, title = 'Teams' }: { teams: TeamRow[]; title?: string }) {
  if (teams.length === 0) return null;
  return (
    <section className="team-board" aria-label={title} data-testid="team-board">
      <h2 className="team-board__title">{title}</h2>
      <ol className="team-board__list">
        {teams.map((t) => (
          <li key={t.team} className={`team-row team-c${t.team % 6}`} data-testid="team-row" data-team={t.name} data-rank={t.rank}>
            <span className="team-row__rank">{t.rank}</span>
            <TeamSwatch team={t.team} />
            <span className="team-row__name">{t.name}</span>
            <span className="team-row__size">
              {t.size} {t.size === 1 ? 'player' : 'players'}
            </span>
            <span className="team-row__score">
              <CountUp value={t.score} /> <span className="team-row__unit">avg</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The top three teams on the podium at the end. */
export function TeamPodium({ teams, staged = false }: { teams: TeamRow[]; staged?: boolean }) {
  return (
    <Podium
      variant="screen"
      staged={staged}
      entries={teams.map((t) => ({
        id: `team-${t.team}`,
        nickname: `Team ${t.name}`,
        score: t.score,
        rank: t.rank,
        detail: `average of ${t.size}`,
      }))}
    />
  );
}

/** The big screen's lobby with teams: names under their team. */
export function TeamLobby({
  teams,
  players,
}: {
  teams: TeamRow[];
  players: { id: string; nickname: string; team?: number | undefined }[];
}) {
  return (
    <div className="team-lobby" data-testid="team-lobby">
      {teams.map((t) => (
        <section key={t.team} className={`team-lobby__team team-c${t.team % 6}`} aria-label={`Team ${t.name}`}>
          <h2 className="team-lobby__name">
            <TeamSwatch team={t.team} /> {t.name} <span className="team-lobby__size">{t.size}</span>
          </h2>
          <ul className="team-lobby__names">
            {players
              .filter((p) => p.team === t.team)
              .map((p) => (
                <li key={p.id} data-testid="lobby-player" data-nickname={p.nickname}>
                  {p.nickname}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
