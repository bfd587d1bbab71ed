import type { Metadata } from 'next';
import { getServices } from '@/server/services/container';
import { ServiceError } from '@/server/errors';
import { loadOrPage } from '@/components/groups/GroupPageError';
import { JoinGroup } from '@/components/groups/JoinGroup';
import { SiteHeader } from '@/components/ui/SiteHeader';
import '@/components/groups/boards.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Join a group' };

/** A group's join link: remember the group here, claim a profile [R11.6]. */
export default async function JoinGroupPage({ params }: Props) {
  const { id } = await params;
  const { data: group, page } = await loadOrPage(async () => {
    const g = await getServices().groups.get(id);
    if (!g) throw new ServiceError('bad_request', 'No such group. Check the join link you were given.', 404);
    return g;
  });
  if (!group) return page;
  return (
    <div className="page page--site">
      <SiteHeader current="groups" />
      <main className="boards boards--narrow" id="main">
        <JoinGroup group={{ id: group.id, name: group.name }} />
      </main>
    </div>
  );
}
