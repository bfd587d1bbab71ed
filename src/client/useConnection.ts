'use client';

import { useEffect, useRef, useState } from 'react';
import { getSocket, type ConnectionState, type QuizSocket } from './socket';

/**
 * Tracks the tab's socket and calls `onConnect` on the first connection and after every reconnection (the
 * room hooks attach / rejoin there). `enabled` false keeps the socket untouched.
 */
export function useConnection(enabled: boolean, onConnect: (socket: QuizSocket) => void): ConnectionState {
  const [state, setState] = useState<ConnectionState>('connecting');
  const callback = useRef(onConnect);
  useEffect(() => {
    callback.current = onConnect;
  });

  useEffect(() => {
    if (!enabled) return;
    const s = getSocket();
    let everConnected = s.connected;
    const handleConnect = () => {
      everConnected = true;
      setState('connected');
      callback.current(s);
    };
    const handleDisconnect = () => setState(everConnected ? 'reconnecting' : 'connecting');
    const handleError = () => setState(everConnected ? 'reconnecting' : 'connecting');
    s.on('connect', handleConnect);
    s.on('disconnect', handleDisconnect);
    s.on('connect_error', handleError);
    if (s.connected) handleConnect();
    else if (!s.active) s.connect();
    return () => {
      s.off('connect', handleConnect);
      s.off('disconnect', handleDisconnect);
      s.off('connect_error', handleError);
    };
  }, [enabled]);

  return state;
}
