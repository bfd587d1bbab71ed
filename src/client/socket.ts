import { io, type Socket } from 'socket.io-client';
import type {
  AckData,
  ClientEvent,
  ClientPayload,
  ClientToServerEvents,
  ErrorCode,
  ServerToClientEvents,
  Ack,
} from '@/protocol';

/**
 * The one socket of this browser tab. Created lazily (never during server rendering), reconnects by itself;
 * the room hooks re-attach on every `connect`. WebSocket first; if it can't connect (a proxy that drops
 * upgrades), the next attempts start with long-polling.
 */
export type QuizSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: QuizSocket | null = null;

export function getSocket(): QuizSocket {
  if (socket) return socket;
  const s: QuizSocket = io({
    path: '/socket.io',
    transports: ['websocket'],
    reconnectionDelay: 400,
    reconnectionDelayMax: 3000,
    randomizationFactor: 0.3,
    timeout: 10_000,
  });
  let failures = 0;
  s.on('connect_error', () => {
    failures += 1;
    if (failures >= 2 && s.io.opts.transports?.[0] === 'websocket')
      s.io.opts.transports = ['polling', 'websocket'];
  });
  s.on('connect', () => {
    failures = 0;
  });
  // socket.io does not retry after a server-side disconnect; a quiz tab should always come back.
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') s.connect();
  });
  socket = s;
  return s;
}

/** Errors a request can end with: the server's codes plus the two the client itself detects. */
export type ClientErrorCode = ErrorCode | 'offline' | 'timeout';
export interface ClientError {
  code: ClientErrorCode;
  message: string;
  /** With `rate_limited`: when trying again may succeed. */
  retryAfterMs?: number;
}
export type Result<T> = { ok: true; data: T } | { ok: false; error: ClientError };

type Emit<E extends ClientEvent> = (
  event: E,
  payload: ClientPayload<E>,
  ack: (res: Ack<AckData[E]>) => void,
) => void;

/** Resolves true once the socket is connected, false if that takes longer than `ms`. */
function whenConnected(s: QuizSocket, ms: number): Promise<boolean> {
  if (s.connected) return Promise.resolve(true);
  if (ms <= 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.off('connect', onConnect);
      resolve(ok);
    };
    const onConnect = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    s.on('connect', onConnect);
  });
}

export interface RequestOptions {
  /** How long to wait for an answer once sent. */
  timeoutMs?: number;
  /** How long to wait for a (re)connection before giving up with `offline`. */
  connectMs?: number;
}

/**
 * Emits a client event and resolves with its acknowledgement. While disconnected it waits a few seconds for
 * the connection to come back, then gives up with `offline` (a host command or an answer replayed minutes
 * later would surprise everyone).
 */
export async function request<E extends ClientEvent>(
  event: E,
  payload: ClientPayload<E>,
  { timeoutMs = 10_000, connectMs = 5_000 }: RequestOptions = {},
): Promise<Result<AckData[E]>> {
  const s = getSocket();
  if (!(await whenConnected(s, connectMs))) {
    return { ok: false, error: { code: 'offline', message: 'Not connected to the server. Reconnecting…' } };
  }
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve({
        ok: false,
        error: { code: 'timeout', message: 'The server did not answer in time. Try again.' },
      });
    }, timeoutMs);
    const emit = s.emit.bind(s) as unknown as Emit<E>;
    emit(event, payload, (res) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(
        res.ok
          ? { ok: true, data: res.data }
          : {
              ok: false,
              error: {
                code: res.error.code,
                message: res.error.message,
                ...(res.error.retryAfterMs !== undefined ? { retryAfterMs: res.error.retryAfterMs } : {}),
              },
            },
      );
    });
  });
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';
