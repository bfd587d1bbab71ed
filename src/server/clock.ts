/**
 * The one clock of the server: rooms, routers and services read time and schedule work only through it, so a
 * test drives time by hand (tests/support/fake-clock.ts).
 */
export type Cancel = () => void;

export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`. */
  setTimeout(fn: () => void, ms: number): Cancel;
  /** Calls `fn` on the next turn of the event loop, after pending I/O: socket reads waiting now go first. */
  setImmediate(fn: () => void): Cancel;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  },
  setImmediate(fn) {
    const t = setImmediate(fn);
    return () => clearImmediate(t);
  },
};
