import type { RoomRuntime } from './room-runtime';

/**
 * Live rooms by code. Kept on globalThis because server.ts and Next's route bundle load separate copies of
 * this module; both must see the same rooms.
 */
const KEY = Symbol.for('quizroom.rooms');
type Registry = Map<string, RoomRuntime>;
const g = globalThis as unknown as Record<symbol, Registry | undefined>;

export function roomRegistry(): Registry {
  let r = g[KEY];
  if (!r) {
    r = new Map();
    g[KEY] = r;
  }
  return r;
}
