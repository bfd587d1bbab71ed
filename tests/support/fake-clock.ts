import type { Clock } from '../../src/server/clock';

/**
 * A clock the test drives by hand: `advance(ms)` moves time and runs what falls due (next turns first, as the
 * event loop does), `turn()` runs one turn of the event loop's `setImmediate` work and nothing else.
 */
export class FakeClock implements Clock {
  t = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private immediates: { fn: () => void; id: number }[] = [];
  private next = 0;

  now = () => this.t;

  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  }

  setImmediate(fn: () => void) {
    const id = this.next++;
    this.immediates.push({ fn, id });
    return () => {
      this.immediates = this.immediates.filter((x) => x.id !== id);
    };
  }

  /** Runs the work queued for the next turn; work it queues waits for the turn after. Returns how much ran. */
  turn(): number {
    const due = this.immediates;
    this.immediates = [];
    for (const x of due) x.fn();
    return due.length;
  }

  get pendingTurns(): number {
    return this.immediates.length;
  }

  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      while (this.turn() > 0);
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}
