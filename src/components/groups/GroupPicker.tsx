'use client';

import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import { getAdminGroups, GROUPS_CHANGED, type AdminGroup } from '@/client/groups';

/**
 * "Count this game for a group": the groups this browser administers (`quizroom:groups`). Yields the choice as
 * `{ id, adminToken }` (the `group` field of POST /api/rooms) or null for no group.
 */
export function GroupPicker({
  onChange,
  initialGroupId,
}: {
  onChange: (group: { id: string; adminToken: string } | null) => void;
  initialGroupId?: string | null;
}) {
  const id = useId();
  const [groups, setGroups] = useState<AdminGroup[]>([]);
  const [value, setValue] = useState('');

  useEffect(() => {
    const load = () => setGroups(getAdminGroups());
    load();
    window.addEventListener(GROUPS_CHANGED, load);
    window.addEventListener('storage', load);
    return () => {
      window.removeEventListener(GROUPS_CHANGED, load);
      window.removeEventListener('storage', load);
    };
  }, []);

  useEffect(() => {
    if (!initialGroupId) return;
    const g = getAdminGroups().find((x) => x.id === initialGroupId);
    if (g) {
      setValue(g.id);
      onChange({ id: g.id, adminToken: g.adminToken });
    }
    // Only the initial choice (onChange is left out on purpose: later changes come from the select).
  }, [initialGroupId]);

  function choose(next: string) {
    setValue(next);
    const g = groups.find((x) => x.id === next);
    onChange(g ? { id: g.id, adminToken: g.adminToken } : null);
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Count for a group
      </label>
      {groups.length === 0 ? (
        <p className="field__hint" data-testid="group-select-empty">
          No groups on this device. <Link href="/groups/new">Create a group</Link> to keep a leaderboard across games.
        </p>
      ) : (
        <>
          <select id={id} className="input select" value={value} onChange={(e) => choose(e.target.value)} data-testid="group-select">
            <option value="">No group (a one-off game)</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
          <p className="field__hint">The game&apos;s results go to the group&apos;s leaderboard and insights.</p>
        </>
      )}
    </div>
  );
}
