'use client';

import { useCallback, useState } from 'react';
import { isValidCode } from './codes';
import { request, type ClientError, type ConnectionState } from './socket';
import { useConnection } from './useConnection';
import { useRoomChannel, type TimedState } from './useRoomChannel';

export type { TimedState } from './useRoomChannel';

export type RoomStatus = 'connecting' | 'ready' | 'not-found' | 'finished' | 'error';

export interface ScreenRoom {
  status: RoomStatus;
  connection: ConnectionState;
  room: TimedState | null;
  error: ClientError | null;
}

/** The big screen: attaches as a spectator and follows the room's channel. */
export function useScreenRoom(code: string): ScreenRoom {
  const valid = isValidCode(code);
  const [status, setStatus] = useState<RoomStatus>(valid ? 'connecting' : 'not-found');
  const [error, setError] = useState<ClientError | null>(null);
  const channel = useRoomChannel(code, { enabled: valid, onState: () => setStatus('ready') });
  const { replace } = channel;

  const attach = useCallback(async () => {
    const res = await request('screen:attach', { code });
    if (res.ok) {
      replace(res.data);
      setStatus('ready');
      setError(null);
      return;
    }
    setError(res.error);
    if (res.error.code === 'room_not_found' || res.error.code === 'bad_request') setStatus('not-found');
    else if (res.error.code === 'game_finished') setStatus('finished');
    else if (res.error.code !== 'offline') setStatus((s) => (s === 'ready' ? s : 'error'));
  }, [code, replace]);

  const connection = useConnection(valid, () => void attach());

  return { status, connection, room: channel.room, error };
}
