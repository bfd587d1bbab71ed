'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { getAdminGroups, getMemberships, GROUPS_CHANGED } from '@/client/groups';

interface Row {
  id: string;
  name: string;
  admin: boolean;
}

/** The groups this browser administers or joined (kept in localStorage). */
export function MyGroups() {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    const load = () => {
      const admin = getAdminGroups().map((g) => ({ id: g.id, name: g.name, admin: true }));
      const member = getMemberships()
        .filter((m) => !admin.some((a) => a.id === m.id))
        .map((m) => ({ id: m.id, name: m.name, admin: false }));
      setRows([...admin, ...member]);
    };
    load();
    window.addEventListener(GROUPS_CHANGED, load);
    window.addEventListener('storage', load);
    return () => {
      window.removeEventListener(GROUPS_CHANGED, load);
      window.removeEventListener('storage', load);
    };
  }, []);

  if (rows === null) return null;
  if (rows.length === 0) {
    return (
      <p className="muted" data-testid="no-groups">
        No groups on this device yet. Create one, or open a group&apos;s join link.
      </p>
    );
  }
  return (
    <ul className="deck-list" data-testid="my-groups">
      {rows.map((g) => (
        <li key={g.id} className="deck" data-testid="my-group" data-group-id={g.id}>
          <div className="deck__main">
            <h3 className="deck__title">{g.name}</h3>
            <p className="deck__meta">
              <span className={`chip chip--sm ${g.admin ? 'chip--accent' : ''}`}>{g.admin ? 'Admin' : 'Member'}</span>
            </p>
          </div>
          <span className="my-groups__links">
            <Link className="btn btn--secondary btn--sm" href={`/groups/${g.id}`}>
              Leaderboard
            </Link>
            <Link className="btn btn--secondary btn--sm" href={`/groups/${g.id}/insights`}>
              Insights
            </Link>
          </span>
        </li>
      ))}
    </ul>
  );
}
