'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { saveMembership } from '@/client/groups';
import { ClaimProfile } from '@/components/profile/ClaimProfile';

/** A group's join link: remembers the group on this device and offers a profile, so games count [R11.6]. */
export function JoinGroup({ group }: { group: { id: string; name: string } }) {
  useEffect(() => saveMembership({ id: group.id, name: group.name }), [group.id, group.name]);
  return (
    <div className="join-group" data-testid="join-group">
      <p className="eyebrow">You&apos;re invited</p>
      <h1 className="page-title">{group.name}</h1>
      <p className="page-lead">
        This group keeps a leaderboard across its games and shows what it should study next. The group is saved on this device
        (see <Link href="/groups">Groups</Link>).
      </p>
      <ClaimProfile />
      <p className="join-group__next">
        <Link href={`/groups/${group.id}`} className="btn btn--primary btn--lg" data-testid="open-board">
          Open the leaderboard
        </Link>
      </p>
      <p className="field__hint">When the host starts a game, join it as usual: with your profile on this device, your results count for you here.</p>
    </div>
  );
}
