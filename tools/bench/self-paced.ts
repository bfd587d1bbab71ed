import { fork } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import type { AssignmentProgress, CreateAssignmentResponse } from '../../src/protocol';
import { loadAnswerPools } from './answers';
import type { BenchOptions } from './options';
import pg from 'pg';
import { describeBuild, freePort, freshPostgres, log, machineCpu, Mailbox, ROOT, startServer, waitQuiet } from './procs';
import { formatProfile, summarizeProfile, type ProfileSummary } from './profile';
import type { FromSelfPacedWorker, SeatPlan, ToSelfPacedWorker } from './self-paced-worker';
import { fmtBytes, fmtMs, renderMarkdownTable, renderTable, summarize, type Summary } from './stats';

/**
 * `npm run bench -- --mode self-paced`: N players each play a self-paced assignment alone, at their own pace, at
 * the same time, on one server process (docs/ASSIGNMENTS.md, docs/PERFORMANCE.md). Targets at 5,000 players:
 * answer ack p99 <= 100 ms (an ack leaves only once the answer is stored), 0 lost answers (every acknowledged
 * answer is in the database, read back through the host's progress), RSS <= 32 KB per player.
 */

export const SELF_PACED_TARGETS = { ackP99Ms: 100, rssPerPlayerBytes: 32 * 1024 } as const;

export interface SelfPacedResult {
  players: number;
  assignments: number;
  questions: number;
  thinkMs: number;
  db: string;
  build: string;
  opened: number;
  openMs: Summary;
  ack: Summary;
  next: Summary;
  answers: number;
  answersPerSec: number;
  lost: number;
  errors: Record<string, number>;
  rssPerPlayer: number;
  rssBefore: number;
  rssAfter: number;
  serverLoop: { p99: number; max: number };
  serverCpuSec: number;
  clientLoopP99: number;
  otherBusyShare: number | null;
  wallSec: number;
  /** Postgres only: transactions committed (single statements included) and rows written during play. */
  dbStats: DbCounts | null;
  /** --cpu-prof: where the server's time went during play. */
  profile: ProfileSummary | null;
}

interface DbCounts {
  commits: number;
  inserted: number;
  updated: number;
}

/** The bench database's counters (pg_stat_database; they lag by up to the stats flush, read after a pause). */
async function dbCounts(url: string, name: string): Promise<DbCounts> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    await c.query('SELECT pg_stat_force_next_flush()').catch(() => undefined);
    const r = await c.query<{ commits: string; inserted: string; updated: string }>(
      `SELECT xact_commit AS commits, tup_inserted AS inserted, tup_updated AS updated FROM pg_stat_database WHERE datname = $1`,
      [name],
    );
    const row = r.rows[0];
    return { commits: Number(row?.commits ?? 0), inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0) };
  } finally {
    await c.end();
  }
}

function forkWorker(i: number): Mailbox<FromSelfPacedWorker> {
  const proc = fork(path.join(ROOT, 'tools/bench/self-paced-worker.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Mailbox<FromSelfPacedWorker>(proc, `self-paced worker ${i}`);
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`POST ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function runOne(o: BenchOptions, players: number): Promise<SelfPacedResult> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'quizroom-bench-sp-'));
  const port = o.port ?? (await freePort());
  const pgDb = process.env.DATABASE_URL ? await freshPostgres(process.env.DATABASE_URL) : null;
  const db = pgDb ? `postgres (${pgDb.name ?? 'DATABASE_URL as given'})` : 'pglite (fresh temp DATA_DIR)';
  log(`self-paced, ${players} players: starting the ${o.server} server on 127.0.0.1:${port} (${db}; data and log in ${tmp})`);
  const build = await describeBuild(o.server);
  const profDir = o.cpuProf ? path.join(tmp, 'profile') : null;
  const server = await startServer({
    kind: o.server,
    port,
    dataDir: path.join(tmp, 'pglite'),
    maxPlayers: Math.max(10_000, players + 10),
    logFile: path.join(tmp, 'server.log'),
    cpuProfDir: profDir,
    pinCpu: null,
    databaseUrl: pgDb?.url,
  });
  const counts = () => (pgDb?.name ? dbCounts(pgDb.url, pgDb.name).catch(() => null) : Promise.resolve(null));
  let result: SelfPacedResult | null = null;
  const workers: Mailbox<FromSelfPacedWorker>[] = [];
  let playWindow: { fromUs: number; toUs: number } | null = null;
  try {
    const count = Math.max(1, Math.ceil(players / o.perAssignment));
    const assignments: CreateAssignmentResponse[] = [];
    for (let i = 0; i < count; i++) {
      assignments.push(
        await post<CreateAssignmentResponse>(`${server.url}/api/assignments`, {
          source: 'cards',
          deckId: BUILTIN_DECK_ID,
          // Different cards per assignment: mixed choice and typed questions, as a host would pick them.
          positions: Array.from({ length: o.questions }, (_, k) => (i * 3 + k) % 22),
          mode: 'mixed',
          deadline: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      );
    }
    log(`created ${count} assignments of ${o.questions} cards`);
    const seats: SeatPlan[] = Array.from({ length: players }, (_, i) => ({
      assignmentId: assignments[i % count]?.id ?? '',
      nickname: `p${i}`,
    }));
    const pools = [...loadAnswerPools().entries()];
    for (let w = 0; w < o.workers; w++) workers.push(forkWorker(w));
    await server.probe(true);
    const before = await server.probe(true);
    const tOpen = Date.now();
    const share = (w: number) => seats.filter((_, i) => i % o.workers === w);
    workers.forEach((w, i) =>
      w.send({ type: 'open', url: server.url, client: o.client, seats: share(i), concurrency: o.connectConcurrency, pools } satisfies ToSelfPacedWorker),
    );
    const opened = await Promise.all(
      workers.map((w) => w.next((m): m is Extract<FromSelfPacedWorker, { type: 'opened' }> => m.type === 'opened', 600_000, 'seats opened')),
    );
    const okCount = opened.reduce((n, m) => n + m.ok, 0);
    log(`${okCount} seats opened in ${((Date.now() - tOpen) / 1000).toFixed(1)} s`);
    const after = await server.probe(true);
    const db0 = await counts();
    const mark0 = await server.reset();
    const cpu0 = machineCpu();
    const tPlay = Date.now();
    workers.forEach((w) => w.send({ type: 'play', thinkMs: o.thinkMs } satisfies ToSelfPacedWorker));
    const played = await Promise.all(
      workers.map((w) =>
        w.next((m): m is Extract<FromSelfPacedWorker, { type: 'played' }> => m.type === 'played', 3_600_000, 'every card played'),
      ),
    );
    const wallSec = (Date.now() - tPlay) / 1000;
    const during = await server.probe();
    const cpu1 = machineCpu();
    // The server's pg_stat counters reach pg_stat_database when its sessions flush them (at least every second).
    await new Promise((r) => setTimeout(r, 1500));
    const db1 = await counts();
    // Every acknowledged answer must be stored: read the stored answers back as each assignment's host.
    const stored = new Map<string, number>();
    for (const a of assignments) {
      const r = await fetch(`${server.url}/api/assignments/${a.id}`, { headers: { authorization: `Bearer ${a.hostToken}` } });
      if (!r.ok) throw new Error(`progress of ${a.id}: ${r.status}`);
      const p = (await r.json()) as AssignmentProgress;
      for (const pl of p.players) stored.set(pl.playerId, pl.answered);
    }
    let lost = 0;
    const errors: Record<string, number> = {};
    for (const m of [...opened, ...played]) for (const [k, v] of Object.entries(m.errors)) errors[k] = (errors[k] ?? 0) + v;
    for (const m of played) {
      for (const [playerId, n] of Object.entries(m.acked)) lost += Math.max(0, n - (stored.get(playerId) ?? 0));
      if (m.unacked > 0) errors.unacked = (errors.unacked ?? 0) + m.unacked;
    }
    const ack = summarize(played.flatMap((m) => m.ackMs));
    const serverCpuSec = during.cpuMs / 1000;
    const busy = cpu0 && cpu1 ? (cpu1.busyMs - cpu0.busyMs) / Math.max(1, cpu1.totalMs - cpu0.totalMs) : null;
    result = {
      players,
      assignments: count,
      questions: o.questions,
      thinkMs: o.thinkMs,
      db,
      build,
      opened: okCount,
      openMs: summarize(opened.flatMap((m) => m.openMs)),
      ack,
      next: summarize(played.flatMap((m) => m.nextMs)),
      answers: ack.n,
      answersPerSec: ack.n / Math.max(0.001, wallSec),
      lost,
      errors,
      rssPerPlayer: (after.rss - before.rss) / Math.max(1, okCount),
      rssBefore: before.rss,
      rssAfter: after.rss,
      serverLoop: { p99: during.loop.p99, max: during.loop.max },
      serverCpuSec,
      clientLoopP99: Math.max(...played.map((m) => m.loopP99Ms)),
      otherBusyShare: busy,
      wallSec,
      dbStats: db0 && db1 ? { commits: db1.commits - db0.commits, inserted: db1.inserted - db0.inserted, updated: db1.updated - db0.updated } : null,
      profile: null,
    };
    playWindow = { fromUs: mark0.hrUs, toUs: during.hrUs };
    return result;
  } finally {
    for (const w of workers) w.send({ type: 'close' } satisfies ToSelfPacedWorker);
    await server.stop();
    await pgDb?.drop();
    if (profDir && result && playWindow) {
      const files = (await readdir(profDir).catch(() => [] as string[])).filter((f) => f.endsWith('.cpuprofile'));
      const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(path.join(profDir, f))).size })));
      const main = sized.sort((a, b) => b.size - a.size)[0];
      if (main) result.profile = summarizeProfile(path.join(profDir, main.f), 30, playWindow);
      else log(`no .cpuprofile in ${profDir}`);
    }
    if (!o.keep && !o.cpuProf) await rm(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISS');

function table(results: SelfPacedResult[], markdown: boolean): string {
  const header = ['metric', 'target', ...results.map((r) => `${r.players.toLocaleString('en')} players`)];
  const at5k = (r: SelfPacedResult) => r.players >= 5000;
  const rows: string[][] = [
    ['assignments x cards; think time', '', ...results.map((r) => `${r.assignments} x ${r.questions}; ${r.thinkMs} ms`)],
    ['seats opened; open p50 / p99, ms', '', ...results.map((r) => `${r.opened}; ${fmtMs(r.openMs.p50)} / ${fmtMs(r.openMs.p99)}`)],
    [
      'answer ack p50 / p95 / p99 / max, ms',
      `p99<=${SELF_PACED_TARGETS.ackP99Ms}`,
      ...results.map(
        (r) =>
          `${fmtMs(r.ack.p50)} / ${fmtMs(r.ack.p95)} / ${fmtMs(r.ack.p99)} / ${fmtMs(r.ack.max)}${at5k(r) ? ` ${verdict(r.ack.p99 <= SELF_PACED_TARGETS.ackP99Ms)}` : ''}`,
      ),
    ],
    ['next card p50 / p99, ms', '', ...results.map((r) => `${fmtMs(r.next.p50)} / ${fmtMs(r.next.p99)}`)],
    ['answers acked; per second', '', ...results.map((r) => `${r.answers}; ${r.answersPerSec.toFixed(0)}`)],
    ['lost answers (acked, not stored)', '0', ...results.map((r) => `${r.lost} ${verdict(r.lost === 0)}`)],
    [
      'server RSS per player; before / after opening',
      '<=32 KB',
      ...results.map(
        (r) =>
          `${fmtBytes(r.rssPerPlayer)}${at5k(r) ? ` ${verdict(r.rssPerPlayer <= SELF_PACED_TARGETS.rssPerPlayerBytes)}` : ''}; ${fmtBytes(r.rssBefore)} / ${fmtBytes(r.rssAfter)}`,
      ),
    ],
    ['server event-loop delay p99 / max, ms', '', ...results.map((r) => `${fmtMs(r.serverLoop.p99)} / ${fmtMs(r.serverLoop.max)}`)],
    ['server CPU s (wall s)', '', ...results.map((r) => `${r.serverCpuSec.toFixed(1)} (${r.wallSec.toFixed(1)})`)],
    ['machine busy during play; client loop p99, ms', '', ...results.map((r) => `${r.otherBusyShare === null ? '?' : `${(r.otherBusyShare * 100).toFixed(0)}%`}; ${fmtMs(r.clientLoopP99)}`)],
    [
      'server CPU ms per answer; DB commits per answer',
      '',
      ...results.map(
        (r) => `${((r.serverCpuSec * 1000) / Math.max(1, r.answers)).toFixed(2)}; ${r.dbStats ? (r.dbStats.commits / Math.max(1, r.answers)).toFixed(2) : '-'}`,
      ),
    ],
    ['errors', '0', ...results.map((r) => (Object.keys(r.errors).length === 0 ? '0' : JSON.stringify(r.errors)))],
  ];
  return markdown ? renderMarkdownTable(header, rows) : renderTable(header, rows);
}

/** Runs each size, prints one table; exit status 1 when an answer was lost or anything failed. */
export async function runSelfPaced(o: BenchOptions): Promise<void> {
  const results: SelfPacedResult[] = [];
  for (const n of o.players) {
    if (o.waitQuietSec > 0) await waitQuiet(o.waitQuietSec);
    results.push(await runOne(o, n));
  }
  const first = results[0];
  if (o.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    process.stdout.write(`\nself-paced assignments · ${first?.db ?? ''} · ${first?.build ?? ''} · ${o.client} clients, ${o.workers} workers\n`);
    process.stdout.write(`${table(results, false)}\n`);
    if (o.markdown) process.stdout.write(`\n${table(results, true)}\n`);
    for (const r of results)
      if (r.profile) process.stdout.write(`\n${formatProfile(r.profile, 30, `server CPU profile during play, ${r.players} players`)}\n`);
  }
  const failed = results.some((r) => r.lost > 0 || Object.keys(r.errors).length > 0 || r.opened < r.players);
  const missed = results.some(
    (r) => r.players >= 5000 && (r.ack.p99 > SELF_PACED_TARGETS.ackP99Ms || r.rssPerPlayer > SELF_PACED_TARGETS.rssPerPlayerBytes),
  );
  if (failed || (o.strict && missed)) process.exitCode = 1;
}
