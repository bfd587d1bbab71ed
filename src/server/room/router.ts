import { INTERNAL_ERROR, ROOM_NOT_FOUND, type RoomReply, type RoomRequest } from './requests';
import type { Room } from './room';

/**
 * Routes a request to the process that owns the room. One process: the local registry (below). Several
 * processes (REDIS_URL): src/server/cluster/router.ts, where each room has one owner and a request that
 * arrives elsewhere travels to it over Redis.
 */
export interface RoomRouter {
  readonly processId: string;
  /**
   * Several processes share the rooms (a cluster): a room whose owner is gone is taken over by another process
   * [R8.4]. False for a single process, which brings its rooms back at start-up instead [R8.3].
   */
  readonly shared: boolean;
  route(code: string, request: RoomRequest): Promise<RoomReply>;
  /**
   * Makes this process the room's owner; fails when another process is. In a cluster the ownership is a lease the
   * process keeps renewing, and the claim takes the room's next fencing number (at least `floor`), which every
   * batch the room writes carries [R8.4]. A single process has no lease and no fencing: null.
   */
  claim(code: string, floor?: number): Promise<number | null>;
  /** Of `codes`, those no process holds a lease on (their owner died); none for a single process. */
  unowned(codes: readonly string[]): Promise<string[]>;
  /** Calls `listener` when this process loses a room's lease (it could not renew it in time) [R8.4]. */
  onLost(listener: (code: string) => void): void;
  /** The room is gone from this process (evicted, or it stopped). */
  release(code: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs a request on a room of this process, answering once what it changed is stored; a bug in a room answers
 * `internal` and leaves the server up.
 */
export async function runRequest(room: Room | undefined, request: RoomRequest): Promise<RoomReply> {
  if (!room) return ROOM_NOT_FOUND;
  try {
    return await room.request(request);
  } catch {
    return INTERNAL_ERROR;
  }
}

export function createLocalRouter(lookup: (code: string) => Room | undefined): RoomRouter {
  return {
    processId: 'local',
    shared: false,
    route: async (code, request) => runRequest(lookup(code), request),
    claim: async () => null,
    unowned: async () => [],
    onLost: () => undefined,
    release: async () => undefined,
    close: async () => undefined,
  };
}
