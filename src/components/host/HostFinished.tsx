import Link from 'next/link';
import type { PublicState } from '@/protocol';
import { Leaderboard } from '@/components/ui/Leaderboard';
import { Podium } from '@/components/ui/Podium';

/** Game over on the host: podium, the full ranking and the link to the results page. */
export function HostFinished({ state }: { state: PublicState }) {
  const rows = state.leaderboard;
  return (
    <section className="stage stage--finished" aria-labelledby="host-final">
      <div className="stage__top">
        <p className="eyebrow">Game over · {state.title}</p>
      </div>
      <h1 id="host-final" className="stage__title">
        Final results
      </h1>
      <Podium
        entries={rows.map((r) => ({
          id: r.playerId,
          nickname: r.nickname,
          score: r.score,
          rank: r.rank,
          detail: `${r.correctCount} correct`,
        }))}
      />
      <div className="finished-actions">
        <Link href={`/results/${state.code}`} className="btn btn--primary btn--lg" data-testid="results-link">
          Open results &amp; study sheet
        </Link>
        <Link href="/" className="btn btn--secondary btn--lg">
          Host another game
        </Link>
      </div>
      <h2 className="section-title">Full ranking</h2>
      <Leaderboard rows={rows} showMovement={false} showGain={false} />
    </section>
  );
}
