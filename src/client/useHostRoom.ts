'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostState } from '@/protocol';
import { isValidCode } from './codes';
import { getSocket, request, type ClientError, type ConnectionState, type Result } from './socket';
import { getHostToken, setHostToken } from './storage';
import { useConnection } from './useConnection';
import { useRoomChannel } from './useRoomChannel';

export type HostStatus =
  'loading' | 'no-token' | 'connecting' | 'ready' | 'invalid' | 'not-found' | 'finished' | 'error';

export interface TimedHostState {
  host: HostState;
  /** monoNow() when the last full state arrived. */
  at: number;
}

export type HostCommand =
  | 'host:start'
  | 'host:next'
  | 'host:reveal'
  | 'host:skip'
  | 'host:end'
  | 'host:pause'
  | 'host:resume';

export interface HostRoom {
  status: HostStatus;
  connection: ConnectionState;
  room: TimedHostState | null;
  error: ClientError | null;
  token: string | null;
  retry(): void;
  command(event: HostCommand): Promise<Result<undefined>>;
  kick(playerId: string): Promise<Result<undefined>>;
  override(questionIndex: number, playerId: string, accept: boolean): Promise<Result<undefined>>;
  /** Settles every typed answer of one group (a host group's `key`) [R7.3]. */
  overrideGroup(questionIndex: number, group: string, accept: boolean): Promise<Result<undefined>>;
  setAutoAdvance(on: boolean): Promise<Result<undefined>>;
  /** During a question: close it and go on past the reveal ("Next", not "Show results") [R14.6]. */
  nextPastReveal(): Promise<Result<undefined>>;
  addTime(seconds: number): Promise<Result<undefined>>;
  setLocked(locked: boolean): Promise<Result<undefined>>;
  setTeams(count: number): Promise<Result<undefined>>;
}

/**
 * Reads the host token from the URL fragment (#token=...) into localStorage, or from localStorage back into
 * the fragment, so the address bar is always a working host link for another device.
 */
function resolveToken(code: string): string | null {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    setHostToken(code, fromHash);
    return fromHash;
  }
  const stored = getHostToken(code);
  if (stored) {
    const url = new URL(window.location.href);
    url.hash = `token=${encodeURIComponent(stored)}`;
    window.history.replaceState(window.history.state, '', url);
  }
  return stored;
}

/** The host's live view of a room plus its commands. */
export function useHostRoom(code: string): HostRoom {
  const valid = isValidCode(code);
  const [token, setToken] = useState<string | null>(null);
  const [status, setStatus] = useState<HostStatus>(valid ? 'loading' : 'not-found');
  /** The host's own view as last sent; its public part is kept by the room channel (fresher). */
  const [host, setHost] = useState<HostState | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const tokenRef = useRef<string | null>(null);
  // The host socket is in the room channel too: a public state is at least as fresh as the host's copy.
  const channel = useRoomChannel(code, { enabled: valid && token !== null });
  const { replace } = channel;
  const showHost = useCallback(
    (h: HostState) => {
      setHost(h);
      replace(h.public);
    },
    [replace],
  );
  const room = useMemo<TimedHostState | null>(
    () =>
      host && channel.room ? { host: { ...host, public: channel.room.state }, at: channel.room.at } : null,
    [host, channel.room],
  );

  useEffect(() => {
    if (!valid) return;
    const t = resolveToken(code);
    tokenRef.current = t;
    setToken(t);
    setStatus(t ? 'connecting' : 'no-token');
  }, [code, valid]);

  const attach = useCallback(async () => {
    const hostToken = tokenRef.current;
    if (!hostToken) return;
    const res = await request('host:attach', { code, hostToken });
    if (res.ok) {
      showHost(res.data);
      setStatus('ready');
      setError(null);
      return;
    }
    setError(res.error);
    switch (res.error.code) {
      case 'not_host':
        setStatus('invalid');
        break;
      case 'bad_request':
        // A malformed token (hand-edited link) fails validation before the room is even looked up.
        setStatus(/hostToken/.test(res.error.message) ? 'invalid' : 'not-found');
        break;
      case 'room_not_found':
        setStatus('not-found');
        break;
      case 'game_finished':
        setStatus('finished');
        break;
      case 'offline':
        break;
      default:
        setStatus((s) => (s === 'ready' ? s : 'error'));
    }
  }, [code, showHost]);

  const connection = useConnection(valid && token !== null, () => void attach());

  useEffect(() => {
    if (!valid || token === null) return;
    const s = getSocket();
    const onHost = (h: HostState) => {
      if (h.public.code === code) showHost(h);
    };
    s.on('host:state', onHost);
    return () => {
      s.off('host:state', onHost);
    };
  }, [code, valid, token, showHost]);

  const auth = useCallback(() => ({ code, hostToken: tokenRef.current ?? '' }), [code]);

  // A command says which phase and question it was pressed on, so a double tap (or a second host device) moves
  // the game on once: the server refuses the later one as stale [R3.8].
  const shown = useRef<{ phase: HostState['public']['phase']; questionNumber: number } | null>(null);
  shown.current = room ? room.host.public : null;
  const command = useCallback(
    (event: HostCommand) => {
      const at = shown.current;
      // "End the game now?" means now, whatever the phase has become while the host confirmed.
      const expected = at && event !== 'host:end'
        ? { phase: at.phase, ...(at.questionNumber > 0 && { questionIndex: at.questionNumber - 1 }) }
        : {};
      return request(event, { ...auth(), ...expected });
    },
    [auth],
  );
  const kick = useCallback((playerId: string) => request('host:kick', { ...auth(), playerId }), [auth]);
  const override = useCallback(
    (questionIndex: number, playerId: string, accept: boolean) =>
      request('host:override', { ...auth(), questionIndex, playerId, accept }),
    [auth],
  );
  const overrideGroup = useCallback(
    (questionIndex: number, group: string, accept: boolean) =>
      request('host:overrideGroup', { ...auth(), questionIndex, group, accept }),
    [auth],
  );
  const setAutoAdvance = useCallback(
    (autoAdvance: boolean) => request('host:autoAdvance', { ...auth(), autoAdvance }),
    [auth],
  );
  const nextPastReveal = useCallback(() => {
    // Named like the other moves, so a double tap goes past one question only [R3.8].
    const at = shown.current;
    const expected = at ? { phase: at.phase, ...(at.questionNumber > 0 && { questionIndex: at.questionNumber - 1 }) } : {};
    return request('host:next', { ...auth(), ...expected, pastReveal: true });
  }, [auth]);
  const addTime = useCallback((seconds: number) => request('host:addTime', { ...auth(), seconds }), [auth]);
  const setLocked = useCallback((locked: boolean) => request('host:lock', { ...auth(), locked }), [auth]);
  const setTeams = useCallback((count: number) => request('host:teams', { ...auth(), count }), [auth]);
  const retry = useCallback(() => {
    setStatus('connecting');
    void attach();
  }, [attach]);

  return {
    status,
    connection,
    room,
    error,
    token,
    retry,
    command,
    kick,
    override,
    overrideGroup,
    setAutoAdvance,
    nextPastReveal,
    addTime,
    setLocked,
    setTeams,
  };
}
