import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import type { ClientKind } from './messages';
import { RawSocketIoClient } from './raw-client';

/**
 * A client process of the self-paced bench (self-paced.ts): its share of the players each open a seat of their
 * assignment, then play every card alone, at their own pace (a think time per card), answering, reading the
 * reveal and asking for the next card. It reports every answer's ack time and which answers were acknowledged.
 */

export interface SeatPlan {
  assignmentId: string;
  nickname: string;
}

export type ToSelfPacedWorker =
  | { type: 'open'; url: string; client: ClientKind; seats: SeatPlan[]; concurrency: number; pools: [string, { right: string[]; wrong: string[] }][] }
  | { type: 'play'; thinkMs: number }
  | { type: 'close' };

export type FromSelfPacedWorker =
  | { type: 'opened'; ok: number; failed: number; errors: Record<string, number>; openMs: number[] }
  | {
      type: 'played';
      ackMs: number[];
      nextMs: number[];
      /** Acknowledged answers per player id. */
      acked: Record<string, number>;
      errors: Record<string, number>;
      unacked: number;
      wallMs: number;
      loopP99Ms: number;
      loopMaxMs: number;
    };

interface Client {
  on(event: string, fn: (payload: never) => void): unknown;
  once(event: string, fn: (payload: never) => void): unknown;
  emit(event: string, payload: unknown, ack?: (res: never) => void): unknown;
  close(): unknown;
}

interface Question {
  index: number;
  kind: 'choice' | 'text';
  prompt: string;
  choices: { id: string }[];
}
type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
interface Seat {
  playerId: string;
  total: number;
  answered: number;
  status: string;
  question: Question | null;
}

const ACK_TIMEOUT_MS = 30_000;
const WRONG = ['no idea', 'a load balancer', 'kube-proxy does it', 'dns'];

function connect(kind: ClientKind, url: string): Client {
  if (kind === 'raw') return new RawSocketIoClient(url, { timeoutMs: 30_000 });
  return io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, timeout: 30_000 }) as unknown as Client;
}

function request<T>(c: Client, event: string, payload: unknown): Promise<Ack<T> | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ACK_TIMEOUT_MS);
    c.emit(event, payload, ((res: Ack<T>) => {
      clearTimeout(timer);
      resolve(res);
    }) as (res: never) => void);
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(Math.random() * xs.length)];

let players: { client: Client; assignmentId: string; seat: Seat }[] = [];
let pools = new Map<string, { right: string[]; wrong: string[] }>();

function bump(m: Record<string, number>, k: string): void {
  m[k] = (m[k] ?? 0) + 1;
}

async function open(msg: Extract<ToSelfPacedWorker, { type: 'open' }>): Promise<void> {
  pools = new Map(msg.pools);
  const errors: Record<string, number> = {};
  const openMs: number[] = [];
  let failed = 0;
  let next = 0;
  async function lane(): Promise<void> {
    for (;;) {
      const i = next++;
      const plan = msg.seats[i];
      if (!plan) return;
      const client = connect(msg.client, msg.url);
      const t0 = performance.now();
      const connected = await new Promise<boolean>((resolve) => {
        client.once('connect', () => resolve(true));
        client.once('connect_error', () => resolve(false));
      });
      if (!connected) {
        failed += 1;
        bump(errors, 'connect');
        continue;
      }
      const res = await request<Seat>(client, 'assign:open', { assignmentId: plan.assignmentId, nickname: plan.nickname });
      openMs.push(performance.now() - t0);
      if (!res || !res.ok) {
        failed += 1;
        bump(errors, res ? res.error.code : 'open_timeout');
        client.close();
        continue;
      }
      players.push({ client, assignmentId: plan.assignmentId, seat: res.data });
    }
  }
  await Promise.all(Array.from({ length: msg.concurrency }, () => lane()));
  send({ type: 'opened', ok: players.length, failed, errors, openMs });
}

async function play(thinkMs: number): Promise<void> {
  const ackMs: number[] = [];
  const nextMs: number[] = [];
  const acked: Record<string, number> = {};
  const errors: Record<string, number> = {};
  let unacked = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const think = () => (thinkMs <= 0 ? 0 : thinkMs * (0.3 + 1.4 * Math.random()));
  await Promise.all(
    players.map(async (p) => {
      // Not everyone starts at the same moment.
      await sleep(Math.random() * thinkMs);
      let seat = p.seat;
      while (seat.status === 'playing' && seat.question) {
        const q = seat.question;
        await sleep(think());
        let answer: { choiceId: string } | { text: string };
        if (q.kind === 'choice') answer = { choiceId: pick(q.choices)?.id ?? 'a' };
        else {
          const pool = pools.get(q.prompt.toLowerCase());
          const right = Math.random() < 0.6;
          answer = { text: (right ? pick(pool?.right ?? []) : pick(pool?.wrong ?? [])) ?? pick(WRONG) ?? 'no idea' };
        }
        const sent = performance.now();
        const res = await request<{ answered: number; finished: boolean }>(p.client, 'assign:answer', {
          assignmentId: p.assignmentId,
          questionIndex: q.index,
          ...answer,
          reactionMs: 1000,
        });
        if (!res) {
          unacked += 1;
          bump(errors, 'answer_timeout');
          return;
        }
        if (!res.ok) {
          bump(errors, res.error.code);
          return;
        }
        ackMs.push(performance.now() - sent);
        acked[seat.playerId] = (acked[seat.playerId] ?? 0) + 1;
        // Reading the reveal, then the next card.
        await sleep(think() / 3);
        const n0 = performance.now();
        const next = await request<Seat>(p.client, 'assign:next', { assignmentId: p.assignmentId });
        if (!next || !next.ok) {
          bump(errors, next ? next.error.code : 'next_timeout');
          return;
        }
        nextMs.push(performance.now() - n0);
        seat = next.data;
      }
    }),
  );
  loop.disable();
  send({
    type: 'played',
    ackMs,
    nextMs,
    acked,
    errors,
    unacked,
    wallMs: performance.now() - t0,
    loopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - 5),
    loopMaxMs: Math.max(0, loop.max / 1e6 - 5),
  });
}

function send(m: FromSelfPacedWorker): void {
  process.send?.(m);
}

process.on('message', (m: ToSelfPacedWorker) => {
  switch (m.type) {
    case 'open':
      void open(m);
      break;
    case 'play':
      void play(m.thinkMs);
      break;
    case 'close':
      for (const p of players) p.client.close();
      players = [];
      setTimeout(() => process.exit(0), 200);
      break;
    default: {
      const never: never = m;
      throw new Error(`unknown message ${String(never)}`);
    }
  }
});
