import Link from 'next/link';

/** Leaderboard | Insights for one group, keeping the chosen season. */
export function GroupTabs({ groupId, current, season }: { groupId: string; current: 'board' | 'insights'; season: string }) {
  const q = season === 'all' ? '' : `?season=${encodeURIComponent(season)}`;
  const base = `/groups/${encodeURIComponent(groupId)}`;
  return (
    <nav className="tabs" aria-label="Group pages">
      <Link href={`${base}${q}`} className="tabs__link" aria-current={current === 'board' ? 'page' : undefined} data-testid="tab-board">
        Leaderboard
      </Link>
      <Link href={`${base}/insights${q}`} className="tabs__link" aria-current={current === 'insights' ? 'page' : undefined} data-testid="tab-insights">
        Insights
      </Link>
    </nav>
  );
}
