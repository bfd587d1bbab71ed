import type { Metadata } from 'next';
import { RecoverProfile } from '@/components/profile/RecoverProfile';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';

export const metadata: Metadata = { title: 'Restore your profile', robots: { index: false } };

/** `/profiles/recover#code=...`: the recovery link (the code stays in the fragment, never sent to the server). */
export default function RecoverPage() {
  return (
    <div className="page page--site">
      <SiteHeader current="me" />
      <main className="boards-wrap" id="main">
        <RecoverProfile />
      </main>
    </div>
  );
}
