import { describe, expect, it } from 'vitest';
import { rejoinRetryMs } from '../../../src/client/retry';

const never = () => 0;
const always = () => 0.999;

describe('a refused rejoin: the phone tries again by itself, or not', () => {
  it('[R10.3][R8.4] rate limited (a class behind one address rejoining after a takeover): when the server says, plus up to 1 s of jitter', () => {
    const limited = { code: 'rate_limited' as const, message: 'Too many attempts', retryAfterMs: 12_000 };
    expect(rejoinRetryMs(limited, never)).toBe(12_000);
    expect(rejoinRetryMs(limited, always)).toBe(12_999);
    // No hint from the server: 2 s.
    expect(rejoinRetryMs({ code: 'rate_limited', message: 'slow down' }, never)).toBe(2_000);
  });

  it('[R8.4] a room still moving to its new owner (timeout, internal, not saved): again after 2-3 s', () => {
    for (const code of ['timeout', 'internal', 'not_saved'] as const) {
      const wait = rejoinRetryMs({ code, message: '' });
      expect(wait).toBeGreaterThanOrEqual(2_000);
      expect(wait).toBeLessThanOrEqual(3_000);
    }
  });

  it('[R2.5][R8.3] nothing to gain by trying again: the seat is gone, the game is over, or the next reconnect retries', () => {
    for (const code of ['bad_token', 'unknown_player', 'game_finished', 'room_not_found', 'removed', 'offline'] as const)
      expect(rejoinRetryMs({ code, message: '' })).toBeNull();
  });
});
