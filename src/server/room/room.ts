import type { Command, Effect, PersistOp } from '../../game/commands';
import { apply, isHost, type ApplyResult } from '../../game/reducer';
import type { GameState, PlayerState } from '../../game/types';
import { countsView, hostView, playerView, publicView, sharedViews } from '../../game/views';
import type { Counts, HostState, PublicState, You } from '../../protocol';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { noChanges, RoomBroadcaster, type ViewSource } from './broadcaster';
import { RoomGrades, type Judge, type TextGrader } from './grades';
import {
  INTERNAL_ERROR,
  notSaved,
  type RoomReply,
  type RoomRequest,
  type RoomStatusInfo,
  type RoomView,
} from './requests';
import { RoomScheduler } from './scheduler';
import type { RoomTransport } from './transport';
import { RoomWriter, type RoomStore, type Stored } from './writer';

/** What a host's override teaches the deck: distinct texts of one card, with their verdict. */
export type LearnedExamples = Omit<Extract<Effect, { type: 'learn' }>, 'type'> & { roomId: string };

export interface RoomDeps {
  clock: Clock;
  rng: () => number;
  transport: RoomTransport;
  store: RoomStore;
  log: Logger;
  /** Told when the room's final results are stored. */
  events?: EventBus;
  /** The group the room counts for (its `roomFinished` event names it). */
  groupId?: string | null;
  /**
   * Stores what the host settled as examples of the deck's cards [R7.4]. Fire and forget: a failure is logged
   * and never touches the game.
   */
  learn?: (learned: LearnedExamples) => Promise<unknown>;
  /** A second opinion on unsure typed answers (off unless configured), never awaited. */
  judge?: Judge;
  /** The text grader (tests count its calls); src/game/grading by default. */
  grader?: TextGrader;
  /** At most this often (ms) for live counters and the host's list while answers come in. */
  coalesceMs?: number;
  /** How long the writer collects ops before a batch is written (ms). */
  writeTickMs?: number;
  /** Told once when the room stops because another process owns it now [R8.4]. */
  onStopped?: (room: Room) => void;
}

/** The reply to a request the room can no longer run or store: another process owns it now [R8.4]. */
const MOVED: RoomReply = {
  ok: false,
  error: {
    code: 'not_saved',
    message: 'This game moved to another server and that was not saved; reconnecting, then send it again.',
  },
};

/** Typed answers graded ahead per slice (about 1-3 ms of work) between socket reads [R4.7]. */
const GRADE_SLICE = 64;

/**
 * One live room. It owns its GameState and runs every request in one straight line: apply the command to the
 * pure reducer (src/game/reducer.ts), then carry out the effects it returned: broadcast the changed views
 * (broadcaster.ts), queue the rows to save (writer.ts), set the phase alarm and grade typed answers ahead
 * (scheduler.ts, grades.ts). Nothing it does calls back into the reducer except the alarm, which delivers
 * `tick` when the time the game asked for has come.
 */
export class Room implements ViewSource {
  private state: GameState;
  private readonly scheduler: RoomScheduler;
  private readonly grades: RoomGrades;
  private readonly writer: RoomWriter;
  private readonly broadcaster: RoomBroadcaster;
  /** Last time anything happened; the registry evicts idle finished rooms. */
  lastActivity: number;
  /** Big screens attached (sockets on any process), as last counted by the socket layer. */
  private screens = 0;
  /** While a request runs: the stored-ness of every op it queued (its reply waits for them). */
  private queued: Promise<Stored>[] | null = null;
  /** Set when another process owns the room now: nothing more is run or written here [R8.4]. */
  private stoppedBecause: string | null = null;

  constructor(
    initial: GameState,
    private readonly deps: RoomDeps,
  ) {
    this.state = initial;
    this.scheduler = new RoomScheduler(deps.clock);
    this.grades = new RoomGrades(deps.grader, deps.judge);
    this.writer = new RoomWriter(deps.store, this.scheduler, deps.log, initial.code, deps.writeTickMs, () =>
      this.stop('a newer owner fenced it out'),
    );
    this.broadcaster = new RoomBroadcaster(deps.transport, this.scheduler, this, deps.coalesceMs ?? 200);
    this.lastActivity = deps.clock.now();
  }

  get code(): string {
    return this.state.code;
  }
  get roomId(): string {
    return this.state.roomId;
  }
  get phase(): GameState['phase'] {
    return this.state.phase;
  }
  get activeCount(): number {
    return this.state.activeCount;
  }
  /** Read-only access for tests. */
  get snapshot(): Readonly<GameState> {
    return this.state;
  }
  /** Connected players not removed (metrics). */
  get connectedCount(): number {
    return this.state.connectedCount;
  }
  /** Rows queued or being written and not yet stored (metrics: the write-queue depth). */
  get writeBacklog(): number {
    return this.writer.backlog;
  }
  /** Typed answers still waiting to be graded ahead. */
  get gradeBacklog(): number {
    return this.grades.backlog;
  }

  /**
   * One request from a socket (here or on another process), start to finish: the reply waits until what the
   * request changed is stored (group commit), so an acknowledged answer or join survives a crash [R8.2, R8.3].
   * Broadcasts do not wait. A row the database refuses makes the reply `not_saved`.
   */
  async request(request: RoomRequest): Promise<RoomReply> {
    const queued: Promise<Stored>[] = [];
    this.queued = queued;
    let reply: RoomReply;
    try {
      reply = this.handle(request);
    } finally {
      this.queued = null;
    }
    if (!reply.ok || queued.length === 0) return reply;
    const refused = (await Promise.all(queued)).find((stored) => !stored.ok);
    if (!refused || refused.ok) return reply;
    // Another process owns the room now: nothing was saved here, and the sender will rejoin there [R8.4].
    if (refused.fencedOut) return MOVED;
    // Not acknowledged, so not counted: a refused answer is taken back (if its question is still open).
    if (request.kind === 'command' && request.command.type === 'answer') {
      const { playerId, questionIndex } = request.command;
      this.apply({ type: 'withdraw', playerId, questionIndex });
    }
    return notSaved(refused.error);
  }

  /** Runs a request and answers at once, without waiting for the database (tests of the rules; `request` waits). */
  handle(request: RoomRequest): RoomReply {
    if (this.stoppedBecause !== null) return MOVED;
    switch (request.kind) {
      case 'command': {
        const result = this.apply(request.command);
        if (result.error)
          return { ok: false, error: { code: result.error.code, message: result.error.message } };
        return this.viewAfter(request.command);
      }
      case 'attachHost':
        if (!isHost(this.state, request.hostTokenHash)) {
          return {
            ok: false,
            error: { code: 'not_host', message: 'That host link is not valid for this room.' },
          };
        }
        return { ok: true, view: { kind: 'host', host: this.hostState() } };
      case 'attachScreen':
        return { ok: true, view: { kind: 'public', state: this.publicState() } };
      case 'status':
        return { ok: true, view: { kind: 'status', status: this.status() } };
      case 'screens':
        // Not a rule of the game: whether the host console is the only screen decides only what it hides.
        if ((this.screens > 0) !== (request.count > 0)) {
          this.screens = request.count;
          this.broadcaster.send({ ...noChanges(), host: true });
        } else this.screens = request.count;
        return { ok: true, view: { kind: 'none' } };
      default: {
        const never: never = request;
        throw new Error(`unhandled request ${JSON.stringify(never)}`);
      }
    }
  }

  /** Applies one command and carries out its effects. */
  apply(command: Command): ApplyResult {
    const now = this.scheduler.now();
    this.lastActivity = now;
    let result: ApplyResult;
    try {
      result = apply(this.state, command, {
        now,
        rng: this.deps.rng,
        grades: this.grades,
        closeOnAlarm: true,
      });
    } catch (e) {
      // A bug in the rules must not take the server down; the state is whatever apply left (it validates
      // before it mutates), and the caller gets an internal error.
      this.deps.log.error('apply failed', { code: this.state.code, command: command.type, error: String(e) });
      throw e;
    }
    this.state = result.state;
    this.deps.log.debug('command', {
      code: this.state.code,
      type: command.type,
      phase: this.state.phase,
      ...(result.error ? { refused: result.error.code } : {}),
    });
    this.carryOut(result.effects);
    return result;
  }

  private carryOut(effects: Effect[]): void {
    const changes = noChanges();
    for (const e of effects) {
      switch (e.type) {
        case 'publicChanged':
          changes.public = true;
          break;
        case 'lobbyChanged':
          changes.lobby = true;
          break;
        case 'hostChanged':
          changes.host = true;
          break;
        case 'countsChanged':
          changes.counts = true;
          break;
        case 'playersChanged':
          if (e.playerIds === 'all') changes.allPlayers = true;
          else for (const id of e.playerIds) changes.players.add(id);
          break;
        case 'kick':
          this.deps.transport.kick(e.playerId, e.reason);
          break;
        case 'persist':
          this.persist(e.op);
          break;
        case 'timer': {
          const alarm = () =>
            this.scheduler.at('alarm', e.at, () =>
              this.runScheduled('tick', () => this.apply({ type: 'tick' })),
            );
          // Due now (everyone has answered [R4.5]): the close waits until the answers queued are stored, so
          // their acks go out before it grades, scores and sends everyone's results [R8.2].
          if (e.at !== null && e.at <= this.scheduler.now() && this.writer.backlog > 0)
            void this.writer.written().then(() => {
              // A room that stopped meanwhile (another process owns it now) closes nothing [R8.4].
              if (this.stoppedBecause === null) alarm();
            });
          else alarm();
          break;
        }
        case 'gradeAhead': {
          const card = this.state.cards.get(e.cardId);
          if (card) {
            this.grades.ahead(card, e.text);
            this.scheduleGradeAhead();
          }
          break;
        }
        case 'learn': {
          const learn = this.deps.learn;
          if (learn) {
            const { deckId, cardId, examples } = e;
            void learn({ deckId, cardId, examples, roomId: this.state.roomId }).catch((err: unknown) =>
              this.deps.log.warn('learned example not stored', { code: this.state.code, err: String(err) }),
            );
          }
          break;
        }
        default: {
          const never: never = e;
          throw new Error(`unhandled effect ${JSON.stringify(never)}`);
        }
      }
    }
    this.broadcaster.send(changes);
  }

  private persist(op: PersistOp): void {
    const stored = this.writer.enqueue(op);
    this.queued?.push(stored);
    const events = this.deps.events;
    if (op.op === 'roomFinished' && events) {
      const { roomId, code } = this.state;
      const groupId = this.deps.groupId ?? null;
      // Announced once the results are readable, so whoever reloads a board sees them.
      void stored.then((s) => {
        if (s.ok) events.publish({ type: 'roomFinished', roomId, code, groupId });
      });
    }
  }

  /**
   * Typed answers are graded in small slices after pending I/O, so a burst of answers is acknowledged first
   * and graded in between; the close grades whatever is left [R4.7].
   */
  private scheduleGradeAhead(): void {
    this.scheduler.soon('gradeAhead', () =>
      this.runScheduled('gradeAhead', () => {
        if (this.grades.gradeAhead(GRADE_SLICE) > 0) this.scheduleGradeAhead();
      }),
    );
  }

  private runScheduled(job: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.deps.log.error('scheduled room job failed', { code: this.state.code, job, error: String(e) });
    }
  }

  private viewAfter(command: Command): RoomReply {
    if (command.type !== 'join' && command.type !== 'rejoin') return { ok: true, view: { kind: 'none' } };
    const you = this.you(command.playerId);
    if (!you) return INTERNAL_ERROR;
    const view: RoomView = { kind: 'player', you, state: this.publicState() };
    return { ok: true, view };
  }

  // ---------- views (src/game/views.ts decides what each may see) ----------

  publicState(): PublicState {
    return publicView(this.state, this.scheduler.now());
  }
  hostState(): HostState {
    return hostView(this.state, this.scheduler.now(), this.state.joinUrl, this.screens > 0);
  }
  you(playerId: string): You | null {
    const p = this.state.players.get(playerId);
    return p ? playerView(this.state, p) : null;
  }
  counts(): Counts {
    return countsView(this.state);
  }
  eachPlayerView(which: 'all' | Iterable<string>, send: (playerId: string, you: You) => void): void {
    if (which === 'all') {
      const count = this.state.activeCount;
      const shared = sharedViews(this.state);
      for (const p of this.state.players.values())
        if (!p.removed) send(p.id, playerView(this.state, p, count, shared));
      return;
    }
    const shared = sharedViews(this.state);
    for (const id of which) {
      const p: PlayerState | undefined = this.state.players.get(id);
      if (p && !p.removed) send(id, playerView(this.state, p, undefined, shared));
    }
  }
  status(): RoomStatusInfo {
    const s = this.state;
    return { code: s.code, title: s.title, phase: s.phase, playerCount: s.activeCount };
  }

  /** Resolves when everything applied so far is stored. */
  flushed(): Promise<void> {
    return this.writer.flushed();
  }

  /** Whether the room stopped because another process owns it now. */
  get stopped(): boolean {
    return this.stoppedBecause !== null;
  }

  /**
   * Another process owns the room now (this one lost its lease, or the database fenced its writes out) [R8.4]:
   * at once, no alarm, no broadcast, no write; its sockets here are disconnected, so they reconnect and rejoin
   * wherever the room runs now. Idempotent.
   */
  stop(reason: string): void {
    if (this.stoppedBecause !== null) return;
    this.stoppedBecause = reason;
    this.writer.stop(`another process owns room ${this.state.code} now`);
    this.dispose();
    this.deps.log.warn('room stopped here', { code: this.state.code, reason });
    this.deps.transport.reconnect('here');
    this.deps.onStopped?.(this);
  }

  /**
   * Stops the room's alarm, grading and broadcasts (the room is evicted or the server stops). A write already
   * queued still happens: stored results never depend on eviction.
   */
  dispose(): void {
    this.scheduler.cancel('alarm');
    this.scheduler.cancel('gradeAhead');
    this.scheduler.cancel('broadcast');
  }
}
