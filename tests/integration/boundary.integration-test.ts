import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { HostState, PublicState } from '../../src/protocol';
import { useTestServer } from './support';

/**
 * The boundary against hostile input, over the real stack (sockets, the HTTP edge and route handlers, the
 * database): issue 11's findings 1 (NUL), 5 (chunked bodies), 8 (spoofable names) and 10 (codes tried from one
 * address: limits.integration-test.ts; blank answers, year-0 seasons, live results by name), and the
 * operations endpoints.
 */

const server = useTestServer({ room: { settings: { timeLimitSec: 60 }, questionCount: 1 } });
const { client, createRoom } = server;

async function api(path: string, init: RequestInit & { json?: unknown; token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: body as { error?: { code: string; message: string } } & Record<string, unknown> };
}

/** Hosts a room, seats players, starts it and waits for the first question. */
async function openGame(mode: 'choice' | 'text', nicknames: string[]) {
  const room = await createRoom({ settings: { mode } });
  const host = await client();
  await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
  const players = await Promise.all(nicknames.map(() => client()));
  const joins = await Promise.all(players.map((p, i) => p.request('player:join', { code: room.code, nickname: nicknames[i] })));
  await host.ok('host:start', { code: room.code, hostToken: room.hostToken });
  const hs = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question');
  return { room, host, players, joins, hs };
}

describe('finding 1: NUL and other control characters are refused at the boundary, never stored', () => {
  it('[R2.2] a nickname with NUL is refused (invalid_nickname); the five others and all their answers are stored', async () => {
    const names = ['ann', 'bob\u0000', 'cat', 'dan', 'eve', 'fay'];
    const { room, host, players, joins, hs } = await openGame('choice', names);
    const bad = joins[1]!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_nickname');
      expect(bad.error.message).toContain('U+0000');
    }
    const right = hs.correctChoiceId!;
    await Promise.all(
      players.map((p, i) => (i === 1 ? null : p.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: right }))),
    );
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'reveal');
    await host.ok('host:next', { code: room.code, hostToken: room.hostToken });
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'finished');
    const results = await server.app.services.rooms.results(room.code);
    expect(results?.players.map((p) => p.nickname).sort()).toEqual(['ann', 'cat', 'dan', 'eve', 'fay']);
    expect(results?.answers).toHaveLength(5);
    expect(results?.room.status).toBe('finished');
  });

  it('[R4.4] a typed answer with NUL is refused (invalid_answer); every other answer to the question is stored', async () => {
    const { room, host, players } = await openGame('text', ['gus', 'hal', 'ida']);
    const bad = await players[0]!.request('player:answer', { code: room.code, questionIndex: 0, text: 'pods\u0000 talk' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid_answer');
    await players[1]!.ok('player:answer', { code: room.code, questionIndex: 0, text: 'every pod gets an ip' });
    await players[2]!.ok('player:answer', { code: room.code, questionIndex: 0, text: 'no nat between pods' });
    await host.ok('host:end', { code: room.code, hostToken: room.hostToken });
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'finished');
    const results = await server.app.services.rooms.results(room.code);
    expect(results?.answers.map((a) => a.text).sort()).toEqual(['every pod gets an ip', 'no nat between pods']);
  });

  it('[R10.4] NUL in a profile, group or season name, or in a deck file, is a 400 naming it, never a 500', async () => {
    const NUL = 'a\u0000b';
    const profile = await api('/api/profiles', { method: 'POST', json: { displayName: NUL } });
    expect(profile.status).toBe(400);
    expect(profile.body.error?.message).toContain('U+0000');
    const group = await api('/api/groups', { method: 'POST', json: { name: NUL } });
    expect(group.status).toBe(400);

    const okGroup = await api('/api/groups', { method: 'POST', json: { name: 'Study group' } });
    expect(okGroup.status).toBe(201);
    const gid = okGroup.body.id as string;
    const token = okGroup.body.adminToken as string;
    const season = await api(`/api/groups/${gid}/seasons`, {
      method: 'POST',
      token,
      json: { name: NUL, startsAt: '2026-01-01', endsAt: '2026-02-01' },
    });
    expect(season.status).toBe(400);
    expect((await api(`/api/groups/${gid}`, { method: 'PATCH', token, json: { name: NUL } })).status).toBe(400);

    const me = await api('/api/profiles', { method: 'POST', json: { displayName: 'Real Name' } });
    expect(me.status).toBe(201);
    const rename = await api('/api/profiles/me', { method: 'PATCH', token: me.body.recoveryCode as string, json: { displayName: NUL } });
    expect(rename.status).toBe(400);

    const deck = await api('/api/decks', {
      method: 'POST',
      json: { fileName: 'nul.md', text: '# NUL deck\n\n### What is a pod?\n> The smallest\u0000 unit.\n' },
    });
    expect(deck.status).toBe(400);
    expect(deck.body.error?.message).toBe('nul.md:4: this line contains a control character (U+0000), which is not allowed');
    const fileName = await api('/api/decks', { method: 'POST', json: { fileName: 'x\u0000.md', text: '### Q?\n> A.\n' } });
    expect(fileName.status).toBe(400);
    expect((await server.app.services.decks.list()).map((d) => d.title)).not.toContain('NUL deck');
  });
});

/** Streams `chunk` to `path` with chunked encoding until the server answers or `maxBytes` went out. */
function streamChunked(path: string, maxBytes: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.write('{"displayName": "');
    const pump = () => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', () => setImmediate(pump));
          return;
        }
      }
      if (!answered) req.end('"}');
    };
    pump();
  });
}

describe('finding 5: a body is limited while it streams in', () => {
  it('[R10.4] a chunked body without Content-Length gets 413 once past the limit, before the rest is sent', async () => {
    // 1 MB limit; 48 MB offered. Buffering the whole body first would answer only after all 48 MB.
    const r = await streamChunked('/api/profiles', 48 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(8 * 1024 * 1024);
  });

  it('[R10.4] a declared Content-Length over the limit is refused without reading the body', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(new URL('/api/groups', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"name":"');
    });
    expect(r).toBe(413);
  });
});

describe('finding 8: names that look alike, or display as something else', () => {
  it('[R2.3] "alice", "alice" + zero-width space and Cyrillic "аlice" cannot share a room; a bidi override is removed', async () => {
    const room = await createRoom();
    const host = await client();
    await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
    const [a, b, c, d] = await Promise.all([client(), client(), client(), client()]);
    await a!.ok('player:join', { code: room.code, nickname: 'alice' });
    for (const [p, nickname] of [
      [b!, 'alice\u200b'],
      [c!, '\u0430lice'],
    ] as const) {
      const r = await p.request('player:join', { code: room.code, nickname });
      expect(r.ok ? 'joined' : r.error.code, nickname).toBe('nickname_taken');
    }
    const spoof = await d!.ok('player:join', { code: room.code, nickname: '\u202e0001 :erocs' });
    expect(spoof.you.nickname).toBe('0001 :erocs');
    const hs = await host.waitFor<HostState>('host:state', (s) => s.players.length === 2);
    expect(hs.players.map((p) => p.nickname).sort()).toEqual(['0001 :erocs', 'alice']);
  });
});

describe('finding 10: blank answers, impossible dates, live results by name', () => {
  it('[R4.4] a whitespace-only typed answer is refused, not locked in', async () => {
    const { room, players, host } = await openGame('text', ['jo', 'kim']);
    const r = await players[0]!.request('player:answer', { code: room.code, questionIndex: 0, text: '   \t ' });
    expect(r.ok ? 'locked in' : r.error.code).toBe('invalid_answer');
    const hs = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question');
    expect(hs.public.answeredCount).toBe(0);
  });

  it('[R10.4][R11.5] a season starting 0000-01-01 (or on any date that is not one) is a 400, not a 500', async () => {
    const g = await api('/api/groups', { method: 'POST', json: { name: 'Dates' } });
    const gid = g.body.id as string;
    const token = g.body.adminToken as string;
    for (const [startsAt, endsAt] of [
      ['0000-01-01', '0001-01-01'],
      ['0000-01-01', '2026-01-01'],
      ['2026-02-30', '2026-03-01'],
      ['+275760-09-13', '2026-01-01'],
      ['2026-01-01T00:00:00Z', '10000-01-01'],
    ]) {
      const r = await api(`/api/groups/${gid}/seasons`, { method: 'POST', token, json: { name: 'S', startsAt, endsAt } });
      expect(r.status, `${startsAt} .. ${endsAt}`).toBe(400);
    }
    const fine = await api(`/api/groups/${gid}/seasons`, {
      method: 'POST',
      token,
      json: { name: 'Spring', startsAt: '2026-03-01', endsAt: '2026-06-01' },
    });
    expect(fine.status).toBe(201);
  });

  it('[R9.6] during a live game its results and exports need the host token; once it ends anyone with the code may read them', async () => {
    const { room, players, host, hs } = await openGame('choice', ['lia', 'max']);
    await players[0]!.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: hs.correctChoiceId! });
    await host.ok('host:reveal', { code: room.code, hostToken: room.hostToken });
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'reveal');
    for (const path of [`/api/rooms/${room.code}/results`, `/api/rooms/${room.code}/export?format=csv&rows=answers`]) {
      const anyone = await api(path);
      expect(anyone.status, path).toBe(403);
      expect(anyone.body.error?.code).toBe('not_host');
      expect(JSON.stringify(anyone.body)).not.toContain('lia');
      expect((await api(path, { token: 'x'.repeat(43) })).status).toBe(403);
      const hostRead = await api(path, { token: room.hostToken });
      expect(hostRead.status, path).toBe(200);
      expect(JSON.stringify(hostRead.body)).toContain('lia');
    }
    await host.ok('host:end', { code: room.code, hostToken: room.hostToken });
    await host.waitFor<PublicState>('room:state', (s) => s.phase === 'finished');
    const after = await api(`/api/rooms/${room.code}/results`);
    expect(after.status).toBe(200);
    expect((await api(`/api/rooms/${room.code}/export?format=json`)).status).toBe(200);
  });
});

describe('operations', () => {
  it('/healthz answers while alive; /readyz checks the database (and Redis when used); /metrics has the app metrics', async () => {
    const health = await api('/healthz');
    expect(health.status).toBe(200);
    const ready = await api('/readyz');
    expect(ready.status).toBe(200);
    const checks = ready.body.checks as Record<string, { ok: boolean; skipped?: boolean }>;
    expect(checks.database?.ok).toBe(true);
    expect(checks.redis?.skipped).toBe(true);

    const { room, host, players, hs } = await openGame('choice', ['ops']);
    await players[0]!.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: hs.correctChoiceId! });
    // The close follows the last answer's ack [R4.5]: wait for it before reading the rooms by phase.
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'reveal');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of [
      'quizroom_rooms{phase="reveal"}',
      'quizroom_players_connected',
      'quizroom_write_queue_ops',
      'quizroom_sockets',
      'quizroom_answer_ack_seconds_bucket',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      'quizroom_http_responses_total',
    ]) {
      expect(text, name).toContain(name);
    }
    const acks = /quizroom_answer_ack_seconds_count (\d+)/.exec(text);
    expect(Number(acks?.[1])).toBeGreaterThanOrEqual(1);
  });
});
