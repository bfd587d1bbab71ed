import type { ClientError } from './socket';

/**
 * After a refused rejoin [R8.3, R8.4]: how long to wait before the phone tries again by itself, or null when trying
 * again cannot help (the seat is gone, the game is over) or the next reconnect will (offline). After a takeover a
 * whole class behind one address rejoins at once and may pass the per-address limit [R10.3]: the server says when
 * to come back, and a second of jitter spreads the class out. A timeout or an internal error (the room still moving
 * to its new owner) is tried again after 2 s.
 */
export function rejoinRetryMs(error: ClientError, random: () => number = Math.random): number | null {
  const jitter = Math.round(random() * 1000);
  switch (error.code) {
    case 'rate_limited':
      return Math.max(0, error.retryAfterMs ?? 2000) + jitter;
    case 'timeout':
    case 'internal':
    case 'not_saved':
      return 2000 + jitter;
    default:
      return null;
  }
}
