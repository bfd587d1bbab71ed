import type { TeamRow } from '@/protocol';
import { CountUp } from '@/components/motion/CountUp';
import { Podium } from '@/components/ui/Podium';
import { TeamSwatch } from './Teams';
import './teams.css';

/**
 * Teams on the big screen and the host console [R15]: the team board, the team podium and the lobby by team.
 * A team's score is its members' average, so each row says how many it averages over.
 */

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
