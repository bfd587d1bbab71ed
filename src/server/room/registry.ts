import type { Room } from './room';

/**
 * Live rooms of this process by code. Kept on globalThis because server.ts and Next's route bundle load separate
 * copies of this module; both must see the same rooms.
 */
const KEY = Symbol.for('quizroom.rooms');
export type RoomRegistry = Map<string, Room>;
const g = globalThis as unknown as Record<symbol, RoomRegistry | undefined>;

export function roomRegistry(): RoomRegistry {
  let r = g[KEY];
  if (!r) {
    r = new Map();
    g[KEY] = r;
  }
  return r;
}
