import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import { hostileString, hostileValue } from '../support/hostile';
import { loadRoutes, type RouteEntry } from './routes';
import { startTestServer, TestClient, type TestServer } from './support';

/**
 * Property-based fuzzing of every HTTP route (issue 11, items 6 and 8): random methods, path parameters (real
 * ids and hostile strings), query strings, bearer tokens and bodies (schema-shaped objects with hostile values,
 * any JSON, bytes that are not UTF-8, not JSON at all). Every answer must be below 500: bad input is the client's
 * fault and gets a 4xx that says so. Runs against the route handlers behind the real edge (tests/integration/
 * routes.ts), with the rate limits off so every request reaches its handler. Bounded: about 15 s.
 */

let server: TestServer;
let routes: RouteEntry[];
const clients: TestClient[] = [];

interface Fixture {
  code: string;
  liveCode: string;
  hostToken: string;
  groupId: string;
  adminToken: string;
  seasonId: string;
  profileId: string;
  recoveryCode: string;
  deckId: string;
  deckToken: string;
  playerId: string;
  rejoinToken: string;
}
let fx: Fixture;

beforeAll(async () => {
  server = await startTestServer({
    RATE_LIMIT_JOINS: 'off',
    RATE_LIMIT_LOOKUPS: 'off',
    RATE_LIMIT_UNKNOWN_CODES: 'off',
    RATE_LIMIT_ROOMS: 'off',
    RATE_LIMIT_DECK_IMPORTS: 'off',
    RATE_LIMIT_WRITES: 'off',
  });
  routes = await loadRoutes();
  const s = server.app.services;
  const make = () =>
    s.rooms.create(
      {
        deckId: BUILTIN_DECK_ID,
        settings: { mode: 'choice', timeLimitSec: 30, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 },
        questionCount: 1,
        shuffle: false,
      },
      server.url,
    );
  const finished = await make();
  const live = await make();
  const host = new TestClient(server.url);
  const player = new TestClient(server.url);
  clients.push(host, player);
  await Promise.all([host.connected(), player.connected()]);
  await host.ok('host:attach', { code: finished.code, hostToken: finished.hostToken });
  const seat = await player.ok('player:join', { code: finished.code, nickname: 'fuzzed' });
  await host.ok('host:end', { code: finished.code, hostToken: finished.hostToken });
  await s.rooms.live(finished.code)?.flushed();
  const group = await s.groups.create('Fuzz group', true);
  const season = await s.groups.addSeason(group.id, group.adminToken, {
    name: 'Season',
    startsAt: new Date('2026-01-01T00:00:00Z'),
    endsAt: new Date('2026-06-01T00:00:00Z'),
  });
  const profile = await s.profiles.create('Fuzz Person');
  const deck = await fetch(`${server.url}/api/decks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fileName: 'fuzz.md', text: '# Fuzz deck\n\n### What is a pod?\n> The smallest unit.\n' }),
  }).then((r) => r.json() as Promise<{ id: string; editToken?: string }>);
  fx = {
    code: finished.code,
    liveCode: live.code,
    hostToken: live.hostToken,
    groupId: group.id,
    adminToken: group.adminToken,
    seasonId: season.id,
    profileId: profile.id,
    recoveryCode: profile.recoveryCode,
    deckId: deck.id,
    deckToken: deck.editToken ?? 'none-given-xxxxxxxxxx',
    playerId: seat.playerId,
    rejoinToken: seat.rejoinToken,
  };
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
});

/** A real value for a path parameter, by its name; otherwise something hostile. */
function realParam(name: string, pick: number): string {
  switch (name) {
    case 'code':
      return [fx.code, fx.liveCode, fx.code.toLowerCase(), 'ZZZZ99'][pick % 4]!;
    case 'id':
      return [fx.groupId, fx.deckId, BUILTIN_DECK_ID, 'nope'][pick % 4]!;
    case 'seasonId':
      return fx.seasonId;
    case 'profileId':
      return fx.profileId;
    default:
      return ['x', '1', 'a-b'][pick % 3]!;
  }
}

const SECRETS = () => [fx.adminToken, fx.recoveryCode, fx.hostToken, fx.deckToken, fx.rejoinToken];

/** Body shapes the routes read, with hostile values in random fields. */
const shaped = fc.record(
  {
    displayName: hostileValue,
    name: hostileValue,
    publicBoards: hostileValue,
    startsAt: fc.oneof(hostileValue, fc.constantFrom('0000-01-01', '2026-01-01', '2026-02-30', '9999-12-31', '10000-01-01')),
    endsAt: fc.oneof(hostileValue, fc.constantFrom('2026-03-01', '0001-01-01', '+275760-09-13')),
    recoveryCode: hostileValue,
    code: hostileValue,
    playerId: hostileValue,
    rejoinToken: hostileValue,
    deckId: fc.oneof(hostileValue, fc.constant(BUILTIN_DECK_ID)),
    settings: fc.oneof(hostileValue, fc.record({ mode: hostileValue, timeLimitSec: hostileValue })),
    questionCount: hostileValue,
    positions: hostileValue,
    group: fc.oneof(hostileValue, fc.record({ id: hostileValue, adminToken: hostileValue })),
    fileName: hostileValue,
    text: fc.oneof(hostileValue, fc.constantFrom('### Q?\n> A.\n', '# T\n\n### Q\u0000?\n> A\n', '\ud800')),
    id: hostileValue,
    editToken: hostileValue,
    answer: hostileValue,
    cardIndex: hostileValue,
    verdict: hostileValue,
  },
  { requiredKeys: [] },
);

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'text'; value: string };

const body: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  { weight: 6, arbitrary: shaped.map((value) => ({ kind: 'json' as const, value })) },
  hostileValue.map((value) => ({ kind: 'json' as const, value })),
  fc.uint8Array({ maxLength: 64 }).map((value) => ({ kind: 'bytes' as const, value })),
  hostileString.map((value) => ({ kind: 'text' as const, value })),
);

const request = fc.record({
  route: fc.nat(),
  /** Mostly one of the route's own methods (so handlers run), sometimes any. */
  method: fc.oneof(
    { weight: 4, arbitrary: fc.nat(4).map((i) => ({ own: i })) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS').map((m) => ({ any: m })) },
  ),
  params: fc.array(fc.oneof(fc.nat(7).map((pick) => ({ real: true as const, pick })), hostileString.map((s) => ({ real: false as const, s }))), {
    minLength: 2,
    maxLength: 2,
  }),
  query: fc.array(
    fc.tuple(fc.constantFrom('season', 'format', 'rows', 'deck', 'x', 'scope'), fc.oneof(hostileString, fc.constantFrom('all', 'csv', 'json', 'players', 'answers', 'month:2026-01', 'season:x', 'month:0000-00'))),
    { maxLength: 3 },
  ),
  auth: fc.oneof(fc.constant(null), fc.nat(4).map((i) => ({ secret: i })), hostileString.map((s) => ({ raw: s }))),
  body,
});

describe('fuzzing every HTTP route', () => {
  it('[R10.1][R10.4] random methods, params, queries, tokens and bodies on every route: never a 500', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const seen = new Set<string>();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const route = routes[r.route % routes.length]!;
        seen.add(route.template);
        const method = 'own' in r.method ? route.methods[r.method.own % route.methods.length]! : r.method.any;
        let i = 0;
        const path = route.template.replace(/\[(\w+)\]/g, (_, name: string) => {
          const p = r.params[i++ % r.params.length]!;
          // A URL cannot carry a lone surrogate (the next test sends malformed escapes as they are).
          return encodeURIComponent(p.real ? realParam(name, p.pick) : p.s.replace(/[\ud800-\udfff]/gu, '\ufffd'));
        });
        const qs = new URLSearchParams();
        for (const [k, v] of r.query) qs.append(k, v);
        const headers: Record<string, string> = {};
        if (r.auth && 'secret' in r.auth) headers.authorization = `Bearer ${SECRETS()[r.auth.secret]}`;
        // A header value cannot hold a line break or non-Latin-1; fetch would refuse it before sending.
        else if (r.auth && 'raw' in r.auth) headers.authorization = `Bearer ${r.auth.raw.replace(/[^\x20-\x7e]/g, '?')}`;
        let payload: BodyInit | undefined;
        const hasBody = method !== 'GET' && method !== 'HEAD' && r.body.kind !== 'none';
        if (hasBody) {
          headers['content-type'] = 'application/json';
          payload =
            r.body.kind === 'json'
              ? JSON.stringify(r.body.value) ?? 'null'
              : r.body.kind === 'bytes'
                ? Buffer.from(r.body.value)
                : r.body.kind === 'text'
                  ? r.body.value
                  : undefined;
        }
        const controller = new AbortController();
        const res = await fetch(`${server.url}${path}${qs.size ? `?${qs}` : ''}`, {
          method,
          headers,
          ...(payload !== undefined ? { body: payload } : {}),
          signal: controller.signal,
        });
        // Server-Sent Events never end: the status is what counts.
        if (res.headers.get('content-type')?.startsWith('text/event-stream')) controller.abort();
        else await res.arrayBuffer();
        if (res.status >= 500) failures.push(`${method} ${path}${qs.size ? `?${qs}` : ''} -> ${res.status}`);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }),
      { numRuns: 700 },
    );
    expect(failures).toEqual([]);
    // Most routes were tried (the run is random; 700 requests over ~25 routes leave none out in practice).
    expect(seen.size).toBeGreaterThanOrEqual(routes.length - 2);
  }, 120_000);

  it('[R10.4] path parameters that are not valid percent-encoding, and very long ones, are 4xx', async () => {
    for (const route of routes.filter((x) => x.params.length > 0)) {
      for (const bad of ['%E0%A4%A', '%00', 'x'.repeat(5000), '%F0%9F%98']) {
        const path = route.template.replace(/\[(\w+)\]/g, bad);
        for (const method of route.methods) {
          const res = await fetch(`${server.url}${path}`, { method, ...(method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }) });
          if (!res.headers.get('content-type')?.startsWith('text/event-stream')) await res.arrayBuffer();
          else await res.body?.cancel();
          expect(res.status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500);
        }
      }
    }
  });
});
