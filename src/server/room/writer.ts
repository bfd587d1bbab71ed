import type { PersistOp } from '../../game/commands';
import type { Logger } from '../log';
import type { RoomScheduler } from './scheduler';

/** Where a room's batches go (src/server/room/store.ts: the room repository; tests: memory). */
export interface RoomStore {
  /** Stores one batch of the room's ops, in order. Ops are idempotent: a batch may be written again. */
  write(batch: readonly PersistOp[]): Promise<void>;
}

/**
 * Thrown by a store when the database refused a batch because a newer owner took the room over (its fencing
 * number is higher than this room's) [R8.4]: not a bad row, so nothing is written again op by op.
 */
export class FencedOut extends Error {
  constructor(roomId: string, fence: number) {
    super(`room ${roomId} was taken over by another process (this one's fencing number ${fence} is stale)`);
    this.name = 'FencedOut';
  }
}

/**
 * Whether one op is stored; `error` says why the database refused it, and `fencedOut` that it was refused because
 * another process owns the room now.
 */
export type Stored = { ok: true } | { ok: false; error: string; fencedOut?: true };

const STORED: Stored = { ok: true };

interface Batch {
  ops: PersistOp[];
  /** One outcome per op, in order. */
  results: Promise<Stored[]>;
  settle: (results: Stored[]) => void;
}

/**
 * A room's group commit. Ops are collected for one short tick and written as one batch, one batch at a time and
 * in order (a burst of answers becomes one multi-row insert [R8.2]); the next batch's tick starts when the
 * previous write is done. `enqueue` answers once its op is stored, so the room acknowledges a command only when
 * what it changed is durable: one write per tick for every answer that arrived in it, then their acks.
 *
 * A batch the database refuses is written again op by op, so one bad row never takes the others with it: only
 * the ops refused on their own answer `{ ok: false }` (logged, and reported to the command's sender).
 */
export class RoomWriter {
  private open: Batch | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Ops queued or being written, not yet settled (the write-queue depth metric). */
  private pending = 0;

  constructor(
    private readonly store: RoomStore,
    private readonly scheduler: RoomScheduler,
    private readonly log: Logger,
    private readonly label: string,
    private readonly tickMs = 20,
    /** Told once when the database refuses a batch because another process took the room over [R8.4]. */
    private readonly onFencedOut: () => void = () => undefined,
  ) {}

  /** Set once a newer owner fenced this room out: nothing more is written. */
  private fenced: Stored | null = null;

  /** Queues `op`; resolves once it is stored, or with the reason the database refused it. */
  enqueue(op: PersistOp): Promise<Stored> {
    if (this.fenced) return Promise.resolve(this.fenced);
    if (!this.open) this.open = this.startBatch();
    const batch = this.open;
    const i = batch.ops.push(op) - 1;
    this.pending += 1;
    return batch.results.then((r) => r[i] ?? STORED);
  }

  /** Ops queued or being written and not yet stored (or refused). */
  get backlog(): number {
    return this.pending;
  }

  private startBatch(): Batch {
    let settle: (results: Stored[]) => void = () => undefined;
    const results = new Promise<Stored[]>((resolve) => (settle = resolve));
    const batch: Batch = { ops: [], results, settle };
    this.chain = this.chain.then(
      () =>
        new Promise<void>((done) => {
          this.scheduler.after('write', this.tickMs, () => {
            // From here on new ops start the next batch, written after this one.
            if (this.open === batch) this.open = null;
            void this.write(batch.ops).then((r) => {
              this.pending -= batch.ops.length;
              batch.settle(r);
              done();
            });
          });
        }),
    );
    return batch;
  }

  /**
   * Refuses every op from now on (the room stopped: another process owns it); ops queued and not yet written are
   * refused too when their batch comes.
   */
  stop(error: string): void {
    this.fenced ??= { ok: false, error, fencedOut: true };
  }

  /**
   * The whole batch in one go; if it is refused, op by op, in order. A batch fenced out is not retried: every op of
   * it and of every later batch is refused, and the room is told. Never rejects.
   */
  private async write(ops: readonly PersistOp[]): Promise<Stored[]> {
    const fenced = () => ops.map(() => this.fenced ?? STORED);
    if (this.fenced) return fenced();
    try {
      await this.store.write(ops);
      return ops.map(() => STORED);
    } catch (e) {
      if (e instanceof FencedOut) {
        this.log.warn('batch fenced out: another process owns the room', { code: this.label, ops: ops.length });
        this.stop(e.message);
        this.onFencedOut();
        return fenced();
      }
      if (ops.length === 1) return [this.refused(ops[0], e)];
      this.log.warn('batch refused; writing it op by op', { code: this.label, ops: ops.length, error: String(e) });
    }
    const out: Stored[] = [];
    for (const op of ops) {
      try {
        await this.store.write([op]);
        out.push(STORED);
      } catch (e) {
        out.push(this.refused(op, e));
      }
    }
    return out;
  }

  private refused(op: PersistOp | undefined, e: unknown): Stored {
    const error = e instanceof Error ? e.message : String(e);
    this.log.error('persist failed', { code: this.label, op: op?.op ?? 'none', error });
    return { ok: false, error };
  }

  /** Resolves when everything queued so far is written. */
  async flushed(): Promise<void> {
    for (;;) {
      const c = this.chain;
      await c;
      if (c === this.chain && this.open === null) return;
    }
  }
}
