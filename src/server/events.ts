/**
 * What happened, told to whoever listens, in this process and (in a cluster, src/server/cluster/events.ts) in
 * every other one. A room that finishes announces it once its results are stored; the group pages' live updates
 * listen (src/server/services/boards/live.ts) instead of polling the database.
 */
export type QuizEvent =
  /** A room's final results are stored. */
  | { type: 'roomFinished'; roomId: string; code: string; groupId: string | null }
  /** Something a group's pages show changed (an admin action, a result added to a profile). */
  | { type: 'groupChanged'; groupId: string };

export type Listener = (event: QuizEvent) => void;

export interface EventBus {
  publish(event: QuizEvent): void;
  /** Returns "stop listening". */
  subscribe(listener: Listener): () => void;
}

/** The bus of one process: listeners run synchronously; one that throws does not stop the others. */
export function createLocalEventBus(onListenerError: (e: unknown) => void = () => undefined): EventBus {
  const listeners = new Set<Listener>();
  return {
    publish(event) {
      for (const l of [...listeners]) {
        try {
          l(event);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
