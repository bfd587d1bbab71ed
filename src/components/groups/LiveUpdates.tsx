'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

type Live = 'connecting' | 'live' | 'offline';

/**
 * Keeps a group page current [R11.10]: listens to the group's Server-Sent Events and re-renders the page's
 * data (router.refresh) when a game of the group ends or an admin changes something. EventSource reconnects
 * by itself; a refresh also follows each reconnect, in case an update was missed while offline.
 */
export function LiveUpdates({ groupId }: { groupId: string }) {
  const router = useRouter();
  const [state, setState] = useState<Live>('connecting');
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [updates, setUpdates] = useState(0);

  useEffect(() => {
    const es = new EventSource(`/api/groups/${encodeURIComponent(groupId)}/events`);
    let opened = 0;
    const refresh = () => {
      router.refresh();
      setUpdates((n) => n + 1);
      setUpdatedAt(new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
    };
    es.addEventListener('ready', () => {
      setState('live');
      opened += 1;
      if (opened > 1) refresh();
    });
    es.addEventListener('update', refresh);
    es.onerror = () => setState(es.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    return () => es.close();
  }, [groupId, router]);

  const label = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Offline';
  return (
    <p className={`live live--${state}`} data-testid="live-status" data-state={state} data-updates={updates} aria-live="polite">
      <span className="live__dot" aria-hidden="true" />
      {label}
      {updatedAt ? <span className="live__when"> · updated {updatedAt}</span> : null}
    </p>
  );
}
