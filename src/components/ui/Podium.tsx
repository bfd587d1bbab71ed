import { CountUp } from '@/components/motion/CountUp';
import './motion.css';

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
/** `staged`: when each step rises, in ms (3rd, then 2nd, then the winner); the scores count up as it lands. */
export const PODIUM_STAGE_MS = [2400, 1300, 300] as const;

/**
 * The top three on steps. `staged` turns the reveal into a moment (the big screen at the end of a game): third
 * place rises first, the winner last. Static pages get the quick version.
 */
export function Podium({
  entries,
  variant = 'default',
  staged = false,
}: {
  entries: PodiumEntry[];
  variant?: 'default' | 'screen';
  staged?: boolean;
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
      className={`podium podium--${variant} podium--n${top.length} ${staged ? 'podium--staged' : ''}`}
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
          <span className="podium__score">
            {staged ? (
              <CountUp value={e.score} from={0} delayMs={(PODIUM_STAGE_MS[i] ?? 0) + 300} durationMs={1100} />
            ) : (
              e.score.toLocaleString('en-US')
            )}{' '}
            pts
          </span>
          {e.detail ? <span className="podium__detail">{e.detail}</span> : null}
          <span className="podium__block">
            <span className="podium__place">{PLACES[e.rank - 1] ?? `#${e.rank}`}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
