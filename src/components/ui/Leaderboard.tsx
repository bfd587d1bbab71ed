'use client';

import { useRef } from 'react';
import type { LeaderRow } from '@/protocol';
import { CountUp } from '@/components/motion/CountUp';
import { useFlipList } from '@/components/motion/flip';
import './motion.css';

function Movement({ value }: { value: number }) {
  if (value > 0)
    return (
      <span className="move move--up" title={`Up ${value}`}>
        <span aria-hidden="true">▲</span>
        {value}
        <span className="sr-only"> places up</span>
      </span>
    );
  if (value < 0)
    return (
      <span className="move move--down" title={`Down ${-value}`}>
        <span aria-hidden="true">▼</span>
        {-value}
        <span className="sr-only"> places down</span>
      </span>
    );
  return (
    <span className="move move--same" title="No change">
      <span aria-hidden="true">–</span>
      <span className="sr-only">no change</span>
    </span>
  );
}

/**
 * Ranked rows (`leader-row` with data-nickname/rank/score): rank, name, movement, +points, score. With
 * `showMovement` the rows start in the previous order and slide into the new one while the scores count up
 * by the last question's points.
 */
export function Leaderboard({
  rows,
  showMovement = true,
  showGain = true,
  highlightId,
  variant = 'default',
  caption,
}: {
  rows: LeaderRow[];
  showMovement?: boolean;
  showGain?: boolean;
  highlightId?: string | null;
  variant?: 'default' | 'screen' | 'compact';
  caption?: string;
}) {
  const list = useRef<HTMLOListElement>(null);
  useFlipList(
    list,
    rows.map((r) => ({ id: r.playerId, movement: showMovement ? r.movement : 0 })),
  );
  if (rows.length === 0) return <p className="muted">No players on the board yet.</p>;
  return (
    <ol
      ref={list}
      className={`leaders leaders--${variant} ${showMovement || showGain ? '' : 'leaders--plain'} ${showMovement ? 'leaders--flip' : ''}`}
      aria-label={caption ?? 'Leaderboard'}
    >
      {rows.map((r) => (
        <li
          key={r.playerId}
          data-flip-id={r.playerId}
          className={`leader ${r.rank <= 3 ? `leader--top leader--r${r.rank}` : ''} ${highlightId === r.playerId ? 'leader--me' : ''}`}
          data-testid="leader-row"
          data-nickname={r.nickname}
          data-rank={r.rank}
          data-score={r.score}
        >
          <span className="leader__rank">{r.rank}</span>
          <span className="leader__name">{r.nickname}</span>
          {showMovement ? <Movement value={r.movement} /> : null}
          {showGain ? (
            <span className="leader__gain">{r.lastPoints > 0 ? `+${r.lastPoints}` : ''}</span>
          ) : null}
          {showGain ? (
            <CountUp className="leader__score" value={r.score} from={r.score - r.lastPoints} delayMs={350} />
          ) : (
            <span className="leader__score">{r.score.toLocaleString('en-US')}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
