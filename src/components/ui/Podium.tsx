export interface PodiumEntry {
  id: string;
  nickname: string;
  score: number;
  rank: number;
  detail?: string;
}

const PLACES = ['1st', '2nd', '3rd'];
/** Visual order of the steps: 2nd left, 1st centre, 3rd right (DOM order stays 1, 2, 3). */
const VISUAL_ORDER = [2, 1, 3];

/** The top three on steps. */
export function Podium({
  entries,
  variant = 'default',
}: {
  entries: PodiumEntry[];
  variant?: 'default' | 'screen';
}) {
  const top = entries.slice(0, 3);
  if (top.length === 0) {
    return (
      <div className={`podium podium--${variant} podium--empty`} data-testid="podium">
        <p className="muted">Nobody scored in this game.</p>
      </div>
    );
  }
  return (
    <ol
      className={`podium podium--${variant} podium--n${top.length}`}
      data-testid="podium"
      aria-label="Podium"
    >
      {top.map((e, i) => (
        <li
          key={e.id}
          className={`podium__step podium__step--${i + 1}`}
          style={{ order: VISUAL_ORDER[i] }}
          data-nickname={e.nickname}
          data-rank={e.rank}
        >
          <span className="podium__medal" aria-hidden="true">
            {i === 0 ? '🏆' : i === 1 ? '🥈' : '🥉'}
          </span>
          <span className="podium__name">{e.nickname}</span>
          <span className="podium__score">{e.score.toLocaleString('en-US')} pts</span>
          {e.detail ? <span className="podium__detail">{e.detail}</span> : null}
          <span className="podium__block">
            <span className="podium__place">{PLACES[e.rank - 1] ?? `#${e.rank}`}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
