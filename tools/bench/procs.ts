import { spawn, spawnSync, fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { build, stop as stopEsbuild } from 'esbuild';
import pg from 'pg';
import { pathToFileURL } from 'node:url';
import type {
  FromBaseline,
  FromProbe,
  FromWorker,
  ProbeReading,
  ToBaseline,
  ToProbe,
  ToWorker,
} from './messages';

/** Child processes of the bench: the server under test (with the probe), client workers, the ws baseline. */

export const ROOT = process.cwd();
export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Pins a process and all its threads to `cpus` (e.g. '0'); best effort. */
export function pin(pid: number | undefined, cpus: string): void {
  if (!pid) return;
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  if (r.status !== 0) log(`taskset failed for pid ${pid} (is util-linux installed?)`);
}

/** A typed mailbox over an IPC channel: `next(pred, ms)` resolves with the first matching message. */
export class Mailbox<T> {
  private inbox: T[] = [];
  private waiters: { pred: (m: T) => boolean; resolve: (m: T) => void }[] = [];
  exited: string | null = null;
  private exitWaiters: ((why: string) => void)[] = [];

  constructor(
    readonly proc: ChildProcess,
    readonly name: string,
  ) {
    proc.on('message', (m: unknown) => this.push(m as T));
    proc.on('exit', (code, signal) => {
      this.exited = `${name} exited (${signal ?? `code ${code}`})`;
      for (const w of this.exitWaiters) w(this.exited);
      this.exitWaiters = [];
    });
  }

  private push(m: T): void {
    const i = this.waiters.findIndex((w) => w.pred(m));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      w?.resolve(m);
    } else this.inbox.push(m);
  }

  send(m: unknown): void {
    if (this.proc.connected) this.proc.send(m as never);
  }

  next<U extends T>(pred: (m: T) => m is U, timeoutMs: number, what: string): Promise<U>;
  next(pred: (m: T) => boolean, timeoutMs: number, what: string): Promise<T>;
  next(pred: (m: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const i = this.inbox.findIndex(pred);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0] as T);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        pred,
        resolve: (m: T) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(waiter);
      if (this.exited) {
        clearTimeout(timer);
        reject(new Error(`${this.exited} while waiting for ${what}`));
        return;
      }
      this.exitWaiters.push((why) => {
        clearTimeout(timer);
        reject(new Error(`${why} while waiting for ${what}`));
      });
    });
  }

  /** Resolves when the process has exited, killing it after `ms`. */
  async stop(signal: NodeJS.Signals, ms: number): Promise<void> {
    if (this.exited || this.proc.exitCode !== null) return;
    const done = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), ms);
    await done;
    clearTimeout(timer);
  }
}

// ---------- the server under test ----------

export interface ServerHandle {
  url: string;
  port: number;
  box: Mailbox<FromProbe>;
  logFile: string;
  probe(gc?: boolean): Promise<ProbeReading>;
  reset(): Promise<ProbeReading>;
  step(): Promise<ProbeReading>;
  idle(quietMs: number, maxMs: number): Promise<ProbeReading>;
  pause(): Promise<ProbeReading>;
  resume(): Promise<ProbeReading>;
  stop(): Promise<void>;
}

/**
 * Several server processes seen as one: probe readings are combined (memory and CPU summed, event-loop delay
 * the worst of them); broadcast stamps come from the first process, which owns the room (it created it) and so
 * starts every room broadcast.
 */
export function combineServers(list: ServerHandle[]): ServerHandle {
  const first = list[0];
  if (!first) throw new Error('no server');
  if (list.length === 1) return first;
  const all = async (f: (s: ServerHandle) => Promise<ProbeReading>): Promise<ProbeReading> => {
    const rs = await Promise.all(list.map(f));
    const sum = (k: 'rss' | 'heapUsed' | 'external' | 'arrayBuffers' | 'cpuMs') =>
      rs.reduce((n, r) => n + r[k], 0);
    const worst = (k: 'p50' | 'p99' | 'max') => Math.max(...rs.map((r) => r.loop[k]));
    const r0 = rs[0] as ProbeReading;
    return {
      ...r0,
      loop: {
        p50: worst('p50'),
        p99: worst('p99'),
        max: worst('max'),
        mean: rs.reduce((n, r) => n + r.loop.mean, 0) / rs.length,
        count: rs.reduce((n, r) => n + r.loop.count, 0),
      },
      rss: sum('rss'),
      heapUsed: sum('heapUsed'),
      external: sum('external'),
      arrayBuffers: sum('arrayBuffers'),
      cpuMs: sum('cpuMs'),
      elu: Math.max(...rs.map((r) => r.elu)),
      ...(r0.waitedMs !== undefined ? { waitedMs: Math.max(...rs.map((r) => r.waitedMs ?? 0)) } : {}),
    };
  };
  return {
    url: first.url,
    port: first.port,
    box: first.box,
    logFile: list.map((s) => s.logFile).join(', '),
    probe: (gc) => all((s) => s.probe(gc)),
    reset: () => all((s) => s.reset()),
    step: () => all((s) => s.step()),
    idle: (quietMs, maxMs) => all((s) => s.idle(quietMs, maxMs)),
    pause: () => all((s) => s.pause()),
    resume: () => all((s) => s.resume()),
    async stop() {
      await Promise.all(list.map((s) => s.stop()));
    },
  };
}

export function productionBuildState(): 'missing' | 'stale' | 'fresh' {
  if (!existsSync(path.join(ROOT, 'dist/server.js')) || !existsSync(path.join(ROOT, '.next/BUILD_ID')))
    return 'missing';
  return 'fresh';
}

/** `npm run build` when the production build is missing (or when forced); stale builds only get a warning. */
export async function ensureBuild(mode: 'auto' | 'force' | 'never'): Promise<void> {
  const state = productionBuildState();
  const stampFile = path.join(ROOT, 'dist/.stamp');
  let stale = false;
  if (state === 'fresh' && mode !== 'force') {
    try {
      const { sourceStamp } = (await import(
        pathToFileURL(path.join(ROOT, 'tools/scripts/stamp.mjs')).href
      )) as {
        sourceStamp: () => string;
      };
      stale = existsSync(stampFile) && readFileSync(stampFile, 'utf8') !== sourceStamp();
    } catch {
      // The stamp is advisory.
    }
    if (!stale) return;
    if (mode === 'never') {
      log('note: sources changed since the production build (dist/.stamp); measuring the old build (--no-build)');
      return;
    }
  }
  if (mode === 'never')
    throw new Error('no production build (dist/server.js, .next/BUILD_ID) and --no-build was given');
  // Measuring a build older than the sources is a trap: rebuild unless told not to.
  log(
    mode === 'force'
      ? 'building (--rebuild)…'
      : stale
        ? 'sources changed since the production build: rebuilding (node tools/scripts/build.mjs)…'
        : 'no production build yet: running node tools/scripts/build.mjs…',
  );
  const r = spawnSync(process.execPath, ['tools/scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0)
    throw new Error(`the production build failed (exit ${r.status}); try --server bare meanwhile`);
}

/**
 * The bare server bundled the way the production build bundles server.ts (esbuild, npm packages external,
 * source map), so it runs on plain node like dist/server.js and CPU profiles map back to src/. Written under
 * node_modules/.cache so its imports of npm packages resolve.
 */
export async function bundleBareServer(): Promise<string> {
  const out = path.join(ROOT, 'node_modules/.cache/quizroom-bench/bare-server.js');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['tools/bench/bare-server.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    outfile: out,
  });
  await stopEsbuild();
  return out;
}

export interface StartServerOptions {
  kind: 'prod' | 'bare';
  port: number;
  dataDir: string;
  maxPlayers: number;
  logFile: string;
  cpuProfDir: string | null;
  pinCpu: string | null;
  /** Postgres URL of this run's database (unset: the embedded database in dataDir). */
  databaseUrl?: string | undefined;
  /** Redis for several server processes (unset: single-process mode, whatever the bench's own env says). */
  redisUrl?: string | undefined;
}

export async function startServer(o: StartServerOptions): Promise<ServerHandle> {
  const probe = pathToFileURL(path.join(ROOT, 'tools/bench/server-probe.mjs')).href;
  const profiling = o.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir] : [];
  const common = ['--expose-gc', '--import', probe, ...profiling];
  const entry = o.kind === 'prod' ? 'dist/server.js' : await bundleBareServer();
  const args = [...common, '--enable-source-maps', entry];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(o.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAX_PLAYERS_PER_ROOM: String(o.maxPlayers),
    NEXT_TELEMETRY_DISABLED: '1',
    QUIZROOM_BENCH_PROBE: '1',
    // A fresh embedded database per run, never the user's .data/pglite (ignored when DATABASE_URL is set).
    DATA_DIR: o.dataDir,
    DATABASE_URL: o.databaseUrl ?? '',
    REDIS_URL: o.redisUrl ?? '',
    // The bench's thousands of players all come from 127.0.0.1; real phones come from many addresses.
    RATE_LIMIT_JOINS: 'off',
    RATE_LIMIT_LOOKUPS: 'off',
    RATE_LIMIT_UNKNOWN_CODES: 'off',
    RATE_LIMIT_ROOMS: 'off',
  };
  const out = createWriteStream(o.logFile);
  await new Promise<void>((r) => out.once('open', () => r()));
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  proc.stdout?.pipe(out);
  proc.stderr?.pipe(out);
  if (o.pinCpu) pin(proc.pid, o.pinCpu);
  const box = new Mailbox<FromProbe>(proc, 'server');
  const url = `http://127.0.0.1:${o.port}`;

  const started = Date.now();
  for (let attempt = 0; attempt < 600; attempt++) {
    if (box.exited)
      throw new Error(`${box.exited} before it answered; see ${o.logFile}:\n${tail(o.logFile)}`);
    if (Date.now() - started > 180_000) break;
    try {
      const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) {
        let seq = 0;
        const ask = async (m: ToProbe): Promise<ProbeReading> => {
          box.send(m);
          return box.next(
            (x): x is ProbeReading => x.type === 'probe:reading' && x.id === m.id,
            m.type === 'probe:idle' ? m.maxMs + 30_000 : 30_000,
            `probe reading ${m.type}`,
          );
        };
        return {
          url,
          port: o.port,
          box,
          logFile: o.logFile,
          probe: (gc = false) => ask({ type: 'probe:read', id: ++seq, gc }),
          reset: () => ask({ type: 'probe:reset', id: ++seq }),
          step: () => ask({ type: 'probe:step', id: ++seq }),
          idle: (quietMs, maxMs) => ask({ type: 'probe:idle', id: ++seq, quietMs, maxMs }),
          pause: () => ask({ type: 'probe:pause', id: ++seq }),
          resume: () => ask({ type: 'probe:resume', id: ++seq }),
          async stop() {
            await box.stop('SIGTERM', 30_000);
            out.end();
          },
        };
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await box.stop('SIGKILL', 1000);
  throw new Error(
    `the server did not answer /api/health within 180 s; see ${o.logFile}:\n${tail(o.logFile)}`,
  );
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------- client workers ----------

export function forkWorker(
  index: number,
  pinCpu: string | null,
  cpuProfDir: string | null = null,
): Mailbox<FromWorker> {
  const proc = fork(path.join(ROOT, 'tools/bench/worker.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [])],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (pinCpu) pin(proc.pid, pinCpu);
  return new Mailbox<FromWorker>(proc, `worker ${index}`);
}

export type WorkerBox = Mailbox<FromWorker>;
export const sendWorker = (w: WorkerBox, m: ToWorker) => w.send(m);

// ---------- ws baseline server ----------

export async function startBaseline(
  pinCpu: string | null,
): Promise<{ box: Mailbox<FromBaseline>; port: number }> {
  const proc = fork(path.join(ROOT, 'tools/bench/ws-baseline.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BASELINE_PORT: '0' },
  });
  if (pinCpu) pin(proc.pid, pinCpu);
  const box = new Mailbox<FromBaseline>(proc, 'ws baseline');
  const m = await box.next((x) => x.type === 'listening', 30_000, 'the ws baseline to listen');
  return { box, port: m.type === 'listening' ? m.port : 0 };
}

export const sendBaseline = (b: Mailbox<FromBaseline>, m: ToBaseline) => b.send(m);

// ---------- the machine ----------

/**
 * CPU time of the whole machine so far, ms (Linux /proc/stat; null elsewhere): busy (user, nice, system, irq,
 * softirq), total (busy + idle + iowait + steal) and steal (time given to other virtual machines).
 */
/**
 * CPU time (ms) used so far by the database and Redis servers on this machine (processes named postgres or
 * redis-server, from /proc): with Postgres or several processes they are part of the system under test, not
 * noise. Null where /proc is unreadable.
 */
export function serviceCpuMs(): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // exited
      }
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      if (comm !== 'postgres' && comm !== 'redis-server') continue;
      // Fields after the command: state is field 3; utime and stime are fields 14 and 15.
      const f = stat.slice(close + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks * 10; // USER_HZ = 100 on Linux
  } catch {
    return null;
  }
}

export function machineCpu(): { busyMs: number; totalMs: number; stealMs: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    const tick = 10; // USER_HZ = 100 on Linux
    const busy = user + nice + system + irq + softirq;
    return { busyMs: busy * tick, totalMs: (busy + idle + iowait + steal) * tick, stealMs: steal * tick };
  } catch {
    return null;
  }
}

/**
 * Waits (at most `maxSec`) until the machine is quiet: under 15% of its CPU busy in three 2 s samples in a row. Other
 * people's builds and tests on a 2-core machine would otherwise be measured as server latency.
 */
export async function waitQuiet(maxSec: number): Promise<{ quiet: boolean; busyShare: number }> {
  const deadline = Date.now() + maxSec * 1000;
  let share = NaN;
  let quietSamples = 0;
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    const a = machineCpu();
    await sleep(2000);
    const b = machineCpu();
    if (!a || !b) return { quiet: true, busyShare: NaN };
    share = (b.busyMs - a.busyMs) / Math.max(1, b.totalMs - a.totalMs);
    // Three quiet samples in a row (6 s): other people's test runs come in bursts.
    quietSamples = share < 0.15 ? quietSamples + 1 : 0;
    if (quietSamples >= 3) return { quiet: true, busyShare: share };
    if (i % 5 === 0)
      log(`waiting for a quiet machine: ${(share * 100).toFixed(0)}% of the CPU is busy with other work`);
  }
  return { quiet: false, busyShare: share };
}

/**
 * Which code a run measured: the production build's time and whether it matches the sources (dist/.stamp), or
 * the working tree for the bare server; plus the git commit (read-only git commands).
 */
export async function describeBuild(kind: 'prod' | 'bare'): Promise<string> {
  const git = (args: string[]) =>
    spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const changed = git(['status', '--porcelain', '--', 'src', 'prisma']).split('\n').filter(Boolean).length;
  const commit = `commit ${head}${changed > 0 ? ` + ${changed} changed files in src/ or prisma/` : ''}`;
  if (kind === 'bare') return `bare server bundled from the working tree now (${commit})`;
  let fresh = 'unknown';
  try {
    const { sourceStamp } = (await import(pathToFileURL(path.join(ROOT, 'tools/scripts/stamp.mjs')).href)) as {
      sourceStamp: () => string;
    };
    fresh =
      readFileSync(path.join(ROOT, 'dist/.stamp'), 'utf8') === sourceStamp()
        ? 'matches the sources'
        : 'older than the sources';
  } catch {
    // advisory
  }
  const built = statSync(path.join(ROOT, 'dist/server.js')).mtime.toISOString();
  return `dist/server.js built ${built}, ${fresh} (${commit})`;
}

/**
 * With DATABASE_URL set, each run gets a database of its own on that server (created here, dropped after), like
 * the fresh DATA_DIR of the embedded database: the user's data is never touched (the server marks rooms of an
 * earlier process as abandoned at start-up). Falls back to DATABASE_URL itself when creating one is refused.
 */
export async function freshPostgres(
  adminUrl: string,
  // BENCH_DB_PREFIX: a shared Postgres server where each engineer keeps to their own database names.
  prefix = process.env.BENCH_DB_PREFIX ?? 'quizroom_bench',
): Promise<{ url: string; name: string | null; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error('BENCH_DB_PREFIX: lower-case letters, digits and _');
  const name = `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  try {
    await admin(`CREATE DATABASE "${name}"`);
  } catch (e) {
    log(
      `could not create a bench database on DATABASE_URL (${e instanceof Error ? e.message : String(e)}): using it as is`,
    );
    return { url: adminUrl, name: null, drop: async () => undefined };
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined),
  };
}
