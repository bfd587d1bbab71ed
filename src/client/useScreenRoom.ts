'use client';

import { useCallback, useEffect, useState } from 'react';
import type { PublicState } from '@/protocol';
import { isValidCode } from './codes';
import { getSocket, request, type ClientError, type ConnectionState } from './socket';
import { monoNow } from './time';
import { useConnection } from './useConnection';

export type RoomStatus = 'connecting' | 'ready' | 'not-found' | 'finished' | 'error';

export interface TimedState {
  state: PublicState;
  /** monoNow() when the full state arrived (remainingMs counts from here). */
  at: number;
}

export interface ScreenRoom {
  status: RoomStatus;
  connection: ConnectionState;
  room: TimedState | null;
  error: ClientError | null;
}

/** The big screen: attaches as a spectator, follows room:state and merges room:counts. */
export function useScreenRoom(code: string): ScreenRoom {
  const valid = isValidCode(code);
  const [status, setStatus] = useState<RoomStatus>(valid ? 'connecting' : 'not-found');
  const [room, setRoom] = useState<TimedState | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  const attach = useCallback(async () => {
    const res = await request('screen:attach', { code });
    if (res.ok) {
      setRoom({ state: res.data, at: monoNow() });
      setStatus('ready');
      setError(null);
      return;
    }
    setError(res.error);
    if (res.error.code === 'room_not_found' || res.error.code === 'bad_request') setStatus('not-found');
    else if (res.error.code === 'game_finished') setStatus('finished');
    else if (res.error.code !== 'offline') setStatus((s) => (s === 'ready' ? s : 'error'));
  }, [code]);

  const connection = useConnection(valid, () => void attach());

  useEffect(() => {
    if (!valid) return;
    const s = getSocket();
    const onState = (state: PublicState) => {
      if (state.code !== code) return;
      setRoom({ state, at: monoNow() });
      setStatus('ready');
    };
    const onCounts = (c: { playerCount: number; answeredCount: number }) =>
      setRoom((r) =>
        r ? { ...r, state: { ...r.state, playerCount: c.playerCount, answeredCount: c.answeredCount } } : r,
      );
    s.on('room:state', onState);
    s.on('room:counts', onCounts);
    return () => {
      s.off('room:state', onState);
      s.off('room:counts', onCounts);
    };
  }, [code, valid]);

  return { status, connection, room, error };
}
