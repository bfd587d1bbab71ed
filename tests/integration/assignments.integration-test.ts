import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import type { AssignmentProgress, AssignSeat, CreateAssignmentResponse } from '../../src/protocol';
import type { QuizEvent } from '../../src/server/events';
import { startTestServer, TestClient, type TestServer } from './support';

/**
 * Self-paced assignments against the real stack (sockets, services, the database) [R13]: two players at their own
 * pace, a stop and a resume on another connection (seat token) and through a profile, answers acknowledged only
 * once stored, the host's progress, and the results on the group's insights once the assignment closes.
 */

let server: TestServer;
const clients: TestClient[] = [];
const events: QuizEvent[] = [];

beforeAll(async () => {
  server = await startTestServer();
  server.app.events.subscribe((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
});

const svc = () => server.app.services;
const prisma = () => server.app.db.prisma;

async function client(): Promise<TestClient> {
  const c = new TestClient(server.url);
  clients.push(c);
  await c.connected();
  return c;
}

async function http<T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as T };
}

describe('self-paced assignments', () => {
  let group: { id: string; adminToken: string };
  let bea: { id: string; recoveryCode: string };
  let created: CreateAssignmentResponse;
  const correct: string[] = [];

  beforeAll(async () => {
    group = await svc().groups.create('Assigned study group');
    bea = await svc().profiles.create('Bea');
    const res = await http<CreateAssignmentResponse>('POST', '/api/assignments', {
      source: 'cards',
      deckId: BUILTIN_DECK_ID,
      positions: [0, 1, 2],
      group: { id: group.id, adminToken: group.adminToken },
      deadline: new Date(Date.now() + 3_600_000).toISOString(),
      mode: 'choice',
    });
    expect(res.status).toBe(201);
    created = res.body;
  });

  it('[R13.2] refuses a deadline in the past and a group without its admin token', async () => {
    const past = await http<{ error: { code: string; message: string } }>('POST', '/api/assignments', {
      deckId: BUILTIN_DECK_ID,
      deadline: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/future/);
    const noAdmin = await http('POST', '/api/assignments', {
      deckId: BUILTIN_DECK_ID,
      group: { id: group.id, adminToken: 'x'.repeat(43) },
    });
    expect(noAdmin.status).toBe(403);
    const missedNoGroup = await http('POST', '/api/assignments', { source: 'missed' });
    expect(missedNoGroup.status).toBe(400);
  });

  it('[R13.1, R13.3, R13.9] a player answers in order; each ack comes once the answer is stored, with the reveal', async () => {
    const ann = await client();
    const opened = await ann.ok('assign:open', { assignmentId: created.id, nickname: 'Ann' });
    expect(opened.seatToken).toMatch(/\./);
    expect(opened.total).toBe(3);
    expect(opened.question?.index).toBe(0);
    // No correct answer travels before the player's answer is stored.
    expect(JSON.stringify(opened)).not.toMatch(/correct/i);

    const early = await ann.request('assign:answer', { assignmentId: created.id, questionIndex: 1, choiceId: 'a' });
    expect(early.ok ? null : early.error.code).toBe('wrong_question');

    const first = await ann.ok('assign:answer', { assignmentId: created.id, questionIndex: 0, choiceId: 'a' });
    // Acknowledged: it is in the database already.
    const stored = await prisma().answer.findMany({ where: { playerId: opened.playerId } });
    expect(stored.map((a) => [a.questionIndex, a.choiceId])).toEqual([[0, 'a']]);
    expect(first.result.correctChoiceId).toMatch(/^[a-f]$/);
    expect(first.result.explanation.length).toBeGreaterThan(0);
    expect(first.result.points).toBe(first.result.verdict === 'correct' ? 1000 : 0);
    expect(first.answered).toBe(1);
    correct.push(first.result.correctChoiceId ?? '');

    const again = await ann.request('assign:answer', { assignmentId: created.id, questionIndex: 0, choiceId: 'b' });
    expect(again.ok ? null : again.error.code).toBe('already_answered');

    // Ann stops here; she resumes on another connection (another device) with her seat token.
    ann.close();
    const annPhone2 = await client();
    const resumed = await annPhone2.ok('assign:open', { assignmentId: created.id, seatToken: opened.seatToken });
    expect(resumed.playerId).toBe(opened.playerId);
    expect(resumed.answered).toBe(1);
    expect(resumed.question?.index).toBe(1);
    for (const index of [1, 2]) {
      if (index > 1) {
        const next = await annPhone2.ok('assign:next', { assignmentId: created.id });
        expect(next.question?.index).toBe(index);
      }
      const r = await annPhone2.ok('assign:answer', { assignmentId: created.id, questionIndex: index, choiceId: 'a' });
      correct.push(r.result.correctChoiceId ?? '');
      expect(r.finished).toBe(index === 2);
    }
    const done = await annPhone2.ok('assign:next', { assignmentId: created.id });
    expect(done.status).toBe('finished');
    expect(done.question).toBeNull();
  });

  it('[R13.8] a seat token of another seat or a forged one is refused', async () => {
    const c = await client();
    const forged = await c.request('assign:open', { assignmentId: created.id, seatToken: `abcdefgh.${'x'.repeat(43)}` });
    expect(forged.ok ? null : forged.error.code).toBe('bad_token');
    const noName = await c.request('assign:open', { assignmentId: created.id, nickname: '  ' });
    expect(noName.ok ? null : noName.error.code).toBe('invalid_nickname');
    const noSeat = await c.request('assign:answer', { assignmentId: created.id, questionIndex: 0, choiceId: 'a' });
    expect(noSeat.ok ? null : noSeat.error.code).toBe('unknown_player');
  });

  it('[R13.8, R13.9] a profile stops and resumes on another device; its answers are published for the review queue', async () => {
    const phone = await client();
    const opened = await phone.ok('assign:open', { assignmentId: created.id, profileToken: bea.recoveryCode });
    expect(opened.nickname).toBe('Bea');
    for (const index of [0, 1]) {
      if (index > 0) await phone.ok('assign:next', { assignmentId: created.id });
      const r = await phone.ok('assign:answer', { assignmentId: created.id, questionIndex: index, choiceId: correct[index] });
      expect(r.result.verdict).toBe('correct');
    }
    phone.close();
    const laptop = await client();
    const resumed: AssignSeat = await laptop.ok('assign:open', { assignmentId: created.id, profileToken: bea.recoveryCode });
    expect(resumed.playerId).toBe(opened.playerId);
    expect(resumed.answered).toBe(2);
    expect(resumed.question?.index).toBe(2);
    await laptop.ok('assign:answer', { assignmentId: created.id, questionIndex: 2, choiceId: correct[2] });
    const mine = events.filter((e): e is Extract<QuizEvent, { type: 'cardsAnswered' }> => e.type === 'cardsAnswered' && e.profileId === bea.id);
    expect(mine).toHaveLength(3);
    expect(mine.every((e) => e.source === 'assignment' && e.items[0]?.verdict === 'correct')).toBe(true);
    // The review queue scheduled each of them once.
    await svc().study.settled();
    expect(await prisma().reviewLog.count({ where: { profileId: bea.id, source: 'assignment' } })).toBe(3);
  });

  it('[R13.6] the host sees progress: who started and finished, accuracy per card; nobody else does', async () => {
    const denied = await http('GET', `/api/assignments/${created.id}`);
    expect(denied.status).toBe(403);
    const { status, body } = await http<AssignmentProgress>('GET', `/api/assignments/${created.id}`, undefined, created.hostToken);
    expect(status).toBe(200);
    expect(body.totals).toMatchObject({ started: 2, finished: 2, answered: 6 });
    expect(body.players[0]).toMatchObject({ nickname: 'Bea', rank: 1, correct: 3, score: 3000, accuracy: 1 });
    expect(body.cards.map((c) => c.answered)).toEqual([2, 2, 2]);
    expect(body.closedAt).toBeNull();
  });

  it('[R8.3] an open assignment survives a restart: its room is never marked abandoned', async () => {
    await svc().rooms.closeAbandoned();
    const room = await prisma().room.findUnique({ where: { code: created.code } });
    expect(room?.status).toBe('running');
  });

  it('[R13.7] once closed it counts for the group, marked self-paced; it takes no more answers or players', async () => {
    const before = await svc().insights.forGroup(group.id);
    expect(before.sessions).toHaveLength(0);
    const closed = await http<AssignmentProgress>('POST', `/api/assignments/${created.id}/close`, {}, created.hostToken);
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).not.toBeNull();
    const after = await svc().insights.forGroup(group.id);
    expect(after.sessions).toHaveLength(1);
    expect(after.sessions[0]).toMatchObject({ code: created.code, selfPaced: true, players: 2, answered: 6 });
    expect(after.totals.answered).toBe(6);
    const board = await svc().boards.groupBoard(group.id, 'all');
    expect(board.rows.map((r) => r.displayName)).toContain('Bea');
    const players = await prisma().player.findMany({ where: { room: { code: created.code } }, orderBy: { finalRank: 'asc' } });
    expect(players.map((p) => [p.nickname, p.finalRank, p.answeredCount])).toEqual([
      ['Bea', 1, 3],
      ['Ann', 2, 3],
    ]);
    // Closing does not schedule the same answers a second time (it announces groupChanged, not roomFinished).
    await svc().study.settled();
    expect(await prisma().reviewLog.count({ where: { profileId: bea.id } })).toBe(3);
    const c = await client();
    const late = await c.request('assign:open', { assignmentId: created.id, nickname: 'Late' });
    expect(late.ok ? null : late.error.code).toBe('question_closed');
  });

  it('[R13.2, R13.7] the deadline closes it: an answer after it is refused, and the sweep finishes the room', async () => {
    const res = await http<CreateAssignmentResponse>('POST', '/api/assignments', {
      deckId: BUILTIN_DECK_ID,
      deadline: new Date(Date.now() + 1500).toISOString(),
      mode: 'choice',
      group: { id: group.id, adminToken: group.adminToken },
    });
    expect(res.status).toBe(201);
    const c = await client();
    await c.ok('assign:open', { assignmentId: res.body.id, nickname: 'Cy' });
    await new Promise((r) => setTimeout(r, 1700));
    const late = await c.request('assign:answer', { assignmentId: res.body.id, questionIndex: 0, choiceId: 'a' });
    expect(late.ok ? null : late.error.message).toMatch(/deadline/);
    expect(await svc().assignments.closeDue()).toBe(1);
    const room = await prisma().room.findUnique({ where: { code: res.body.code } });
    expect(room?.status).toBe('finished');
    expect(await svc().assignments.closeDue()).toBe(0);
  });

  it('[R13.5] typed answers go through the game grader, with key ideas and the reference answer in the reveal', async () => {
    const res = await http<CreateAssignmentResponse>('POST', '/api/assignments', { deckId: BUILTIN_DECK_ID, mode: 'text', positions: [2], source: 'cards' });
    expect(res.status).toBe(201);
    const a = await client();
    await a.ok('assign:open', { assignmentId: res.body.id, nickname: 'Dee' });
    const wrong = await a.ok('assign:answer', { assignmentId: res.body.id, questionIndex: 0, text: 'bananas' });
    expect(wrong.result.verdict).toBe('incorrect');
    expect(wrong.result.explanation.length).toBeGreaterThan(0);
    const b = await client();
    await b.ok('assign:open', { assignmentId: res.body.id, nickname: 'Eve' });
    // "What is CNI?": the first player missed its key ideas; the second names them.
    expect(wrong.result.missing.length).toBeGreaterThan(0);
    const typed = 'Container Network Interface: the plugin spec that configures pod networking';
    const right = await b.ok('assign:answer', { assignmentId: res.body.id, questionIndex: 0, text: typed });
    expect(right.result.matched.length).toBeGreaterThan(0);
    expect(right.result.verdict).toBe('correct');
    expect(right.result.points).toBeGreaterThan(0);
    const rows = await prisma().answer.findMany({ where: { room: { code: res.body.code } } });
    expect(rows.map((r) => r.verdict).sort()).toEqual([right.result.verdict, 'incorrect'].sort());
  });
});
