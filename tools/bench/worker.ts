import { typeLikeAPerson } from './typing';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import type { Ack, AckData, ErrorPayload, PublicState, QuestionKindName, You } from '../../src/protocol';
import type { BotSpec, ClientKind, FromWorker, QuestionPlan, ToWorker } from './messages';
import { RawSocketIoClient } from './raw-client';

/**
 * A client worker process of the bench: simulated players with real socket.io clients. Each bot joins, and
 * when a question arrives waits a human-like reaction time (or, for the burst question, 0-300 ms) and answers.
 * Every receive time is taken first thing in the handler and reported on the server's clock (offset from the
 * `ping` event, min-RTT sample). Driven by the coordinator over IPC (see messages.ts). Also hosts the raw `ws`
 * clients of the baseline comparison.
 */

/** What a bot needs of a socket: socket.io-client's Socket, or the bench's raw protocol client. */
interface Client {
  connected: boolean;
  on(event: string, fn: (payload: never) => void): unknown;
  once(event: string, fn: (payload: never) => void): unknown;
  emit(event: string, payload: unknown, ack?: (res: never) => void): unknown;
  close(): unknown;
}

function connectClient(kind: ClientKind, target: string): Client {
  if (kind === 'raw') return new RawSocketIoClient(target, { timeoutMs: 30_000 });
  return io(target, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 30_000,
  }) as unknown as Client;
}

const now = () => performance.timeOrigin + performance.now();
const SPREAD_MIN_MS = 300;
const SPREAD_MAX_SHARE = 0.8;
const BURST_MS = 300;
const CORRECT_SHARE = 0.6;
const WRONG_TEXTS = [
  'no idea',
  'kube-proxy',
  'a load balancer',
  'DNS',
  'iptables rules',
  'etcd',
  'the kubelet',
  'NAT',
];

function send(m: FromWorker): void {
  process.send?.(m);
}

let url = '';
let code = '';
let bots: BotSpec[] = [];
let concurrency = 50;
let deadlineMs = 120_000;
let clientKind: ClientKind = 'socketio';
let sendReactionMs = true;
/** Server clock minus local clock. */
let offset = 0;
let stopping = false;
/** CPU and loop figures cover the play phase: from the clock sync on. */
let cpuAtSync: NodeJS.CpuUsage | undefined;

const sockets: (Client | null)[] = [];
const playerIds: string[] = [];
const errors: string[] = [];
let serverErrors = 0;
let disconnects = 0;
let messages = 0;
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();

function error(msg: string): void {
  if (errors.length < 200) errors.push(msg);
}

// ---------- per-question records ----------

interface QuestionRecord {
  plan: QuestionPlan | null;
  hint: {
    choiceId: string | null;
    text: string | null;
    wrongChoiceIds: string[];
    rightTexts: string[];
    wrongTexts: string[];
  } | null;
  choices: string[];
  recvQuestion: Float64Array;
  remainingMs: Float64Array;
  sentAnswer: Float64Array;
  ackAt: Float64Array;
  ackError: string[];
  recvReveal: Float64Array;
  recvResult: Float64Array;
  points: Float64Array;
  verdict: string[];
  acks: number;
  reveals: number;
  results: number;
  waiting: boolean;
}

const questions = new Map<number, QuestionRecord>();

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

function questionRecord(index: number): QuestionRecord {
  let r = questions.get(index);
  if (!r) {
    const n = bots.length;
    r = {
      plan: null,
      hint: null,
      choices: [],
      recvQuestion: nanArray(n),
      remainingMs: nanArray(n),
      sentAnswer: nanArray(n),
      ackAt: nanArray(n),
      ackError: new Array<string>(n).fill('missing'),
      recvReveal: nanArray(n),
      recvResult: nanArray(n),
      points: nanArray(n),
      verdict: new Array<string>(n).fill(''),
      acks: 0,
      reveals: 0,
      results: 0,
      waiting: false,
    };
    questions.set(index, r);
  }
  return r;
}

function questionDone(r: QuestionRecord): boolean {
  const n = joinedCount();
  return r.acks >= n && r.reveals >= n && r.results >= n;
}

function reportQuestion(index: number, complete: boolean): void {
  const r = questionRecord(index);
  r.waiting = false;
  const toServer = (a: Float64Array) => Array.from(a, (t) => t + offset);
  send({
    type: 'question',
    index,
    complete,
    recvQuestion: toServer(r.recvQuestion),
    remainingMs: Array.from(r.remainingMs),
    sentAnswer: toServer(r.sentAnswer),
    ackAt: toServer(r.ackAt),
    ackError: r.ackError,
    recvReveal: toServer(r.recvReveal),
    recvResult: toServer(r.recvResult),
    points: Array.from(r.points),
    verdict: r.verdict,
  });
}

function checkQuestion(r: QuestionRecord): void {
  if (r.waiting && r.plan && questionDone(r)) reportQuestion(r.plan.index, true);
}

// ---------- phase broadcasts (leaderboard / finished) ----------

interface PhaseRecord {
  recv: Float64Array;
  count: number;
  waiting: boolean;
}
const phases = new Map<string, PhaseRecord>();
const phaseKey = (phase: string, questionNumber: number) => `${phase}:${questionNumber}`;

function phaseRecord(key: string): PhaseRecord {
  let r = phases.get(key);
  if (!r) {
    r = { recv: nanArray(bots.length), count: 0, waiting: false };
    phases.set(key, r);
  }
  return r;
}

function reportPhase(phase: 'leaderboard' | 'finished', questionNumber: number, complete: boolean): void {
  const r = phaseRecord(phaseKey(phase, questionNumber));
  r.waiting = false;
  send({ type: 'phase', phase, questionNumber, complete, recv: Array.from(r.recv, (t) => t + offset) });
}

function joinedCount(): number {
  let n = 0;
  for (const id of playerIds) if (id) n += 1;
  return n;
}

// ---------- bots ----------

/** Words bots put into a word cloud: a few common ones and a long tail, as a room would. */
const CLOUD_TEXTS = ['DNS', 'dns', 'NAT', 'MTU', 'overlays', 'Overlay', 'policies', 'iptables', 'CNI', 'latency', 'everything'];

type BotAnswer = { choiceId?: string; choiceIds?: string[]; value?: number; text?: string };

function pickOf<T>(items: readonly T[]): T | undefined {
  return items[Math.floor(Math.random() * items.length)];
}

/** An answer in the shape of each kind [R12.2]: the bench drives every kind's path through the server. */
function pickAnswer(r: QuestionRecord, kind: QuestionKindName): BotAnswer {
  const right = Math.random() < CORRECT_SHARE;
  switch (kind) {
    case 'truefalse':
    case 'poll':
      return { choiceId: (right ? r.hint?.choiceId : null) ?? pickOf(r.choices) ?? 'a' };
    case 'multi': {
      const picks = r.choices.filter(() => Math.random() < 0.5);
      return { choiceIds: picks.length > 0 ? picks : r.choices.slice(0, 1) };
    }
    case 'order': {
      const ids = r.choices.slice();
      // Mostly nearly right: a couple of random swaps of the shown order.
      for (let s = 0; s < 2; s++) {
        const i = Math.floor(Math.random() * ids.length);
        const j = Math.floor(Math.random() * ids.length);
        [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
      }
      return { choiceIds: ids };
    }
    case 'number':
      return { value: Math.round(50 + Math.random() * 120) };
    case 'cloud':
      return { text: pickOf(CLOUD_TEXTS) ?? 'dns' };
    case 'choice':
    case 'text':
      break;
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
  if (kind === 'choice') {
    const hint = r.hint;
    if (hint?.choiceId && right) return { choiceId: hint.choiceId };
    const pool = hint && hint.wrongChoiceIds.length > 0 ? hint.wrongChoiceIds : r.choices;
    return { choiceId: pool[Math.floor(Math.random() * pool.length)] ?? 'a' };
  }
  const pool = right ? r.hint?.rightTexts : r.hint?.wrongTexts;
  const typed = pool && pool.length > 0 ? pool[Math.floor(Math.random() * pool.length)] : undefined;
  if (typed !== undefined) return { text: typeLikeAPerson(typed) };
  const correct = r.hint?.text;
  if (correct && right) {
    // Typed the way people type: sometimes lower case, sometimes with stray spaces.
    const v = Math.random();
    return { text: v < 0.33 ? correct.toLowerCase() : v < 0.66 ? `  ${correct} ` : correct };
  }
  return { text: WRONG_TEXTS[Math.floor(Math.random() * WRONG_TEXTS.length)] ?? 'no idea' };
}

function reactionDelay(plan: QuestionPlan | null): number {
  if (plan?.timing === 'burst') return Math.random() * BURST_MS;
  const limit = plan?.timeLimitMs ?? 10_000;
  // Most people answer early, a tail thinks longer; all before 80% of the limit, so none is cut off.
  const u = Math.random() ** 1.6;
  return SPREAD_MIN_MS + (limit * SPREAD_MAX_SHARE - SPREAD_MIN_MS) * u;
}

function onQuestion(b: number, st: PublicState, t: number): void {
  const q = st.question;
  if (!q) return;
  const r = questionRecord(q.index);
  if (!Number.isNaN(r.recvQuestion[b] as number)) return;
  r.recvQuestion[b] = t;
  r.remainingMs[b] = q.remainingMs;
  if (r.choices.length === 0) r.choices = q.choices.map((c) => c.id);
  const kind = q.kind;
  const index = q.index;
  setTimeout(() => {
    const s = sockets[b];
    if (!s || stopping) return;
    const answer = pickAnswer(r, kind);
    const sentAt = now();
    // Like the web client: the time from receiving the question to answering, a duration on our clock.
    const reaction = sendReactionMs ? { reactionMs: Math.max(0, Math.round(sentAt - t)) } : {};
    r.sentAnswer[b] = sentAt;
    r.ackError[b] = 'timeout';
    s.emit(
      'player:answer',
      { code, questionIndex: index, ...answer, ...reaction },
      (res: Ack<AckData['player:answer']>) => {
        r.ackAt[b] = now();
        r.ackError[b] = res.ok ? '' : res.error.code;
        if (!res.ok) error(`answer q${index} bot ${bots[b]?.n}: ${res.error.code} ${res.error.message}`);
        r.acks += 1;
        checkQuestion(r);
      },
    );
  }, reactionDelay(r.plan));
}

function attachBot(b: number, s: Client): void {
  s.on('room:state', (st: PublicState) => {
    const t = now();
    messages += 1;
    if (st.phase === 'question') onQuestion(b, st, t);
    else if (st.phase === 'reveal' && st.question) {
      const r = questionRecord(st.question.index);
      if (Number.isNaN(r.recvReveal[b] as number)) {
        r.recvReveal[b] = t;
        r.reveals += 1;
        checkQuestion(r);
      }
    } else if (st.phase === 'leaderboard' || st.phase === 'finished') {
      const pr = phaseRecord(phaseKey(st.phase, st.questionNumber));
      if (Number.isNaN(pr.recv[b] as number)) {
        pr.recv[b] = t;
        pr.count += 1;
        if (pr.waiting && pr.count >= joinedCount()) reportPhase(st.phase, st.questionNumber, true);
      }
    }
  });
  s.on('player:you', (you: You) => {
    const t = now();
    messages += 1;
    const res = you.result;
    if (!res) return;
    const r = questionRecord(res.questionIndex);
    if (Number.isNaN(r.recvResult[b] as number)) {
      r.recvResult[b] = t;
      r.points[b] = res.points;
      r.verdict[b] = res.verdict;
      r.results += 1;
      checkQuestion(r);
    }
  });
  s.on('room:counts', () => {
    messages += 1;
  });
  s.on('server:error', (e: ErrorPayload) => {
    serverErrors += 1;
    error(`server:error bot ${bots[b]?.n}: ${e.code} ${e.message}`);
  });
  s.on('player:kicked', () => error(`bot ${bots[b]?.n} was kicked`));
  s.on('disconnect', (reason: string) => {
    if (stopping) return;
    disconnects += 1;
    error(`bot ${bots[b]?.n} disconnected: ${reason}`);
  });
}

async function connectAll(): Promise<void> {
  const joinMs = new Array<number>(bots.length).fill(NaN);
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  let firstStart = NaN;
  let lastDone = NaN;

  const joinOne = (b: number) =>
    new Promise<void>((resolve) => {
      const spec = bots[b] as BotSpec;
      const start = now();
      if (Number.isNaN(firstStart)) firstStart = start;
      const s = connectClient(clientKind, url);
      sockets[b] = s;
      attachBot(b, s);
      let settled = false;
      const finish = (err?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          error(`join bot ${spec.n}: ${err}`);
          s.close();
          sockets[b] = null;
        } else {
          joinMs[b] = now() - start;
          lastDone = now();
        }
        resolve();
      };
      const timer = setTimeout(() => finish('timed out'), Math.max(1, deadline - Date.now()));
      s.once('connect_error', (e: Error) => finish(`connect_error ${e.message}`));
      s.once('connect', () => {
        s.emit('player:join', { code, nickname: spec.nickname }, (res: Ack<AckData['player:join']>) => {
          if (res.ok) {
            playerIds[b] = res.data.playerId;
            finish();
          } else finish(`${res.error.code} ${res.error.message}`);
        });
      });
    });

  const lanes: Promise<void>[] = [];
  for (let lane = 0; lane < Math.min(concurrency, bots.length); lane++) {
    lanes.push(
      (async () => {
        // Bounded: each lane takes bots until none are left or the deadline passed.
        while (next < bots.length && Date.now() < deadline) {
          const b = next;
          next += 1;
          await joinOne(b);
        }
      })(),
    );
  }
  await Promise.all(lanes);
  for (let b = next; b < bots.length; b++) error(`join bot ${bots[b]?.n}: not attempted before the deadline`);
  send({
    type: 'joined',
    playerIds: bots.map((_, b) => playerIds[b] ?? ''),
    joinMs,
    firstStart: firstStart + offset,
    lastDone: lastDone + offset,
    errors: [...errors],
  });
}

async function pingOffset(
  ping: (t: number) => Promise<number>,
  samples = 12,
): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Infinity };
  for (let i = 0; i < samples; i++) {
    const t0 = now();
    const serverNow = await ping(t0);
    const t1 = now();
    const rtt = t1 - t0;
    if (rtt < best.rttMs) best = { offsetMs: serverNow - (t0 + rtt / 2), rttMs: rtt };
  }
  return best;
}

async function sync(): Promise<void> {
  const s = sockets.find((x) => x?.connected);
  if (!s) {
    send({ type: 'synced', offsetMs: 0, rttMs: NaN });
    return;
  }
  const r = await pingOffset(
    (t) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('ping timed out')), 5000);
        s.emit('ping', { t }, (res: Ack<AckData['ping']>) => {
          clearTimeout(timer);
          if (res.ok) resolve(res.data.serverNow);
          else reject(new Error(res.error.code));
        });
      }),
  );
  offset = r.offsetMs;
  loop.reset();
  cpuAtSync = process.cpuUsage();
  send({ type: 'synced', ...r });
}

// ---------- ws baseline clients ----------

const wsClients: WebSocket[] = [];
let wsOffset = 0;
const wsRounds = new Map<number, { recv: Float64Array; count: number; waiting: boolean }>();
let pongWaiter: ((serverNow: number) => void) | null = null;

function wsRound(round: number) {
  let r = wsRounds.get(round);
  if (!r) {
    r = { recv: nanArray(wsClients.length), count: 0, waiting: false };
    wsRounds.set(round, r);
  }
  return r;
}

function reportWsRound(round: number, complete: boolean): void {
  const r = wsRound(round);
  r.waiting = false;
  send({ type: 'wsRound', round, complete, recv: Array.from(r.recv, (t) => t + wsOffset) });
}

async function wsConnect(target: string, conc: number): Promise<void> {
  const errs: string[] = [];
  const count = bots.length;
  const seen = new Array<number>(count).fill(0);
  let next = 0;
  const deadline = Date.now() + deadlineMs;
  const openOne = (i: number) =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(target, { perMessageDeflate: false });
      wsClients[i] = ws;
      const timer = setTimeout(
        () => {
          errs.push(`ws ${i}: open timed out`);
          ws.terminate();
          resolve();
        },
        Math.max(1, deadline - Date.now()),
      );
      ws.on('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.on('error', (e) => {
        clearTimeout(timer);
        if (errs.length < 50) errs.push(`ws ${i}: ${e.message}`);
        resolve();
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        const t = now();
        if (isBinary) return;
        const text = data.toString('utf8');
        if (text.startsWith('pong ')) {
          pongWaiter?.(Number(text.split(' ')[2]));
          return;
        }
        // The least a client must do with a socket.io event: strip the packet type and parse the JSON.
        JSON.parse(text.slice(2));
        const round = seen[i] ?? 0;
        seen[i] = round + 1;
        const r = wsRound(round);
        r.recv[i] = t;
        r.count += 1;
        if (r.waiting && r.count >= wsClients.length) reportWsRound(round, true);
      });
    });
  const lanes: Promise<void>[] = [];
  for (let lane = 0; lane < Math.min(conc, count); lane++) {
    lanes.push(
      (async () => {
        while (next < count && Date.now() < deadline) {
          const i = next;
          next += 1;
          await openOne(i);
        }
      })(),
    );
  }
  await Promise.all(lanes);
  const first = wsClients.find((w) => w?.readyState === WebSocket.OPEN);
  let sync = { offsetMs: 0, rttMs: NaN };
  if (first) {
    sync = await pingOffset(
      (t) =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('ws ping timed out')), 5000);
          pongWaiter = (serverNow) => {
            clearTimeout(timer);
            pongWaiter = null;
            resolve(serverNow);
          };
          first.send(`ping ${t}`);
        }),
    );
  }
  wsOffset = sync.offsetMs;
  const connected = wsClients.filter((w) => w?.readyState === WebSocket.OPEN).length;
  send({ type: 'wsConnected', connected, errors: errs, ...sync });
}

// ---------- IPC ----------

function stats(): FromWorker {
  const cpu = process.cpuUsage(cpuAtSync);
  const ms = (ns: number) => Math.max(0, ns / 1e6 - 5);
  return {
    type: 'stats',
    errors: [...errors],
    serverErrors,
    disconnects,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopP99Ms: loop.count > 0 ? ms(loop.percentile(99)) : 0,
    loopMaxMs: loop.count > 0 ? ms(loop.max) : 0,
    messages:
      messages + sockets.reduce((n, sock) => n + (sock instanceof RawSocketIoClient ? sock.skipped : 0), 0),
  };
}

process.on('message', (raw: unknown) => {
  const m = raw as ToWorker;
  const run = async () => {
    switch (m.type) {
      case 'init':
        url = m.url;
        code = m.code;
        bots = m.bots;
        concurrency = m.concurrency;
        deadlineMs = m.deadlineMs;
        clientKind = m.client;
        sendReactionMs = m.sendReactionMs;
        send({ type: 'ready' });
        break;
      case 'connect':
        await connectAll();
        break;
      case 'sync':
        await sync();
        break;
      case 'plan': {
        questionRecord(m.plan.index).plan = m.plan;
        send({ type: 'planned', index: m.plan.index });
        break;
      }
      case 'hint':
        questionRecord(m.index).hint = {
          choiceId: m.choiceId,
          text: m.text,
          wrongChoiceIds: m.wrongChoiceIds,
          rightTexts: m.rightTexts,
          wrongTexts: m.wrongTexts,
        };
        break;
      case 'collectQuestion': {
        const r = questionRecord(m.index);
        if (questionDone(r)) reportQuestion(m.index, true);
        else {
          // Report now if the coordinator's deadline passed; otherwise report as soon as it completes.
          r.waiting = true;
          checkQuestion(r);
        }
        break;
      }
      case 'expectPhase':
        phaseRecord(phaseKey(m.phase, m.questionNumber));
        send({ type: 'expecting' });
        break;
      case 'collectPhase': {
        const r = phaseRecord(phaseKey(m.phase, m.questionNumber));
        if (r.count >= joinedCount()) reportPhase(m.phase, m.questionNumber, true);
        else r.waiting = true;
        break;
      }
      case 'wsConnect':
        await wsConnect(m.url, m.concurrency);
        break;
      case 'wsExpect':
        wsRound(m.round);
        send({ type: 'wsExpecting', round: m.round });
        break;
      case 'wsCollect': {
        const r = wsRound(m.round);
        if (r.count >= wsClients.length) reportWsRound(m.round, true);
        else r.waiting = true;
        break;
      }
      case 'flush':
        // The coordinator's deadline for a step passed: report what arrived so far.
        for (const [index, r] of questions) if (r.waiting) reportQuestion(index, false);
        for (const [key, r] of phases) {
          if (!r.waiting) continue;
          const [phase, qn] = key.split(':');
          reportPhase(phase as 'leaderboard' | 'finished', Number(qn), false);
        }
        for (const [round, r] of wsRounds) if (r.waiting) reportWsRound(round, false);
        break;
      case 'stop': {
        stopping = true;
        const s = stats();
        for (const sock of sockets) sock?.close();
        for (const ws of wsClients) ws?.terminate();
        send(s);
        setTimeout(() => process.exit(0), 200);
        break;
      }
    }
  };
  run().catch((e: unknown) =>
    send({ type: 'fatal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});

process.on('disconnect', () => process.exit(0));
// A clean exit (so --cpu-prof can write its file) when the coordinator stops us.
process.on('SIGTERM', () => process.exit(0));
