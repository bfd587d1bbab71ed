'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Counts, PublicState } from '@/protocol';
import { getSocket } from './socket';
import { monoNow } from './time';

export type { Counts };

/** A room's public state as this tab last heard it. */
export interface TimedState {
  state: PublicState;
  /** monoNow() when the full state arrived (remainingMs counts from here; counters do not move it). */
  at: number;
}

/** `room:counts` carries only the live counters (and an open poll's or word cloud's tally): merged into the last full state. */
export function withCounts(state: PublicState, counts: Counts): PublicState {
  const merged = { ...state, playerCount: counts.playerCount, answeredCount: counts.answeredCount };
  return counts.live === undefined ? merged : { ...merged, live: counts.live };
}

export interface RoomChannelOptions {
  enabled: boolean;
  /** Read when a `room:state` arrives: false ignores it (a phone not in the room yet). */
  accept?: () => boolean;
  /** Called with every accepted `room:state`. */
  onState?: (state: PublicState) => void;
}

export interface RoomChannel {
  room: TimedState | null;
  /** A full state that came another way (an ack, the host's own message). */
  replace(state: PublicState): void;
}

/**
 * Follows a room's broadcast channel, the same way for the host, the big screen and the phone: every
 * `room:state` of this room replaces the public state, every `room:counts` is merged into it.
 */
export function useRoomChannel(code: string, options: RoomChannelOptions): RoomChannel {
  const { enabled } = options;
  const [room, setRoom] = useState<TimedState | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const replace = useCallback((state: PublicState) => setRoom({ state, at: monoNow() }), []);

  useEffect(() => {
    if (!enabled) return;
    const s = getSocket();
    const onState = (state: PublicState) => {
      const { accept, onState: heard } = latest.current;
      if (state.code !== code || (accept && !accept())) return;
      setRoom({ state, at: monoNow() });
      heard?.(state);
    };
    const onCounts = (c: Counts) => setRoom((r) => (r ? { ...r, state: withCounts(r.state, c) } : r));
    s.on('room:state', onState);
    s.on('room:counts', onCounts);
    return () => {
      s.off('room:state', onState);
      s.off('room:counts', onCounts);
    };
  }, [code, enabled]);

  return { room, replace };
}
