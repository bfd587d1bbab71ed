import type { Counts, HostState, PublicState, You } from '../../protocol';
import type { RoomScheduler } from './scheduler';
import type { RoomTransport } from './transport';

/** The views the broadcaster sends, rendered from the room's current state (src/game/views.ts). */
export interface ViewSource {
  publicState(): PublicState;
  hostState(): HostState;
  counts(): Counts;
  /** Each active player's own view: all of them, or the given ones. */
  eachPlayerView(which: 'all' | Iterable<string>, send: (playerId: string, you: You) => void): void;
  /** Players in the room: big rooms get fewer coalesced broadcasts. */
  readonly activeCount: number;
}

/** What one command changed, gathered from its effects. */
export interface ViewChanges {
  public: boolean;
  lobby: boolean;
  host: boolean;
  counts: boolean;
  allPlayers: boolean;
  players: Set<string>;
}

export function noChanges(): ViewChanges {
  return { public: false, lobby: false, host: false, counts: false, allPlayers: false, players: new Set() };
}

/**
 * Sends a room's views after each command: a phase change at once (one packet for the whole room), counters,
 * lobby names and the host's list at most once per coalescing window while joins and answers pour in [R8.2].
 */
export class RoomBroadcaster {
  private pendingCounts = false;
  private pendingPublic = false;
  private pendingHost = false;

  constructor(
    private readonly transport: RoomTransport,
    private readonly scheduler: RoomScheduler,
    private readonly views: ViewSource,
    private readonly coalesceMs: number,
  ) {}

  send(changes: ViewChanges): void {
    // Hosts first: a host also receives the room's broadcast, and must never see a new public state paired
    // with the previous question's answer.
    if (changes.host && changes.public) {
      this.pendingHost = false;
      this.transport.toHosts(this.views.hostState());
    } else if (changes.host) {
      this.pendingHost = true;
      this.coalesce();
    }
    if (changes.public) {
      // A full state supersedes pending counters and lobby updates.
      this.pendingCounts = false;
      this.pendingPublic = false;
      this.transport.toRoom('room:state', this.views.publicState());
    } else if (changes.lobby) {
      // Joins arrive in bursts: one lobby broadcast per coalescing window, not one per join.
      this.pendingPublic = true;
      this.coalesce();
    } else if (changes.counts) {
      this.pendingCounts = true;
      this.coalesce();
    }
    if (changes.allPlayers) this.views.eachPlayerView('all', (id, you) => this.transport.toPlayer(id, you));
    else if (changes.players.size > 0) {
      this.views.eachPlayerView(changes.players, (id, you) => this.transport.toPlayer(id, you));
    }
  }

  private coalesce(): void {
    // Every window writes to every socket: big rooms get fewer (25,000 writes/s at 5,000 players otherwise).
    const ms = this.views.activeCount >= 1000 ? Math.max(this.coalesceMs, 1000) : this.coalesceMs;
    this.scheduler.after('broadcast', ms, () => {
      if (this.pendingPublic) {
        this.pendingPublic = false;
        this.pendingCounts = false;
        this.transport.toRoom('room:state', this.views.publicState());
      }
      if (this.pendingCounts) {
        this.pendingCounts = false;
        this.transport.toRoom('room:counts', this.views.counts());
      }
      if (this.pendingHost) {
        this.pendingHost = false;
        this.transport.toHosts(this.views.hostState());
      }
    });
  }
}
