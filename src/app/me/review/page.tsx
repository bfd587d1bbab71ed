import type { Metadata } from 'next';
import { ReviewSession } from '@/components/study/ReviewSession';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';
import '@/components/study/study.css';

export const metadata: Metadata = { title: 'Review' };

/** A review session of the cards due today (`?room=CODE`: the ones missed in that game) [R16.3]. */
export default function ReviewPage() {
  return (
    <div className="page page--site">
      <SiteHeader current="me" />
      <main className="boards-wrap review-wrap" id="main">
        <ReviewSession />
      </main>
    </div>
  );
}
