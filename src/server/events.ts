/**
 * What happened, told to whoever listens, in this process and (in a cluster, src/server/cluster/events.ts) in
 * every other one. A room that finishes announces it once its results are stored; the group pages' live updates
 * listen (src/server/services/boards/live.ts) instead of polling the database.
 */
export type QuizEvent =
  /** A room's final results are stored. */
  | { type: 'roomFinished'; roomId: string; code: string; groupId: string | null }
  /** Something a group's pages show changed (an admin action, a result added to a profile). */
  | { type: 'groupChanged'; groupId: string }
  /**
   * A profile answered cards and their grades are final: a live room's answers once the room finished, a
   * self-paced assignment's or a review session's as each is graded. The review queue schedules from these.
   */
  | { type: 'cardsAnswered'; profileId: string; source: AnswerSource; items: AnsweredCard[] };

/** Where graded answers come from. */
export type AnswerSource = 'live' | 'assignment' | 'review';

/** One graded answer of a profile, as the review scheduler needs it (no text: the grade is what counts). */
export interface AnsweredCard {
  deckId: string;
  cardId: string;
  verdict: 'correct' | 'partial' | 'incorrect';
  /** Server-measured answer time, and the question's time limit when it had one (fast = well under it). */
  elapsedMs: number;
  timeLimitMs: number | null;
  /** Server time of the answer (ms since the epoch). */
  answeredAt: number;
}

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
