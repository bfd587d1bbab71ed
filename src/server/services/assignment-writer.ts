import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { AssignmentAnswerRow, ServeRow } from '../repositories/assignments';

/** Where the writer's batches go: the assignment repository's `write` (tests: memory). */
export interface AssignmentStore {
  /**
   * Stores answers and serves in one statement (all or nothing) and returns the `playerId:questionIndex` of the
   * answers it inserted (a duplicate of a stored answer is left out).
   */
  write(answers: readonly AssignmentAnswerRow[], serves: readonly ServeRow[]): Promise<Set<string>>;
}

export interface AssignmentWriterOptions {
  clock: Clock;
  log: Logger;
  /** How long a batch gathers rows, from its first row, before it is written (ms); 0: the next turn. */
  tickMs: number;
  /** At most this many rows per statement. */
  maxBatch: number;
  /** A row written alone after its batch was refused is tried again this many times (a dropped connection). */
  retries: number;
}

type Op =
  | { kind: 'answer'; row: AssignmentAnswerRow; done: (stored: boolean) => void; fail: (e: unknown) => void }
  | { kind: 'serve'; row: ServeRow; done: (stored: boolean) => void; fail: (e: unknown) => void };

const keyOf = (a: { playerId: string; questionIndex: number }) => `${a.playerId}:${a.questionIndex}`;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Group commit for self-paced assignments [R13.9]. Rows from every player of every assignment are gathered for
 * one short tick (from the first row of a batch) and written as one statement; each row's promise settles only
 * once that statement has committed: `true` when the answer was stored, `false` when the database already held
 * that seat's answer to that card (another device). One statement in flight at a time: batches grow by
 * themselves while the database is slow, and two of our own statements never wait on each other's row locks.
 *
 * A refused batch is written again row by row (each row alone, tried again `retries` times), so one bad row
 * never takes the others with it: only a row refused on its own rejects (the caller refuses that request).
 *
 * A seat's requests run one after the other (the service chains them), so one batch never holds two rows of
 * one seat.
 */
export class AssignmentWriter {
  private queue: Op[] = [];
  private inFlight = false;
  private timer: (() => void) | null = null;
  private due = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly store: AssignmentStore,
    private readonly o: AssignmentWriterOptions,
  ) {}

  /** Resolves once the answer's statement has committed: true if stored, false if it was a duplicate. */
  answer(row: AssignmentAnswerRow): Promise<boolean> {
    return new Promise((done, fail) => this.push({ kind: 'answer', row, done, fail }));
  }

  /** Resolves once the serve's statement has committed. */
  serve(row: ServeRow): Promise<boolean> {
    return new Promise((done, fail) => this.push({ kind: 'serve', row, done, fail }));
  }

  /** Rows queued or being written. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Resolves once everything queued so far is written (or refused). */
  flushed(): Promise<void> {
    if (!this.inFlight && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private push(op: Op): void {
    this.queue.push(op);
    this.arm();
  }

  /** Starts the tick of the next batch when rows wait and none is ticking. */
  private arm(): void {
    if (this.timer || this.due || this.queue.length === 0) return;
    const fire = () => {
      this.timer = null;
      this.due = true;
      this.drain();
    };
    this.timer = this.o.tickMs > 0 ? this.o.clock.setTimeout(fire, this.o.tickMs) : this.o.clock.setImmediate(fire);
  }

  /** Writes the due batch once the previous statement is done. */
  private drain(): void {
    if (!this.due || this.inFlight) return;
    this.due = false;
    const batch = this.queue.splice(0, this.o.maxBatch);
    if (batch.length === 0) return this.settled();
    this.inFlight = true;
    void this.write(batch).finally(() => {
      this.inFlight = false;
      // Rows that came in meanwhile: their tick has run (or runs now, if the batch was cut at maxBatch).
      if (this.queue.length > 0 && !this.timer) this.due = true;
      if (this.due) this.drain();
      else this.arm();
      this.settled();
    });
  }

  private settled(): void {
    if (this.inFlight || this.queue.length > 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const w of waiting) w();
  }

  private async write(batch: Op[]): Promise<void> {
    let refused: unknown;
    try {
      const stored = await this.store.write(...split(batch));
      for (const op of batch) op.done(op.kind === 'serve' || stored.has(keyOf(op.row)));
      return;
    } catch (e) {
      refused = e;
      if (batch.length > 1)
        this.o.log.warn('assignment batch refused; writing its rows one by one', { rows: batch.length, error: message(e) });
    }
    // A refused statement rolled back: nothing of it is stored, so each row may simply be written again, alone
    // (a row that was alone already has had its first attempt).
    for (const op of batch) {
      let last = refused;
      let written = false;
      for (let attempt = batch.length === 1 ? 1 : 0; attempt <= this.o.retries && !written; attempt++) {
        try {
          const stored = await this.store.write(...split([op]));
          op.done(op.kind === 'serve' || stored.has(keyOf(op.row)));
          written = true;
        } catch (e) {
          last = e;
        }
      }
      if (!written) this.refuse(op, last);
    }
  }

  private refuse(op: Op, e: unknown): void {
    this.o.log.error('assignment write refused', {
      kind: op.kind,
      playerId: op.row.playerId,
      ...(op.kind === 'answer' ? { questionIndex: op.row.questionIndex } : { servedIndex: op.row.servedIndex }),
      error: message(e),
    });
    op.fail(e);
  }
}

function split(ops: readonly Op[]): [AssignmentAnswerRow[], ServeRow[]] {
  const answers: AssignmentAnswerRow[] = [];
  const serves: ServeRow[] = [];
  for (const op of ops) {
    if (op.kind === 'answer') answers.push(op.row);
    else serves.push(op.row);
  }
  return [answers, serves];
}
