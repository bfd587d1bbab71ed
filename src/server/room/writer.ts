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
  /** Answers locked in only (written alongside other such batches), or anything else (written alone, in order). */
  shared: boolean;
  /** When its first op came (the scheduler's clock). */
  openedAt: number;
  /** No more ops join it: its tick has passed, or a batch of the other sort was queued after it. */
  closed: boolean;
  /** One outcome per op, in order. */
  results: Promise<Stored[]>;
  settle: (results: Stored[]) => void;
}

/** Answer batches written at the same time, at most (each holds one database connection while it runs). */
const MAX_CONCURRENT = 4;

const isShared = (op: PersistOp) => op.op === 'answerLocked';

/**
 * A room's group commit. Ops are collected for one short tick and written as one batch (a tick's answers become
 * one row of the answer log [R8.2]); `enqueue` answers once its op is stored, so the room acknowledges a
 * command only when what it changed is durable: one write per tick for every answer that arrived in it, then
 * their acks.
 *
 * Order is kept where it matters. Answers locked in are rows that depend on nothing written in the same
 * moment (a player answers only after their join was stored and acknowledged) and not on each other, so a
 * batch holding only them may be written while other such batches are still being written, up to
 * MAX_CONCURRENT at once. Every other op (joins, phase changes, a question's close, ...) goes in a batch that
 * waits for every batch before it and holds back every batch after it. So in a burst each tick's answers are
 * stored and acknowledged while the burst is still arriving, and the answers never wait for the close that
 * follows them.
 *
 * A batch starts when its tick has passed, checked by a timer and also on every op that arrives and every write
 * that ends: under a burst the event loop can spend a second reading sockets before any timer runs, and the
 * answers must not wait for it.
 *
 * A batch the database refuses is written again op by op, so one bad row never takes the others with it: only
 * the ops refused on their own answer `{ ok: false }` (logged, and reported to the command's sender).
 */
export class RoomWriter {
  /** Batches not started yet, oldest first; only the last may still take ops. */
  private readonly queue: Batch[] = [];
  /** The outcomes of the batches being written. */
  private readonly running = new Set<Promise<Stored[]>>();
  /** Answer batches being written. */
  private sharedRunning = 0;
  /** An ordered batch is being written (nothing else runs meanwhile). */
  private orderedRunning = false;
  /** Ops queued or being written, not yet settled (the write-queue depth metric). */
  private pending = 0;
  /** Waiting for everything queued so far to be written (`flushed`). */
  private idleWaiters: (() => void)[] = [];
  private startScheduled = false;

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
    const shared = isShared(op);
    let batch = this.queue.at(-1);
    if (!batch || batch.closed || batch.shared !== shared) {
      if (batch) batch.closed = true;
      batch = this.openBatch(shared);
    }
    const i = batch.ops.push(op) - 1;
    this.pending += 1;
    this.startSoon();
    return batch.results.then((r) => r[i] ?? STORED);
  }

  /** Ops queued or being written and not yet stored (or refused). */
  get backlog(): number {
    return this.pending;
  }

  private openBatch(shared: boolean): Batch {
    let settle: (results: Stored[]) => void = () => undefined;
    const results = new Promise<Stored[]>((resolve) => (settle = resolve));
    const batch: Batch = { ops: [], shared, openedAt: this.scheduler.now(), closed: false, results, settle };
    this.queue.push(batch);
    this.scheduler.after('write', this.tickMs, () => this.startDue());
    return batch;
  }

  /** After the command being handled: starts what is due (batches are never started inside a command). */
  private startSoon(): void {
    if (this.startScheduled) return;
    this.startScheduled = true;
    queueMicrotask(() => {
      this.startScheduled = false;
      this.startDue();
    });
  }

  /** Starts, oldest first, every queued batch that is due and that the batches being written allow. */
  private startDue(): void {
    const now = this.scheduler.now();
    for (;;) {
      const batch = this.queue[0];
      if (!batch || this.orderedRunning) break;
      if (!batch.closed && now - batch.openedAt < this.tickMs) break;
      if (batch.shared ? this.sharedRunning >= MAX_CONCURRENT : this.sharedRunning > 0) break;
      this.queue.shift();
      batch.closed = true;
      this.run(batch);
    }
    // A batch still collecting gets its tick from the timer if no op or write comes first (one that is due but
    // waits for the batches being written starts when they end).
    const open = this.queue[0];
    if (open && !open.closed && now - open.openedAt < this.tickMs) {
      this.scheduler.after('write', open.openedAt + this.tickMs - now, () => this.startDue());
    }
  }

  private run(batch: Batch): void {
    if (batch.shared) this.sharedRunning += 1;
    else this.orderedRunning = true;
    this.running.add(batch.results);
    void this.write(batch.ops).then((r) => {
      this.running.delete(batch.results);
      if (batch.shared) this.sharedRunning -= 1;
      else this.orderedRunning = false;
      this.pending -= batch.ops.length;
      batch.settle(r);
      this.startDue();
      if (this.idle) for (const done of this.idleWaiters.splice(0)) done();
    });
  }

  private get idle(): boolean {
    return this.queue.length === 0 && this.sharedRunning === 0 && !this.orderedRunning;
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
        const first = this.fenced === null;
        this.log.warn('batch fenced out: another process owns the room', { code: this.label, ops: ops.length });
        this.stop(e.message);
        if (first) this.onFencedOut();
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

  /**
   * Resolves when the ops queued so far are written (or refused), whatever is queued after them; the batch still
   * collecting is written without waiting for its tick.
   */
  async written(): Promise<void> {
    const last = this.queue.at(-1);
    if (last) last.closed = true;
    this.startSoon();
    await Promise.all([...this.running, ...this.queue.map((b) => b.results)]);
  }

  /** Resolves when everything queued so far is written. */
  async flushed(): Promise<void> {
    if (this.idle) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
