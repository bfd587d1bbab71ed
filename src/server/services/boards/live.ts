import type { EventBus } from '../../events';

/**
 * Live updates of the group pages [R11.10]: the group's Server-Sent Events stream (src/app/api/groups/[id]/events)
 * watches a group here, and hears when one of its games finishes or an admin changes it. Both arrive as events
 * on the bus (src/server/events.ts: in a cluster, from every process), so nothing polls the database.
 */
export function createGroupUpdates(bus: EventBus) {
  const watchers = new Map<string, Set<() => void>>();

  function notify(groupId: string): void {
    const listeners = watchers.get(groupId);
    if (!listeners) return;
    for (const l of [...listeners]) {
      try {
        l();
      } catch {
        /* a closed stream */
      }
    }
  }

  const unsubscribe = bus.subscribe((e) => {
    switch (e.type) {
      case 'roomFinished':
        if (e.groupId) notify(e.groupId);
        break;
      case 'groupChanged':
        notify(e.groupId);
        break;
      case 'cardsAnswered':
        // A profile's study: the group's pages change when the room or assignment it belongs to says so.
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  });

  return {
    /** Calls `listener` whenever a game of the group finishes or an admin changes it; returns "stop". */
    watch(groupId: string, listener: () => void): () => void {
      let listeners = watchers.get(groupId);
      if (!listeners) {
        listeners = new Set();
        watchers.set(groupId, listeners);
      }
      listeners.add(listener);
      const entry = listeners;
      return () => {
        entry.delete(listener);
        if (entry.size === 0 && watchers.get(groupId) === entry) watchers.delete(groupId);
      };
    },

    /** Stops listening (server shutdown). */
    close(): void {
      unsubscribe();
      watchers.clear();
    },
  };
}
export type GroupUpdates = ReturnType<typeof createGroupUpdates>;
