import type { PersistOp } from '../../game/commands';
import type { Logger } from '../log';
import type { RoomScheduler } from './scheduler';

/** Where a room's batches go (src/server/room/store.ts: the room repository; tests: memory). */
export interface RoomStore {
  /** Stores one batch of the room's ops, in order. */
  write(batch: readonly PersistOp[]): Promise<void>;
}

interface Batch {
  ops: PersistOp[];
  stored: Promise<boolean>;
  settle: (stored: boolean) => void;
}

/**
 * A room's write-behind queue. Ops are collected for one short tick and written as one batch, one batch at a
 * time and in order (a burst of joins becomes one multi-row insert [R8.2]); the next batch's tick starts when
 * the previous write is done.
 *
 * `enqueue` answers with the stored-ness of the batch the op joined, so a caller can wait until what it did is
 * durable before it acknowledges (group commit). Today nothing waits: answers are acknowledged at once and
 * written with their question's close [R8.2].
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
  ) {}

  /** Queues `op`; resolves true once its batch is stored, false if that write failed (logged; later ones go on). */
  enqueue(op: PersistOp): Promise<boolean> {
    if (!this.open) this.open = this.startBatch();
    this.open.ops.push(op);
    this.pending += 1;
    return this.open.stored;
  }

  /** Ops queued or being written and not yet stored (or failed). */
  get backlog(): number {
    return this.pending;
  }

  private startBatch(): Batch {
    let settle: (stored: boolean) => void = () => undefined;
    const stored = new Promise<boolean>((resolve) => (settle = resolve));
    const batch: Batch = { ops: [], stored, settle };
    void stored.then(() => (this.pending -= batch.ops.length));
    this.chain = this.chain.then(
      () =>
        new Promise<void>((done) => {
          this.scheduler.after('write', this.tickMs, () => {
            // From here on new ops start the next batch, written after this one.
            if (this.open === batch) this.open = null;
            this.store.write(batch.ops).then(
              () => batch.settle(true),
              (e: unknown) => {
                this.log.error('persist failed', {
                  code: this.label,
                  ops: batch.ops.length,
                  error: String(e),
                });
                batch.settle(false);
              },
            );
            void batch.stored.then(() => done());
          });
        }),
    );
    return batch;
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
