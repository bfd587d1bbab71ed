import type { Metadata } from 'next';
import Link from 'next/link';
import { MyGroups } from '@/components/groups/MyGroups';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';

export const metadata: Metadata = { title: 'Groups' };

export default function GroupsPage() {
  return (
    <div className="page page--site">
      <SiteHeader current="groups" />
      <main className="boards" id="main">
        <header className="boards__head">
          <div>
            <h1 className="page-title">Groups</h1>
            <p className="page-lead">Study teams and meetups: a leaderboard across games, and what the group should study next.</p>
          </div>
          <Link href="/groups/new" className="btn btn--primary" data-testid="new-group">
            Create a group
          </Link>
        </header>
        <MyGroups />
      </main>
    </div>
  );
}
