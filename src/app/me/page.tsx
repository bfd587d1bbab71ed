import type { Metadata } from 'next';
import { PersonalView } from '@/components/profile/PersonalView';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';
import '@/components/study/study.css';

export const metadata: Metadata = { title: 'My progress' };

/** The personal page of the profile kept in this browser (its recovery code authenticates the request) [R11.7]. */
export default function MePage() {
  return (
    <div className="page page--site">
      <SiteHeader current="me" />
      <main className="boards-wrap" id="main">
        <PersonalView />
      </main>
    </div>
  );
}
