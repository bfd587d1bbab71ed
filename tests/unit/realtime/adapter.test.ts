import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS } from '../../../src/protocol';
import { hashToken } from '../../../src/server/ids';
import { silentLogger } from '../../../src/server/log';
import {
  createSocketAdapter,
  RATE_BURST,
  RATE_PER_SEC,
  takeToken,
  type Session,
} from '../../../src/server/realtime/adapter';
import type { RoomReply, RoomRequest } from '../../../src/server/room/requests';
import type { Room } from '../../../src/server/room/room';
import { createLocalRouter } from '../../../src/server/room/router';
import { HOST, makeRoom } from '../room/helpers';

const CODE = 'ABCDEF';
const HOST_TOKEN = 'host-token-'.padEnd(43, 'x');

/** An adapter whose requests are recorded and answered by `reply` (by default: "none", all fine). */
function adapterWith(reply: (r: RoomRequest) => RoomReply = () => ({ ok: true, view: { kind: 'none' } })) {
  const requests: { code: string; request: RoomRequest }[] = [];
  let n = 0;
  const adapter = createSocketAdapter({
    rooms: {
      request: async (code, request) => {
        requests.push({ code, request });
        return reply(request);
      },
    },
    profiles: {
      byToken: async (token) => (token === 'p'.repeat(43) ? { id: 'profile-1', displayName: 'Ann' } : null),
    },
    ids: { id: () => `id-${++n}`, token: () => `secret-token-${n}`.padEnd(43, 's') },
    now: () => 123_456,
    log: silentLogger,
  });
  return { adapter, requests };
}

/** An adapter in front of one real room, through the local router. */
function adapterForRoom(room: Room) {
  const router = createLocalRouter((code) => (code === room.code ? room : undefined));
  let n = 0;
  return createSocketAdapter({
    rooms: { request: (code, request) => router.route(code, request) },
    profiles: { byToken: async () => null },
    ids: { id: () => `player-${++n}`, token: () => `rejoin-${n}`.padEnd(43, 'r') },
    now: () => 0,
    log: silentLogger,
  });
}

describe('socket adapter', () => {
  it('[R10.1] a malformed payload of any event is refused with bad_request, naming the field, and reaches no room', async () => {
    const { adapter, requests } = adapterWith();
    for (const event of CLIENT_EVENTS) {
      for (const garbage of [undefined, null, 42, 'x', [], { code: 'O0I1L0' }]) {
        const r = await adapter.handle(event, garbage, {});
        expect(r.ok, `${event} ${JSON.stringify(garbage)}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('bad_request');
      }
    }
    const r = await adapter.handle('player:join', { code: CODE, nickname: 'x'.repeat(101) }, {});
    expect(r.ok ? '' : r.error.message).toBe(
      'Invalid player:join message: nickname: Too big: expected string to have <=100 characters',
    );
    expect(requests).toEqual([]);
  });

  it('[R2.5] a join carries a new player id and the hash of a new rejoin token; only the ack holds the token', async () => {
    const room = makeRoom().room;
    const { adapter, requests } = adapterWith((req) => room.handle(req));
    const r = await adapter.handle('player:join', { code: CODE.toLowerCase(), nickname: '  Ann  ' }, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.playerId).toBe('id-1');
    expect(r.data.code).toBe(CODE);
    expect(r.data.you.nickname).toBe('Ann');
    expect(r.data.state.phase).toBe('lobby');
    expect(r.attach).toEqual({ code: CODE, role: 'player', playerId: 'id-1' });
    expect(requests).toEqual([
      {
        code: CODE,
        request: {
          kind: 'command',
          command: {
            type: 'join',
            playerId: 'id-1',
            nickname: '  Ann  ',
            tokenHash: hashToken(r.data.rejoinToken),
            profileId: null,
          },
        },
      },
    ]);
    expect(JSON.stringify(requests)).not.toContain(r.data.rejoinToken);
    expect(room.snapshot.players.get('id-1')?.tokenHash).toBe(hashToken(r.data.rejoinToken));
  });

  it('[R2.9] a profile token is checked before the game sees it; an unknown one is refused', async () => {
    const { adapter, requests } = adapterWith();
    const bad = await adapter.handle(
      'player:join',
      { code: CODE, nickname: 'Ann', profileToken: 'q'.repeat(43) },
      {},
    );
    expect(bad.ok ? 'ok' : bad.error.code).toBe('bad_token');
    expect(requests).toEqual([]);
    await adapter.handle('player:join', { code: CODE, nickname: 'Ann', profileToken: 'p'.repeat(43) }, {});
    expect(requests[0]?.request).toMatchObject({
      kind: 'command',
      command: { type: 'join', profileId: 'profile-1' },
    });
  });

  it('[R2.1] host commands carry the sha256 of the host token, never the token', async () => {
    const { adapter, requests } = adapterWith();
    const auth = { code: CODE, hostToken: HOST_TOKEN };
    for (const event of ['host:start', 'host:next', 'host:reveal', 'host:skip', 'host:end'] as const) {
      expect((await adapter.handle(event, auth, {})).ok).toBe(true);
    }
    await adapter.handle('host:kick', { ...auth, playerId: 'p1' }, {});
    await adapter.handle('host:override', { ...auth, questionIndex: 2, playerId: 'p1', accept: true }, {});
    await adapter.handle('host:autoAdvance', { ...auth, autoAdvance: true }, {});
    await adapter.handle('host:attach', auth, {});
    const hash = hashToken(HOST_TOKEN);
    expect(requests.map((r) => r.request)).toEqual([
      { kind: 'command', command: { type: 'start', hostTokenHash: hash } },
      { kind: 'command', command: { type: 'next', hostTokenHash: hash } },
      { kind: 'command', command: { type: 'reveal', hostTokenHash: hash } },
      { kind: 'command', command: { type: 'skip', hostTokenHash: hash } },
      { kind: 'command', command: { type: 'end', hostTokenHash: hash } },
      { kind: 'command', command: { type: 'kick', hostTokenHash: hash, playerId: 'p1' } },
      {
        kind: 'command',
        command: { type: 'override', hostTokenHash: hash, questionIndex: 2, playerId: 'p1', accept: true },
      },
      { kind: 'command', command: { type: 'setAutoAdvance', hostTokenHash: hash, autoAdvance: true } },
      { kind: 'attachHost', hostTokenHash: hash },
    ]);
    expect(JSON.stringify(requests)).not.toContain(HOST_TOKEN);
  });

  it('[R3.8] a host command naming the phase and question it acts on carries them to the game; without, nothing', async () => {
    const { adapter, requests } = adapterWith();
    const auth = { code: CODE, hostToken: HOST_TOKEN };
    await adapter.handle('host:next', { ...auth, phase: 'leaderboard', questionIndex: 3 }, {});
    await adapter.handle('host:skip', { ...auth, questionIndex: 0 }, {});
    await adapter.handle('host:next', auth, {});
    const hash = hashToken(HOST_TOKEN);
    expect(requests.map((r) => r.request)).toStrictEqual([
      { kind: 'command', command: { type: 'next', hostTokenHash: hash, phase: 'leaderboard', questionIndex: 3 } },
      { kind: 'command', command: { type: 'skip', hostTokenHash: hash, questionIndex: 0 } },
      { kind: 'command', command: { type: 'next', hostTokenHash: hash } },
    ]);
    for (const bad of [{ phase: 'pause' }, { questionIndex: -1 }, { questionIndex: 1.5 }]) {
      const r = await adapter.handle('host:next', { ...auth, ...bad }, {});
      expect(!r.ok && r.error.code).toBe('bad_request');
    }
    expect(requests).toHaveLength(3);
  });

  it("an answer is the game's command as is, for the socket's own player and room only", async () => {
    const { adapter, requests } = adapterWith();
    const payload = { code: CODE, questionIndex: 1, text: 'kube-proxy', reactionMs: 900 };
    const stranger = await adapter.handle('player:answer', payload, {});
    expect(stranger.ok ? 'ok' : stranger.error.code).toBe('unknown_player');
    const elsewhere = await adapter.handle('player:answer', payload, { code: 'ZZZZZZ', playerId: 'p1' });
    expect(elsewhere.ok ? 'ok' : elsewhere.error.code).toBe('unknown_player');
    expect(requests).toEqual([]);
    const session: Session = { code: CODE, role: 'player', playerId: 'p1' };
    const r = await adapter.handle('player:answer', payload, session);
    expect(r).toEqual({ ok: true, data: { questionIndex: 1 } });
    expect(requests).toEqual([
      {
        code: CODE,
        request: {
          kind: 'command',
          command: {
            type: 'answer',
            playerId: 'p1',
            questionIndex: 1,
            choiceId: undefined,
            text: 'kube-proxy',
            reactionMs: 900,
          },
        },
      },
    ]);
  });

  it('a refusal of the room comes back as it is; an unexpected reply is an internal error', async () => {
    const refused = adapterWith(() => ({
      ok: false,
      error: { code: 'not_host', message: 'Only the host can do that.' },
    }));
    expect(await refused.adapter.handle('host:start', { code: CODE, hostToken: HOST_TOKEN }, {})).toEqual({
      ok: false,
      error: { code: 'not_host', message: 'Only the host can do that.' },
    });
    const odd = adapterWith(() => ({ ok: true, view: { kind: 'none' } }));
    const r = await odd.adapter.handle('screen:attach', { code: CODE }, {});
    expect(r.ok ? 'ok' : r.error.code).toBe('internal');
  });

  it('attaches the host and the big screen to the room with the role they asked for', async () => {
    const { room } = makeRoom();
    const adapter = adapterForRoom(room);
    const wrong = await adapter.handle('host:attach', { code: CODE, hostToken: HOST_TOKEN }, {});
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('not_host');
    const screen = await adapter.handle('screen:attach', { code: CODE }, {});
    expect(screen.ok && screen.attach).toEqual({ code: CODE, role: 'screen' });
    expect(room.snapshot.hostTokenHash).toBe(HOST);
  });

  it('ping answers with the server clock', async () => {
    const { adapter } = adapterWith();
    expect(await adapter.handle('ping', { t: 5 }, {})).toEqual({
      ok: true,
      data: { t: 5, serverNow: 123_456 },
    });
  });

  it('[R2.8] a player whose last connection drops is marked disconnected, not removed', async () => {
    const { room } = makeRoom();
    const adapter = adapterForRoom(room);
    const joined = await adapter.handle('player:join', { code: CODE, nickname: 'Ann' }, {});
    await adapter.handle('player:join', { code: CODE, nickname: 'Bob' }, {});
    if (!joined.ok) throw new Error('join failed');
    const session: Session = { code: CODE, role: 'player', playerId: joined.data.playerId };
    // A second tab of the same player is still connected: nothing changes.
    await adapter.disconnected(session, 1);
    expect(room.snapshot.players.get(session.playerId!)).toMatchObject({ connected: true, removed: false });
    expect(room.snapshot.connectedCount).toBe(2);
    // The last one closes: disconnected, still a player (rejoin restores them).
    await adapter.disconnected(session, 0);
    expect(room.snapshot.players.get(session.playerId!)).toMatchObject({ connected: false, removed: false });
    expect(room.snapshot.connectedCount).toBe(1);
    expect(room.snapshot.activeCount).toBe(2);
    const back = await adapter.handle(
      'player:rejoin',
      { code: CODE, playerId: session.playerId, rejoinToken: joined.data.rejoinToken },
      {},
    );
    expect(back.ok).toBe(true);
    expect(room.snapshot.players.get(session.playerId!)?.connected).toBe(true);
    // A socket that never joined as a player tells the room nothing.
    await adapter.disconnected({ code: CODE, role: 'screen' }, 0);
    expect(room.snapshot.connectedCount).toBe(2);
  });

  it('[R10.2] each socket may send 20 messages a second with a burst of 40', () => {
    const bucket = { tokens: RATE_BURST, refilledAt: 0 };
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (takeToken(bucket, 0)) allowed += 1;
    expect(allowed).toBe(RATE_BURST);
    expect(takeToken(bucket, 1000 / RATE_PER_SEC - 1)).toBe(false);
    expect(takeToken(bucket, 1000 / RATE_PER_SEC)).toBe(true);
    let later = 0;
    for (let i = 0; i < 100; i++) if (takeToken(bucket, 60_000)) later += 1;
    expect(later).toBe(RATE_BURST);
  });
});

describe('socket adapter: self-paced assignments', () => {
  function withAssignments() {
    const calls: { kind: string; playerId?: string | undefined }[] = [];
    const seat = {
      assignmentId: 'asg1',
      playerId: 'seat-1',
      nickname: 'Ann',
      title: 'Deck',
      total: 3,
      answered: 0,
      score: 0,
      deadline: null,
      timerSec: null,
      status: 'playing' as const,
      question: null,
    };
    const adapter = createSocketAdapter({
      rooms: { request: async () => ({ ok: true, view: { kind: 'none' } }) },
      profiles: { byToken: async () => null },
      ids: { id: () => 'x', token: () => 'y'.repeat(43) },
      now: () => 0,
      log: silentLogger,
      assignments: {
        open: async () => {
          calls.push({ kind: 'open' });
          return { ok: true, data: { ...seat, seatToken: `seat-1.${'s'.repeat(43)}` } };
        },
        next: async (_id, playerId) => {
          calls.push({ kind: 'next', playerId });
          return playerId ? { ok: true, data: seat } : { ok: false, error: { code: 'unknown_player', message: 'Open it first.' } };
        },
        answer: async (_p, playerId) => {
          calls.push({ kind: 'answer', playerId });
          return { ok: false, error: { code: 'unknown_player', message: 'Open it first.' } };
        },
        forget: (playerId) => calls.push({ kind: 'forget', playerId }),
      },
    });
    return { adapter, calls };
  }

  it('[R13.8] opening a seat makes this socket play it; only that seat is named to the service', async () => {
    const { adapter, calls } = withAssignments();
    const session: Session = {};
    const opened = await adapter.handle('assign:open', { assignmentId: 'asg1', nickname: 'Ann' }, session);
    expect(opened.ok && opened.seat).toEqual({ assignmentId: 'asg1', playerId: 'seat-1' });
    // A socket that opened nothing, or another assignment, names no seat: the service refuses.
    await adapter.handle('assign:answer', { assignmentId: 'asg1', questionIndex: 0, choiceId: 'a' }, {});
    await adapter.handle('assign:next', { assignmentId: 'other' }, { seat: { assignmentId: 'asg1', playerId: 'seat-1' } });
    await adapter.handle('assign:next', { assignmentId: 'asg1' }, { seat: { assignmentId: 'asg1', playerId: 'seat-1' } });
    expect(calls).toEqual([
      { kind: 'open' },
      { kind: 'answer', playerId: undefined },
      { kind: 'next', playerId: undefined },
      { kind: 'next', playerId: 'seat-1' },
    ]);
    adapter.seatClosed?.({ assignmentId: 'asg1', playerId: 'seat-1' });
    expect(calls.at(-1)).toEqual({ kind: 'forget', playerId: 'seat-1' });
  });

  it('[R10.1] an answer with both a choice and a text, or neither, is refused before the service', async () => {
    const { adapter, calls } = withAssignments();
    const both = await adapter.handle('assign:answer', { assignmentId: 'asg1', questionIndex: 0, choiceId: 'a', text: 'x' }, {});
    const none = await adapter.handle('assign:answer', { assignmentId: 'asg1', questionIndex: 0 }, {});
    expect([both.ok ? '' : both.error.code, none.ok ? '' : none.error.code]).toEqual(['bad_request', 'bad_request']);
    expect(calls).toEqual([]);
  });

  it('[R13] without an assignment service the assign events are refused', async () => {
    const { adapter } = adapterWith();
    const r = await adapter.handle('assign:open', { assignmentId: 'asg1', nickname: 'Ann' }, {});
    expect(r.ok ? '' : r.error.code).toBe('room_not_found');
  });
});
