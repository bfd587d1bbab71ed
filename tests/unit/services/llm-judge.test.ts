import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import type { CompiledCard, Grade } from '../../../src/game/grading';
import type { GameCard } from '../../../src/game/types';
import { silentLogger } from '../../../src/server/log';
import { RoomGrades, type TextGrader } from '../../../src/server/room/grades';
import { createLlmJudge } from '../../../src/server/services/llm-judge';

/** Issue 9 item 7: the optional LLM judge, against a fake OpenAI-compatible endpoint on a local port. */

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function fakeEndpoint(handler: (body: { model: string; messages: { role: string; content: string }[] }, req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => handler(JSON.parse(raw) as never, req, res));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

function reply(res: ServerResponse, content: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
}

const CARD: Card = { prompt: 'What is a PVC?', answer: 'A request for storage by a user.' };
const GAME_CARD: GameCard = { id: 'c1', card: CARD };

function grade(over: Partial<Grade>): Grade {
  return { verdict: 'partial', score: 0.3, matched: [], missing: ['x'], unsure: false, explanation: 'covers 1 of 3 key ideas', group: 'g', ...over };
}

/** A grader that is unsure of texts starting with "?" and counts its calls. */
const grader: TextGrader = {
  compile: (card: Card): CompiledCard => ({ card }),
  grade: (_c, text) => grade({ unsure: text.startsWith('?') }),
};

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('LLM judge (optional, off by default)', () => {
  it('asks the endpoint with the question, the reference and the answer, and reads its verdict', async () => {
    const seen: { model: string; auth: string | undefined; user: string }[] = [];
    const url = await fakeEndpoint((body, req, res) => {
      seen.push({ model: body.model, auth: req.headers.authorization, user: body.messages.find((m) => m.role === 'user')!.content });
      expect(req.url).toBe('/v1/chat/completions');
      reply(res, 'Sure! ```json\n{"verdict": "correct", "reason": "a claim is a storage request"}\n```');
    });
    const judge = createLlmJudge({ url, model: 'tiny', apiKey: 'k-123', timeoutMs: 2000 }, silentLogger);
    expect(await judge.judge(CARD, 'a ticket for disk space')).toEqual({ verdict: 'correct', score: 1, explanation: 'a claim is a storage request' });
    expect(seen).toEqual([{ model: 'tiny', auth: 'Bearer k-123', user: expect.stringContaining("Player's answer: a ticket for disk space") }]);
    expect(seen[0]!.user).toContain('Reference answer:\nA request for storage by a user.');
  });

  it('gives no verdict on a timeout, an error status or a reply it cannot read', async () => {
    const slow = await fakeEndpoint(() => undefined); // never answers
    const t0 = Date.now();
    expect(await createLlmJudge({ url: slow, model: 'm', timeoutMs: 200 }, silentLogger).judge(CARD, 'x')).toBeNull();
    expect(Date.now() - t0).toBeLessThan(2000);
    const failing = await fakeEndpoint((_b, _q, res) => {
      res.writeHead(500);
      res.end('{}');
    });
    expect(await createLlmJudge({ url: failing, model: 'm', timeoutMs: 1000 }, silentLogger).judge(CARD, 'x')).toBeNull();
    const babbling = await fakeEndpoint((_b, _q, res) => reply(res, 'I think it is mostly right.'));
    expect(await createLlmJudge({ url: babbling, model: 'm', timeoutMs: 1000 }, silentLogger).judge(CARD, 'x')).toBeNull();
    const closed = createLlmJudge({ url: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 1000 }, silentLogger);
    expect(await closed.judge(CARD, 'x')).toBeNull();
  });

  it('a room asks it only about unsure answers, never waits for it, and uses a verdict that came in time', async () => {
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const url = await fakeEndpoint((body, _req, res) => {
      const user = body.messages.find((m) => m.role === 'user')!.content;
      asked.push(user.slice(user.indexOf("Player's answer: ") + 17));
      void gate.then(() => reply(res, '{"verdict": "incorrect", "reason": "mixed up PV and PVC"}'));
    });
    const grades = new RoomGrades(grader, createLlmJudge({ url, model: 'm', timeoutMs: 3000 }, silentLogger));
    // The grader's own grade comes back at once, judge or not.
    expect(grades.grade(GAME_CARD, 'sure thing')).toMatchObject({ verdict: 'partial', unsure: false });
    expect(grades.grade(GAME_CARD, '? guess')).toMatchObject({ verdict: 'partial', unsure: true });
    expect(grades.grade(GAME_CARD, '? guess')).toMatchObject({ verdict: 'partial', unsure: true }); // asked once
    await tick(100);
    expect(asked).toEqual(['? guess']);
    release();
    for (let i = 0; i < 50 && grades.grade(GAME_CARD, '? guess').unsure; i++) await tick(20);
    expect(grades.grade(GAME_CARD, '? guess')).toMatchObject({ verdict: 'incorrect', score: 0, unsure: false, explanation: 'mixed up PV and PVC' });
    expect(grades.grade(GAME_CARD, 'sure thing')).toMatchObject({ verdict: 'partial' });
    expect(asked).toEqual(['? guess']);
  });

  it('without a judge nothing is asked and unsure grades stay for the host', () => {
    const grades = new RoomGrades(grader);
    expect(grades.grade(GAME_CARD, '? guess')).toMatchObject({ unsure: true });
  });
});
