import type { ClientEvent, ErrorPayload } from '../../protocol';
import { clientAddress, type AddressLimit, type AddressLimits, type Lookup } from '../limits';
import type { QuizSocket } from './io';

/**
 * The socket's side of abuse protection [R10.2, R10.3]: a token bucket per socket on every message (allocation
 * free: it lives on `socket.data`), a socket that keeps flooding after its refusals is disconnected, and the
 * events that join or look up a room spend the per-address limits (src/server/limits.ts), so fifty sockets
 * from one address cannot try a thousand codes.
 */

export interface SocketGuardSettings {
  ratePerSec: number;
  burst: number;
  /** Refused messages within FLOOD_WINDOW_MS after which the socket is disconnected. */
  floodLimit: number;
  trustedHops: number;
}

/** The window in which a socket's refused messages are counted before it is disconnected for flooding. */
export const FLOOD_WINDOW_MS = 10_000;

export interface SocketGuard {
  /** Messages a new socket may send at once. */
  readonly burst: number;
  /** Every message: null to go on, or the refusal to send (the socket may be disconnected for flooding). */
  message(socket: QuizSocket, now: number): ErrorPayload | null;
  /** The per-address limits of `event`: null when it spends none, else (once counted) the admission. */
  admit(socket: QuizSocket, event: ClientEvent, payload: unknown): Promise<Admission> | null;
  /** After the room answered an admitted event: a code that named no room keeps its point spent. */
  after(socket: QuizSocket, admission: Admission, refusal: ErrorPayload | null): void;
}

export interface Admission {
  refusal: ErrorPayload | null;
  code: string | null;
  lookup: Lookup | null;
}

/** Events that name a room by its code, and the per-address limit each spends. */
const ADDRESS_LIMITED: Partial<Record<ClientEvent, AddressLimit>> = {
  'player:join': 'joins',
  'player:rejoin': 'joins',
  // Opening an assignment may make a seat: a join.
  'assign:open': 'joins',
  'screen:attach': 'lookups',
  'host:attach': 'lookups',
};

/** Token bucket: refills with time, spends one per message; false when the socket is over the limit [R10.2]. */
export function spendToken(
  bucket: { tokens: number; refilledAt: number },
  now: number,
  ratePerSec: number,
  burst: number,
): boolean {
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.refilledAt) / 1000) * ratePerSec);
  bucket.refilledAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

export function createSocketGuard(
  settings: SocketGuardSettings,
  limits: AddressLimits,
  onLimited: (limit: string) => void = () => undefined,
): SocketGuard {
  const addressOf = (socket: QuizSocket) =>
    clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], settings.trustedHops);

  const waitFor = (sec: number): ErrorPayload => ({
    code: 'rate_limited',
    message: `Too many attempts from your network; try again in ${sec} s.`,
    retryAfterMs: sec * 1000,
  });

  return {
    burst: settings.burst,
    message(socket, now) {
      const d = socket.data;
      if (spendToken(d, now, settings.ratePerSec, settings.burst)) return null;
      onLimited('socket');
      if (d.refusedSince === undefined || now - d.refusedSince > FLOOD_WINDOW_MS) {
        d.refusedSince = now;
        d.refused = 0;
      }
      d.refused = (d.refused ?? 0) + 1;
      if (d.refused > settings.floodLimit) {
        // It was told, message after message, and kept on: it is not a player's phone.
        socket.emit('server:error', { code: 'rate_limited', message: 'Disconnected: too many messages.' });
        socket.disconnect(true);
      }
      return { code: 'rate_limited', message: 'Too many messages; slow down.' };
    },

    admit(socket, event, payload) {
      const limit = ADDRESS_LIMITED[event];
      if (!limit) return null;
      const address = addressOf(socket);
      const code = codeOf(payload);
      return (async (): Promise<Admission> => {
        const lookup = await limits.lookup(address, code);
        if (!lookup.ok) {
          onLimited('unknownCodes');
          return { refusal: waitFor(lookup.retryAfterSec), code, lookup: null };
        }
        const v = await limits.take(limit, address);
        if (v.ok) return { refusal: null, code, lookup };
        limits.looked(address, null, true, lookup); // refused before looking: the point goes back
        onLimited(limit);
        return { refusal: waitFor(v.retryAfterSec), code, lookup: null };
      })();
    },

    after(socket, admission, refusal) {
      if (!admission.lookup) return;
      // No such room, or no code at all: a miss. Anything else (joined, taken, finished...) named a room.
      const found = refusal?.code !== 'room_not_found' && refusal?.code !== 'bad_request';
      limits.looked(addressOf(socket), admission.code, found, admission.lookup);
    },
  };
}

/** The room code a payload names, as the protocol reads it (trimmed, upper case), if it has one. */
function codeOf(payload: unknown): string | null {
  const code = typeof payload === 'object' && payload !== null ? (payload as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.length <= 16 ? code.trim().toUpperCase() : null;
}
