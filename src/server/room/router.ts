import { INTERNAL_ERROR, ROOM_NOT_FOUND, type RoomReply, type RoomRequest } from './requests';
import type { Room } from './room';

/**
 * Routes a request to the process that owns the room. One process: the local registry (below). Several
 * processes (REDIS_URL): src/server/cluster/router.ts, where each room has one owner and a request that
 * arrives elsewhere travels to it over Redis.
 */
export interface RoomRouter {
  readonly processId: string;
  route(code: string, request: RoomRequest): Promise<RoomReply>;
  /** Records that this process owns a new room; fails when another process does. */
  claim(code: string): Promise<void>;
  /** The room is gone from this process (evicted). */
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
    route: async (code, request) => runRequest(lookup(code), request),
    claim: async () => undefined,
    release: async () => undefined,
    close: async () => undefined,
  };
}
