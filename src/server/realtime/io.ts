import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol';

/** What the server remembers about a socket between its messages. */
export interface SocketData {
  code?: string;
  role?: 'host' | 'player' | 'screen';
  playerId?: string;
  /** The assignment seat this socket opened (self-paced play). */
  seat?: { assignmentId: string; playerId: string };
  /** Token bucket for rate limiting. */
  tokens: number;
  refilledAt: number;
  /** Messages refused since `refusedSince` (a socket that keeps flooding is disconnected, socket-guard.ts). */
  refused?: number;
  refusedSince?: number;
}

export type QuizServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type QuizSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** socket.io channels: everyone attached to a room, its hosts, each player's own sockets. */
export const roomChannel = (code: string) => `room:${code}`;
export const hostChannel = (code: string) => `host:${code}`;
/** A room's big screens: counted so the host console knows whether it is the only screen. */
export const screenChannel = (code: string) => `screen:${code}`;
export const playerChannel = (id: string) => `player:${id}`;

export function createSocketServer(httpServer: HttpServer): QuizServer {
  return new Server(httpServer, {
    path: '/socket.io',
    // Compression costs CPU per message per socket; quiz payloads are small.
    perMessageDeflate: false,
    httpCompression: false,
    pingInterval: 20_000,
    pingTimeout: 25_000,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    serveClient: false,
    // Leave other upgrade requests (Next's HMR socket) alone instead of closing them.
    destroyUpgrade: false,
  });
}
