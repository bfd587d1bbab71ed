import type { Cancel, Clock } from '../clock';

/**
 * The room's jobs that wait on time: the phase alarm, grading ahead, coalesced broadcasts and the writer's
 * tick. Each job has a name and at most one pending run; all of them go through the injected clock, so a test
 * with a fake clock (tests/support/fake-clock.ts) decides when each runs, and `dispose` stops them all.
 */
export type Job = 'alarm' | 'gradeAhead' | 'broadcast' | 'write';

export class RoomScheduler {
  private readonly pending = new Map<Job, Cancel>();

  constructor(private readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  /** Runs `fn` at `time` (now if it has passed), replacing the job's pending run; null cancels it. */
  at(job: Job, time: number | null, fn: () => void): void {
    this.cancel(job);
    if (time === null) return;
    this.after(job, Math.max(0, time - this.clock.now()), fn);
  }

  /** Runs `fn` after `ms` unless the job is already pending. */
  after(job: Job, ms: number, fn: () => void): void {
    if (this.pending.has(job)) return;
    const cancel = this.clock.setTimeout(() => {
      this.pending.delete(job);
      fn();
    }, ms);
    this.pending.set(job, cancel);
  }

  /** Runs `fn` on the next turn of the event loop, after pending socket reads, unless already pending. */
  soon(job: Job, fn: () => void): void {
    if (this.pending.has(job)) return;
    const cancel = this.clock.setImmediate(() => {
      this.pending.delete(job);
      fn();
    });
    this.pending.set(job, cancel);
  }

  cancel(job: Job): void {
    this.pending.get(job)?.();
    this.pending.delete(job);
  }

  dispose(): void {
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }
}
