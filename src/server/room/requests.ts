import type { Command } from '../../game/commands';
import type { ErrorPayload, HostState, PublicState, You } from '../../protocol';

/**
 * What a socket may ask of a room, as plain serialisable data: the process that owns the room runs it, here or
 * after a hop over Redis (src/server/cluster/router.ts). A request for the game is the game's own `Command`,
 * built by the socket adapter from the payload and the socket's session (its player id, the hashed host token,
 * a new player's id and token hash); only what the game does not decide has a request of its own.
 */
export type RoomRequest =
  | { kind: 'command'; command: Command }
  /** A host device attaches with the room's host token (hashed) [R2.1]. */
  | { kind: 'attachHost'; hostTokenHash: string }
  | { kind: 'attachScreen' }
  /** The public status for `GET /api/rooms/:code`, wherever the room runs. */
  | { kind: 'status' }
  /** How many big screens follow the room now (counted by the socket layer across processes). */
  | { kind: 'screens'; count: number };

export interface RoomStatusInfo {
  code: string;
  title: string;
  phase: string;
  playerCount: number;
}

/** What the requester gets back to show: a player's first view after joining, the host's, the screen's. */
export type RoomView =
  | { kind: 'none' }
  | { kind: 'player'; you: You; state: PublicState }
  | { kind: 'host'; host: HostState }
  | { kind: 'public'; state: PublicState }
  | { kind: 'status'; status: RoomStatusInfo };

export type RoomReply = { ok: true; view: RoomView } | { ok: false; error: ErrorPayload };

export const ROOM_NOT_FOUND: RoomReply = {
  ok: false,
  error: { code: 'room_not_found', message: 'No game with that code is running.' },
};

export const INTERNAL_ERROR: RoomReply = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong on the server; the game is unaffected.' },
};
