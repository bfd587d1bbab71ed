import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { Ack, AckData, ClientEvent, CreateRoomResponse, PublicState } from '../../src/protocol';
import { ACKNOWLEDGED_ANSWERS_SQL } from '../../src/server/repositories/rooms';
import { rejoinRetryMs } from '../../src/client/retry';
import { startBalancer, type Balancer } from './balancer';

/**
 * `npm run soak`: the server under churn for a long time, killed now and then (docs/RELIABILITY.md). Players join,
 * answer, drop and reconnect, leave for good and are replaced; rooms play with auto-advance and new ones start
 * when they end; every few minutes the server process gets SIGKILL and is started again on the same database.
 * Reports the server's RSS over time, rooms stuck in one phase, and acknowledged answers missing from the
 * database (the promise is none [R8.2]).
 *
 * With `--processes 2` two server processes share Postgres and Redis behind a small TCP balancer (new connections
 * go to each live process in turn, so rooms and players land on both); each kill takes one process down, in turn,
 * so the other must take its rooms over [R8.4] while players reconnect through the balancer; the killed process
 * is started again `--down` seconds later.
 */

const USAGE = `usage: npm run soak -- [flags]

  --minutes M        how long to run (default 30)
  --players N        simulated players at any time (default 40), spread over the rooms
  --rooms R          rooms playing at once (default 2); a room that ends is replaced by a new one
  --kill-every K     SIGKILL the server every K minutes and start it again (default 3; 0: never)
  --time-limit S     seconds per question (default 8)
  --processes P      server processes sharing the database and Redis (default 1; 2: behind a balancer, each
                     kill takes one down in turn and the other takes its rooms over; needs REDIS_URL)
  --down S           with several processes: seconds a killed process stays down (default 10)
  --port P           port of the first server process (default 3850; the others take the next ones)
  --out FILE         also write the report as JSON to FILE

Needs DATABASE_URL (Postgres): the database must outlive the killed process. The server is
tools/bench/bare-server.ts (server.ts's realtime stack and database, without Next's pages).
`;

interface Options {
  minutes: number;
  players: number;
  rooms: number;
  killEvery: number;
  timeLimit: number;
  processes: number;
  downSec: number;
  port: number;
  out: string | null;
}

function parse(argv: string[]): Options | 'help' {
  const o: Options = {
    minutes: 30,
    players: 40,
    rooms: 2,
    killEvery: 3,
    timeLimit: 8,
    processes: 1,
    downSec: 10,
    port: 3850,
    out: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') return 'help';
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const num = () => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: not a number: ${value}`);
      return n;
    };
    switch (flag) {
      case '--minutes':
        o.minutes = num();
        break;
      case '--players':
        o.players = Math.max(1, Math.round(num()));
        break;
      case '--rooms':
        o.rooms = Math.max(1, Math.round(num()));
        break;
      case '--kill-every':
        o.killEvery = num();
        break;
      case '--time-limit':
        o.timeLimit = Math.max(5, Math.round(num()));
        break;
      case '--processes':
        o.processes = Math.min(4, Math.max(1, Math.round(num())));
        break;
      case '--down':
        o.downSec = num();
        break;
      case '--port':
        o.port = Math.round(num());
        break;
      case '--out':
        o.out = value;
        break;
      default:
        throw new Error(`unknown flag ${flag}`);
    }
  }
  return o;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** Emits with an ack; no ack within `ms` (the server died) counts as not acknowledged. */
function request<E extends ClientEvent>(
  s: Socket,
  event: E,
  payload: unknown,
  ms = 5000,
): Promise<Ack<AckData[E]> | null> {
  return new Promise((resolve) => {
    if (!s.connected) return resolve(null);
    s.timeout(ms).emit(event, payload, (err: unknown, ack: Ack<AckData[E]>) => resolve(err ? null : ack));
  });
}

interface RoomRun {
  code: string;
  hostToken: string;
  host: Socket;
  phase: string;
  questionIndex: number;
  question: PublicState['question'];
  changedAt: number;
  createdAt: number;
  done: boolean;
}

interface Player {
  room: RoomRun;
  socket: Socket;
  seat: { playerId: string; rejoinToken: string } | null;
  answered: Set<number>;
  /** Joined or rejoined on the socket's current connection (a phone shows the question only then). */
  seated: boolean;
}

async function main(): Promise<void> {
  const parsed = parse(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const opts = parsed;
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error('DATABASE_URL (Postgres) is required: the database must outlive the killed server');
  const redisUrl = opts.processes > 1 ? process.env.REDIS_URL : '';
  if (redisUrl === undefined || redisUrl === null)
    throw new Error('REDIS_URL is required with --processes: the processes share rooms through Redis');
  const started = Date.now();
  const endAt = started + opts.minutes * 60_000;
  const elapsed = () => Math.round((Date.now() - started) / 1000);

  // ---------- the server processes ----------
  interface Proc {
    port: number;
    child: ChildProcess | null;
  }
  const procs: Proc[] = Array.from({ length: opts.processes }, (_, i) => ({
    port: opts.port + i,
    child: null,
  }));
  const downtimes: number[] = [];
  const isUp = (p: Proc) => !!p.child && p.child.exitCode === null && p.child.signalCode === null;
  async function startServer(p: Proc): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/bench/bare-server.ts'], {
      env: {
        ...process.env,
        PORT: String(p.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        REDIS_URL: redisUrl,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    p.child = child;
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
      if (
        await fetch(`http://127.0.0.1:${p.port}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await sleep(100);
    }
    throw new Error('server did not start');
  }
  async function killServer(p: Proc, signal: NodeJS.Signals): Promise<void> {
    const child = p.child;
    if (!child || !isUp(p)) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
  const rssMb = (p: Proc): number | null => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.child?.pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : null;
    } catch {
      return null;
    }
  };
  // One process: clients talk to it. Several: through the balancer, as behind a load balancer.
  let balancer: Balancer | null = null;
  if (opts.processes > 1)
    balancer = await startBalancer(() => procs.filter(isUp).map((p) => p.port), 'spread');
  const base = `http://127.0.0.1:${balancer ? balancer.port : opts.port}`;

  // ---------- what was acknowledged ----------
  const acked: { code: string; playerId: string; questionIndex: number }[] = [];
  const counters = {
    joins: 0,
    rejoins: 0,
    answersSent: 0,
    answersAcked: 0,
    refused: new Map<string, number>(),
    leaves: 0,
    drops: 0,
    roomsFinished: 0,
    kills: 0,
  };
  const refuse = (code: string) => counters.refused.set(code, (counters.refused.get(code) ?? 0) + 1);

  // ---------- rooms and players ----------
  const rooms: RoomRun[] = [];
  const players: Player[] = [];

  function follow(s: Socket, room: RoomRun): void {
    s.on('room:state', (st: PublicState) => {
      const qi = st.question?.index ?? -1;
      if (st.phase !== room.phase || qi !== room.questionIndex) room.changedAt = Date.now();
      room.phase = st.phase;
      room.questionIndex = qi;
      room.question = st.question;
      if (st.phase === 'finished' && !room.done) {
        room.done = true;
        counters.roomsFinished += 1;
      }
    });
  }

  /**
   * A socket as the web client keeps one (src/client/socket.ts): socket.io reconnects by itself after a network
   * drop; after `io server disconnect` (a process took the game over [R8.4]) the client connects again itself.
   */
  function connectSocket(): Socket {
    const s = io(base, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 300,
      reconnectionDelayMax: 2000,
    });
    s.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') s.connect();
    });
    return s;
  }

  async function newRoom(): Promise<RoomRun> {
    const res = await fetch(`${base}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        deckId: 'kubernetes-networking',
        settings: {
          mode: 'mixed',
          timeLimitSec: opts.timeLimit,
          points: true,
          speedBonus: true,
          autoAdvance: true,
          autoAdvanceSec: 3,
        },
        questionCount: 8,
      }),
    });
    if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
    const r = (await res.json()) as CreateRoomResponse;
    const host = connectSocket();
    const room: RoomRun = {
      code: r.code,
      hostToken: r.hostToken,
      host,
      phase: 'lobby',
      questionIndex: -1,
      question: null,
      changedAt: Date.now(),
      createdAt: Date.now(),
      done: false,
    };
    // The host console attaches again on every connection, as the browser's does.
    host.on(
      'connect',
      () => void request(host, 'host:attach', { code: room.code, hostToken: room.hostToken }),
    );
    follow(host, room);
    rooms.push(room);
    return room;
  }

  function addPlayer(room: RoomRun): Player {
    const socket = connectSocket();
    const p: Player = { room, socket, seat: null, answered: new Set(), seated: false };
    socket.on('disconnect', () => (p.seated = false));
    // As the web client (src/client/usePlayerRoom.ts): a rejoin refused for now is tried again by itself.
    const rejoin = async (seat: NonNullable<Player['seat']>): Promise<void> => {
      const r = await request(socket, 'player:rejoin', { code: room.code, ...seat });
      if (r?.ok) {
        counters.rejoins += 1;
        p.seated = true;
        return;
      }
      if (!r) return;
      refuse(`rejoin:${r.error.code}`);
      const wait = rejoinRetryMs(r.error);
      if (wait !== null) setTimeout(() => void (socket.connected && !p.seated && rejoin(seat)), wait);
    };
    socket.on('connect', () => {
      void (async () => {
        if (p.seat) return rejoin(p.seat);
        const r = await request(socket, 'player:join', {
          code: room.code,
          nickname: `s${Math.random().toString(36).slice(2, 8)}`,
        });
        if (r?.ok) {
          p.seat = { playerId: r.data.playerId, rejoinToken: r.data.rejoinToken };
          p.seated = true;
          counters.joins += 1;
        } else if (r) refuse(`join:${r.error.code}`);
      })();
    });
    follow(socket, room);
    players.push(p);
    return p;
  }

  async function answer(p: Player): Promise<void> {
    const q = p.room.question;
    if (!p.seat || !p.seated || p.room.phase !== 'question' || !q || p.answered.has(q.index)) return;
    p.answered.add(q.index);
    const body =
      q.kind === 'choice'
        ? { choiceId: pick(q.choices).id }
        : { text: pick(['kube-proxy', 'dns', 'a cni plugin', 'iptables']) };
    counters.answersSent += 1;
    const r = await request(p.socket, 'player:answer', {
      code: p.room.code,
      questionIndex: q.index,
      ...body,
    });
    if (r?.ok) {
      counters.answersAcked += 1;
      acked.push({ code: p.room.code, playerId: p.seat.playerId, questionIndex: q.index });
    } else if (r) {
      refuse(`answer:${r.error.code}`);
      if (r.error.code !== 'already_answered') p.answered.delete(q.index);
    } else p.answered.delete(q.index); // no ack (the server went down): the player tries again
  }

  function close(p: Player): void {
    p.socket.removeAllListeners();
    p.socket.close();
    players.splice(players.indexOf(p), 1);
  }

  // ---------- the run ----------
  for (const p of procs) await startServer(p);
  for (let i = 0; i < opts.rooms; i++) {
    const room = await newRoom();
    for (let j = 0; j < Math.ceil(opts.players / opts.rooms); j++) addPlayer(room);
  }
  // RSS of each process, every 10 s (null while a process is down).
  const rss: { s: number; mb: (number | null)[] }[] = [];
  const stuck = new Set<string>();
  const stuckAfterMs = (opts.timeLimit + 3) * 1000 + 30_000;
  const restarts: Promise<void>[] = [];
  let nextKill = opts.killEvery > 0 ? started + opts.killEvery * 60_000 : Infinity;
  let nextRss = 0;

  while (Date.now() < endAt) {
    await sleep(250);
    const now = Date.now();
    if (now >= nextRss) {
      rss.push({ s: elapsed(), mb: procs.map(rssMb) });
      nextRss = now + 10_000;
    }
    if (now >= nextKill) {
      nextKill = now + opts.killEvery * 60_000;
      // Processes are killed in turn; with one, always the same. With several, the killed one stays down
      // `downSec`, so the survivors must take its rooms over; the players play on meanwhile.
      const victim = procs[counters.kills % procs.length]!;
      if (isUp(victim)) {
        counters.kills += 1;
        const t0 = Date.now();
        await killServer(victim, 'SIGKILL');
        if (procs.length === 1) {
          await startServer(victim);
          downtimes.push(Date.now() - t0);
          console.log(`[soak ${elapsed()}s] killed and restarted in ${Date.now() - t0} ms`);
          continue;
        }
        console.log(
          `[soak ${elapsed()}s] killed process ${procs.indexOf(victim) + 1}; back in ${opts.downSec} s`,
        );
        restarts.push(
          sleep(opts.downSec * 1000)
            .then(() => startServer(victim))
            .then(() => {
              downtimes.push(Date.now() - t0);
              console.log(
                `[soak ${elapsed()}s] process ${procs.indexOf(victim) + 1} back after ${Date.now() - t0} ms`,
              );
            }),
        );
      }
    }
    for (const room of rooms) {
      if (room.done) continue;
      if (room.phase === 'lobby' && now - room.createdAt > 3000 && room.host.connected) {
        void request(room.host, 'host:start', { code: room.code, hostToken: room.hostToken });
        room.createdAt = now; // try again in 3 s if the start did not take
      }
      if (room.phase !== 'lobby' && now - room.changedAt > stuckAfterMs) stuck.add(room.code);
    }
    // A finished room is replaced; its players leave and as many join the new one.
    for (const room of rooms.filter((r) => r.done && r.host.connected)) {
      room.host.removeAllListeners();
      room.host.close();
      const next = await newRoom();
      for (const p of players.filter((x) => x.room === room)) {
        close(p);
        addPlayer(next);
      }
    }
    for (const p of [...players]) {
      const roll = Math.random();
      if (roll < 0.0015) {
        // Leaves for good; someone new joins the same room.
        counters.leaves += 1;
        const room = p.room;
        close(p);
        if (!room.done) addPlayer(room);
      } else if (roll < 0.004) {
        // Drops (a tunnel, a locked phone) and comes back a moment later with its seat.
        counters.drops += 1;
        p.socket.disconnect();
        setTimeout(() => p.socket.connect(), 500 + Math.random() * 3000);
      } else if (roll < 0.15) void answer(p);
    }
    if (now % 30_000 < 250) {
      console.log(
        `[soak ${elapsed()}s] rss ${procs.map(rssMb).join(' / ')} MB, players ${players.length}, acked ${counters.answersAcked}, kills ${counters.kills}`,
      );
    }
  }

  // ---------- the report ----------
  await Promise.all(restarts);
  for (const room of rooms)
    if (!room.done && room.phase !== 'lobby' && Date.now() - room.changedAt > stuckAfterMs)
      stuck.add(room.code);
  for (const p of [...players]) close(p);
  for (const r of rooms) r.host.close();
  await sleep(500);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const lost: typeof acked = [];
  try {
    const rows = await db.query<{ code: string; playerId: string; questionIndex: number }>(
      ACKNOWLEDGED_ANSWERS_SQL,
      [[...new Set(acked.map((a) => a.code))]],
    );
    const stored = new Set(rows.rows.map((r) => `${r.code}:${r.playerId}:${r.questionIndex}`));
    for (const a of acked) if (!stored.has(`${a.code}:${a.playerId}:${a.questionIndex}`)) lost.push(a);
  } finally {
    await db.end();
  }
  for (const p of procs) await killServer(p, 'SIGTERM');
  await balancer?.close();

  const perProcess = procs.map((_, i) =>
    rss.map((r) => r.mb[i] ?? null).filter((x): x is number => x !== null),
  );
  const report = {
    minutes: opts.minutes,
    players: opts.players,
    rooms: opts.rooms,
    processes: opts.processes,
    kills: counters.kills,
    restartMs: downtimes,
    joins: counters.joins,
    rejoins: counters.rejoins,
    leaves: counters.leaves,
    drops: counters.drops,
    roomsFinished: counters.roomsFinished,
    answersSent: counters.answersSent,
    answersAcked: counters.answersAcked,
    refused: Object.fromEntries(counters.refused),
    lostAcknowledgedAnswers: lost.length,
    lostExamples: lost.slice(0, 5),
    stuckRooms: [...stuck],
    rssMb: perProcess.map((mbs) => ({
      first: mbs[0] ?? null,
      max: Math.max(...mbs),
      last: mbs.at(-1) ?? null,
    })),
    rssSeries: rss,
  };
  console.log('\nsoak report');
  console.log(
    `  ran ${opts.minutes} min, ${opts.players} players in ${opts.rooms} rooms on ${opts.processes} process(es); ${counters.kills} kills (restart ${downtimes.join(', ')} ms)`,
  );
  console.log(
    `  joins ${counters.joins}, rejoins ${counters.rejoins}, leaves ${counters.leaves}, drops ${counters.drops}, rooms finished ${counters.roomsFinished}`,
  );
  console.log(
    `  answers sent ${counters.answersSent}, acknowledged ${counters.answersAcked}, refused ${JSON.stringify(report.refused)}`,
  );
  console.log(`  LOST acknowledged answers: ${lost.length}; stuck rooms: ${stuck.size}`);
  perProcess.forEach((mbs, i) =>
    console.log(
      `  server ${opts.processes > 1 ? `process ${i + 1} ` : ''}RSS (MB) every 10 s: ${mbs.join(' ')}`,
    ),
  );
  if (opts.out) writeFileSync(opts.out, JSON.stringify(report, null, 2));
  process.exitCode = lost.length > 0 || stuck.size > 0 ? 1 : 0;
}

main().then(
  () => process.exit(),
  (e: unknown) => {
    console.error(`soak: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    process.exit(2);
  },
);
