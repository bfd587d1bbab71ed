import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import { startTestServer, TestClient, type TestServer } from './support';

/**
 * Per-address rate limits and flood disconnects [R10.2, R10.3] (issue 11, finding 10) over the real stack. The
 * server trusts one reverse proxy (TRUST_PROXY=1), so each test plays from an address of its own by setting
 * X-Forwarded-For, and the limits of one test never spill into another. Creation and import limits are lowered
 * to keep the test short; the code-guessing limit is the default.
 */

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({
    TRUST_PROXY: '1',
    RATE_LIMIT_ROOMS: '3/60',
    RATE_LIMIT_DECK_IMPORTS: '2/60',
    SOCKET_FLOOD_LIMIT: '20',
  });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
});

/** A socket that says it comes from `address` through the trusted proxy. */
async function clientFrom(address: string): Promise<TestClient> {
  const c = new TestClient(server.url);
  // TestClient connects at once; reconnect it with the header (socket.io sends extraHeaders in the upgrade).
  c.socket.close();
  const socket = connect(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { 'x-forwarded-for': address },
  });
  Object.assign(c, { socket });
  socket.onAny((event: string, payload: unknown) => c.received.push({ event, payload }));
  clients.push(c);
  await c.connected();
  return c;
}

function post(path: string, body: unknown, address: string) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.250, ${address}` },
    body: JSON.stringify(body),
  });
}

const ROOM = {
  deckId: BUILTIN_DECK_ID,
  settings: { mode: 'choice', timeLimitSec: 20, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 },
  questionCount: 1,
};

describe('rate limits per client address', () => {
  it('[R10.3] fifty sockets from one address trying a thousand codes: at most 30 are looked up, the rest wait (Retry-After)', async () => {
    const address = '198.51.100.7';
    const sockets = await Promise.all(Array.from({ length: 50 }, () => clientFrom(address)));
    let n = 0;
    const letters = 'ABCDEFGHJKMNPQRSTUVWXYZ';
    const guess = () => {
      n += 1;
      return `Z${letters[n % 23]}${letters[Math.floor(n / 23) % 23]}${letters[Math.floor(n / 529) % 23]}99`;
    };
    const replies = await Promise.all(
      sockets.flatMap((s) => Array.from({ length: 20 }, () => s.request('player:join', { code: guess(), nickname: 'x' }))),
    );
    const codes = replies.map((r) => (r.ok ? 'joined' : r.error.code));
    expect(codes.filter((c) => c === 'room_not_found').length).toBeLessThanOrEqual(30);
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(970);
    const limited = replies.find((r) => !r.ok && r.error.code === 'rate_limited');
    expect(limited && !limited.ok ? limited.error.retryAfterMs : 0).toBeGreaterThan(0);

    // The HTTP lookup from that address waits too, with Retry-After; another address is not affected.
    const blocked = await fetch(`${server.url}/api/rooms/ZZZZ99`, { headers: { 'x-forwarded-for': address } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    const other = await fetch(`${server.url}/api/rooms/ZZZZ99`, { headers: { 'x-forwarded-for': '198.51.100.8' } });
    expect(other.status).toBe(404);
  });

  it('[R10.3] a class behind one address joins one room: known codes cost nothing, joins are counted generously', async () => {
    const room = await server.app.services.rooms.create({ ...ROOM, settings: { ...ROOM.settings, mode: 'choice' as const }, shuffle: false }, server.url);
    const sockets = await Promise.all(Array.from({ length: 60 }, () => clientFrom('198.51.100.20')));
    const joined = await Promise.all(sockets.map((s, i) => s.request('player:join', { code: room.code, nickname: `kid ${i}` })));
    expect(joined.filter((r) => r.ok)).toHaveLength(60);
  });

  it('[R10.3] room creation past the limit is 429 with Retry-After; each address has its own count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post('/api/rooms', ROOM, '198.51.100.30')).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await post('/api/rooms', ROOM, '198.51.100.30');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post('/api/rooms', ROOM, '198.51.100.31')).status).toBe(201);
  });

  it('[R10.3] deck imports past the limit are 429 with Retry-After', async () => {
    const deck = (i: number) => ({ fileName: `d${i}.md`, text: `# Limit deck ${i}\n\n### Question ${i}?\n> Answer ${i}.\n` });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/api/decks', deck(i), '198.51.100.40')).status);
    expect(statuses).toEqual([201, 201, 429, 429]);
  });

  it('[R10.2] a socket that keeps flooding after its refusals is disconnected; a polite one is not', async () => {
    const flood = await clientFrom('198.51.100.50');
    const polite = await clientFrom('198.51.100.51');
    const gone = new Promise<string>((resolve) => flood.socket.on('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < 200; i++) flood.socket.emit('ping', { t: i });
    expect(await gone).toBe('io server disconnect');
    expect(flood.received.some((m) => m.event === 'server:error' && JSON.stringify(m.payload).includes('Disconnected'))).toBe(true);
    for (let i = 0; i < 10; i++) await polite.ok('ping', { t: i });
    expect(polite.socket.connected).toBe(true);
  });
});
