import type { Metadata } from 'next';
import { AssignmentForm } from '@/components/assign/AssignmentForm';
import { SiteHeader } from '@/components/ui/SiteHeader';

export const metadata: Metadata = { title: 'New self-paced assignment' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);

/**
 * Turns a deck, a choice of its cards (`?positions=0,3,5`) or a group's "cards we miss most" (`?group=...&source=
 * missed`) into a link players play at their own pace (docs/ASSIGNMENTS.md).
 */
export default async function NewAssignmentPage({ searchParams }: Props) {
  const sp = await searchParams;
  const positions = (str(sp.positions) ?? '')
    .split(',')
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => Number.isInteger(n) && n >= 0 && n < 500);
  return (
    <div className="page page--site">
      <SiteHeader />
      <main className="boards boards--narrow" id="main">
        <AssignmentForm
          deckId={str(sp.deck)}
          groupId={str(sp.group)}
          missed={str(sp.source) === 'missed'}
          positions={positions.length > 0 ? positions : null}
        />
      </main>
    </div>
  );
}
