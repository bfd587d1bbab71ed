import type { Metadata } from 'next';
import { CreateGroup } from '@/components/groups/CreateGroup';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';

export const metadata: Metadata = { title: 'New group' };

export default function NewGroupPage() {
  return (
    <div className="page page--site">
      <SiteHeader current="groups" />
      <main className="boards boards--narrow" id="main">
        <div>
          <p className="eyebrow">Groups</p>
          <h1 className="page-title">Create a group</h1>
          <p className="page-lead">Games hosted for the group build its leaderboard (all time and per season) and its study insights.</p>
        </div>
        <CreateGroup />
      </main>
    </div>
  );
}
