import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/contract';
import type { Ack } from '../../src/protocol';
import { CLIENT_EVENTS, type ClientEvent } from '../../src/protocol';
import { checkInvariants } from '../../src/game/invariants';
import { hostileString, hostileValue } from '../support/hostile';
import { useTestServer, type TestClient } from './support';

/**
 * Property-based fuzzing of every socket event against the real server (issue 11, item 8) [R10.1]. Each run
 * plays one room with four sockets sending a random sequence of events: payloads mix valid values from the
 * game as it stands (the code, the host token, real player ids and tokens, the open question) with hostile ones
 * (control characters, lone surrogates, look-alikes, wrong types, over-long text). After every step: the ack is
 * well formed and never `internal`, the room's state passes the invariant checker (src/game/invariants.ts),
 * and the server answers a ping. After all runs nothing was logged as an error. Bounded: about 20 s.
 */

const server = useTestServer({
  // Limits out of the way so every message reaches the adapter (the limits have their own tests).
  env: {
    SOCKET_RATE_PER_SEC: '10000',
    SOCKET_RATE_BURST: '100000',
    RATE_LIMIT_JOINS: 'off',
    RATE_LIMIT_LOOKUPS: 'off',
    RATE_LIMIT_UNKNOWN_CODES: 'off',
  },
});
const { client, createRoom } = server;

/** A payload field: a value valid in the game as it stands, or a hostile one. */
type Field = { valid: true; pick: number } | { valid: false; value: unknown };
const field: fc.Arbitrary<Field> = fc.oneof(
  { weight: 3, arbitrary: fc.nat(7).map((pick) => ({ valid: true as const, pick })) },
  { weight: 1, arbitrary: hostileValue.map((value) => ({ valid: false as const, value })) },
);

const FIELDS = [
  'code',
  'hostToken',
  'nickname',
  'profileToken',
  'playerId',
  'rejoinToken',
  'questionIndex',
  'choiceId',
  'text',
  'reactionMs',
  'accept',
  'autoAdvance',
  't',
] as const;
type FieldName = (typeof FIELDS)[number];

interface Step {
  socket: number;
  event: ClientEvent | 'no-such-event';
  fields: Partial<Record<FieldName, Field>>;
  /** The whole payload replaced by something that is not an object of fields. */
  raw: { replace: boolean; value: unknown };
  withAck: boolean;
}

const step: fc.Arbitrary<Step> = fc.record({
  socket: fc.nat(3),
  event: fc.constantFrom<ClientEvent | 'no-such-event'>(...CLIENT_EVENTS, 'no-such-event'),
  fields: fc.record(Object.fromEntries(FIELDS.map((f) => [f, field])) as Record<FieldName, fc.Arbitrary<Field>>, {
    requiredKeys: [],
  }),
  raw: fc.record({ replace: fc.nat(12).map((n) => n === 0), value: hostileValue }),
  withAck: fc.boolean(),
});

const NICKNAMES = ['ann', 'Ann ', 'bob', '\u0430nn', 'a\u200bnn', 'cat', 'dan', 'eve'];
const ANSWERS = ['kube-proxy', 'every pod gets its own ip', '  ', 'no idea', 'cni', 'dns', 'x', 'calico, flannel'];

interface Context {
  code: string;
  hostToken: string;
  profileToken: string;
  seats: { playerId: string; rejoinToken: string }[];
}

function resolve(ctx: Context, name: FieldName, f: Field): unknown {
  if (!f.valid) return f.value;
  const seat = ctx.seats.length > 0 ? ctx.seats[f.pick % ctx.seats.length] : undefined;
  const q = server.app.services.rooms.live(ctx.code)?.snapshot.questions.length ?? 0;
  switch (name) {
    case 'code':
      return f.pick === 7 ? ` ${ctx.code.toLowerCase()} ` : ctx.code;
    case 'hostToken':
      return ctx.hostToken;
    case 'nickname':
      return NICKNAMES[f.pick];
    case 'profileToken':
      return ctx.profileToken;
    case 'playerId':
      return seat?.playerId ?? 'nobody';
    case 'rejoinToken':
      return seat?.rejoinToken ?? 'r'.repeat(43);
    case 'questionIndex':
      return Math.max(0, q - 1 + (f.pick % 3) - 1);
    case 'choiceId':
      return 'abcdef'[f.pick % 6];
    case 'text':
      return ANSWERS[f.pick];
    case 'reactionMs':
      return f.pick * 700;
    case 'accept':
    case 'autoAdvance':
      return f.pick % 2 === 0;
    case 't':
      return f.pick;
  }
}

function payloadOf(ctx: Context, s: Step): unknown {
  if (s.raw.replace) return s.raw.value;
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(s.fields) as [FieldName, Field][]) out[name] = resolve(ctx, name, f);
  return out;
}

function send(c: TestClient, event: string, payload: unknown, withAck: boolean): Promise<Ack<unknown> | null> {
  if (!withAck) {
    (c.socket.emit as (e: string, p: unknown) => void)(event, payload);
    return new Promise((r) => setTimeout(() => r(null), 2));
  }
  return Promise.race([
    c.request(event as ClientEvent, payload) as Promise<Ack<unknown>>,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ack for ${event} within 5 s`)), 5000)),
  ]);
}

function errorsLogged(): Promise<number> {
  return server.app.metrics.registry
    .getSingleMetric('quizroom_errors_total')!
    .get()
    .then((m) => m.values.reduce((n, v) => n + v.value, 0));
}

describe('fuzzing every socket event', () => {
  it('[R10.1] random sequences of valid-ish and hostile events from four sockets: no internal error, no crash, the room stays valid', async () => {
    const { recoveryCode } = await server.app.services.profiles.create('Fuzz Profile');
    const watchdog = await client();
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (sequence) => {
        const room = await createRoom({ settings: { mode: 'mixed' }, questionCount: 3 });
        const ctx: Context = { code: room.code, hostToken: room.hostToken, profileToken: recoveryCode, seats: [] };
        const sockets = await Promise.all([client(), client(), client(), client()]);
        try {
          for (const s of sequence) {
            steps += 1;
            const payload = payloadOf(ctx, s);
            // An unknown event is answered with a server:error event, never an ack [R10.2].
            const ack = await send(sockets[s.socket]!, s.event, payload, s.withAck && s.event !== 'no-such-event');
            if (ack) {
              expect(typeof ack.ok).toBe('boolean');
              if (!ack.ok) {
                expect(ERROR_CODES).toContain(ack.error.code);
                expect(ack.error.code, `${s.event} ${JSON.stringify(payload)?.slice(0, 200)}`).not.toBe('internal');
                expect(typeof ack.error.message).toBe('string');
              } else if (s.event === 'player:join') {
                const data = ack.data as { playerId: string; rejoinToken: string };
                ctx.seats.push({ playerId: data.playerId, rejoinToken: data.rejoinToken });
              }
            }
            const live = server.app.services.rooms.live(room.code);
            expect(live, 'the room is still live').toBeDefined();
            expect(checkInvariants(live!.snapshot), `after ${s.event}`).toEqual([]);
          }
          expect((await watchdog.ok('ping', { t: 1 })).t).toBe(1);
        } finally {
          for (const c of sockets) c.close();
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
    expect(steps).toBeGreaterThan(100);
    expect(await errorsLogged()).toBe(0);
  }, 120_000);

  it('[R10.1] every event with a raw hostile payload (any JSON value, or none) is refused cleanly', async () => {
    const c = await client();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CLIENT_EVENTS), fc.option(hostileValue, { nil: undefined }), async (event, payload) => {
        const ack = await send(c, event, payload, true);
        if (ack && !ack.ok) expect(ack.error.code).not.toBe('internal');
      }),
      { numRuns: 300 },
    );
    expect(await errorsLogged()).toBe(0);
  });

  it('hostile nicknames never reach a room unclean (the invariant checker holds the nickname rules)', async () => {
    const room = await createRoom({ questionCount: 1 });
    const c = await client();
    await fc.assert(
      fc.asyncProperty(hostileString, async (nickname) => {
        const ack = await send(c, 'player:join', { code: room.code, nickname }, true);
        if (ack && !ack.ok) expect(['invalid_nickname', 'nickname_taken', 'bad_request']).toContain(ack.error.code);
        expect(checkInvariants(server.app.services.rooms.live(room.code)!.snapshot)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
