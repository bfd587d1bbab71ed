import { describe, expect, it } from 'vitest';
import { ROOM_NOT_FOUND } from '../../../src/server/room/requests';
import type { Room } from '../../../src/server/room/room';
import { createLocalRouter, runRequest } from '../../../src/server/room/router';
import { makeRoom } from './helpers';

describe('local router', () => {
  it('runs a request on the room of this process with that code, and says so when there is none', async () => {
    const { room } = makeRoom({ code: 'ABCDEF' });
    const router = createLocalRouter((code) => (code === 'ABCDEF' ? room : undefined));
    const r = await router.route('ABCDEF', { kind: 'status' });
    expect(r).toEqual({
      ok: true,
      view: {
        kind: 'status',
        status: { code: 'ABCDEF', title: 'Test deck', phase: 'lobby', playerCount: 0 },
      },
    });
    expect(await router.route('ZZZZZZ', { kind: 'status' })).toEqual(ROOM_NOT_FOUND);
  });

  it('a room that throws answers internal, and the router stays up', async () => {
    const broken = {
      request: () => {
        throw new Error('a bug');
      },
    } as unknown as Room;
    expect(await runRequest(broken, { kind: 'attachScreen' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong on the server; the game is unaffected.' },
    });
  });
});
