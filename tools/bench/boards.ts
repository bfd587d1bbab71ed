import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/client';
import { hashToken } from '../../src/server/ids';
import { createDeckRepository } from '../../src/server/repositories/decks';
import { createBoardStatsRepository } from '../../src/server/repositories/board-stats';
import { createGroupRepository, createProfileRepository } from '../../src/server/repositories/profiles';
import { createBoardService } from '../../src/server/services/boards/boards';
import { createExportService } from '../../src/server/services/boards/exports';
import { createInsightService } from '../../src/server/services/boards/insights';
import { createPersonalService } from '../../src/server/services/boards/personal';
import { createGroupScopes } from '../../src/server/services/boards/scope';
import { createGroupService, createProfileService } from '../../src/server/services/profiles';
import { fmtMs, renderTable, summarize } from './stats';

/**
 * Volume benchmark of the cross-session pages [R11.9]: seeds one group with 200 players (profiles), 500 finished
 * games and 100,000 answers into a fresh database with bulk inserts, then times each leaderboard, insights and
 * personal query as the pages call it (the service, so ranking and shaping are included) and prints p50/p95.
 * Exits 1 when a page's p95 is over 200 ms.
 *
 *   npx tsx tools/bench/boards.ts [--runs 30]                       # embedded database (PGlite, in memory)
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx tools/bench/boards.ts
 *   npx tsx tools/bench/boards.ts --http                            # also the pages over HTTP
 *
 * With DATABASE_URL a throwaway database is created on that server and dropped at the end. `--http` then starts
 * the production server (`npm run build` first) on the seeded database (PGlite: a temporary folder) and times
 * the pages and JSON endpoints as a browser gets them, server rendering included.
 */

const PROFILES = 200;
const GAMES = 500;
const PLAYERS_PER_GAME = 20;
const QUESTIONS_PER_GAME = 10;
const CARDS = 40;
const TOPICS = [
  'Services',
  'DNS',
  'Ingress',
  'CNI',
  'NetworkPolicy',
  'kube-proxy',
  'Gateway API',
  'Load balancing',
];
const BUDGET_MS = 200;
const TIME_LIMIT_MS = 20_000;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const RUNS = arg('runs', 30);
/** Keep the seeded Postgres database (to EXPLAIN queries by hand). */
const KEEP = process.argv.includes('--keep');
const HTTP = process.argv.includes('--http');
const recoveryCode = (i: number) => `bench-recovery-code-${String(i).padStart(4, '0')}`;
const WARMUP = 3;

/** `n` distinct items of `xs`, uniformly (a partial Fisher-Yates shuffle). */
function sample<T>(xs: readonly T[], n: number, rnd: () => number): T[] {
  const a = [...xs];
  for (let i = 0; i < n && i < a.length; i++) {
    const j = i + Math.floor(rnd() * (a.length - i));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, n);
}

/** Deterministic data: the same volume and shape on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Fresh {
  db: Database;
  label: string;
  /** How the production server reaches the same database (`--http`). */
  serverEnv: Record<string, string>;
  drop(): Promise<void>;
}

async function freshDatabase(): Promise<Fresh> {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    if (!HTTP) {
      const db = await openDatabase({ dataDir: 'memory://' });
      return { db, label: 'embedded (PGlite, in memory)', serverEnv: {}, drop: async () => undefined };
    }
    // The server process opens the same folder after the bench closes it.
    const dir = await mkdtemp(path.join(tmpdir(), 'quizroom-bench-'));
    const db = await openDatabase({ dataDir: dir });
    return {
      db,
      label: `embedded (PGlite, ${dir})`,
      serverEnv: { DATA_DIR: dir },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `quizroom_bench_${process.pid}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${name}"`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: '', connectTimeoutMs: 30_000 });
  return {
    db,
    label: `Postgres (${u.host}, fresh database ${name})`,
    serverEnv: { DATABASE_URL: u.toString() },
    drop: () =>
      KEEP
        ? Promise.resolve(console.log(`Kept database ${name}`))
        : run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Inserts rows column-wise with one `INSERT ... SELECT FROM unnest(...)` per chunk. */
async function bulkInsert(
  db: Database,
  table: string,
  columns: [name: string, type: string][],
  rows: unknown[][],
  chunk = 20_000,
) {
  const cols = columns.map(([c]) => `"${c}"`).join(', ');
  const params = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const arrays = columns.map((_, c) => part.map((r) => r[c]));
    await db.sql.query(`INSERT INTO "${table}" (${cols}) SELECT * FROM unnest(${params})`, arrays);
  }
}

interface Seeded {
  groupId: string;
  seasonId: string;
  month: string;
  deckId: string;
  profileIds: string[];
  answers: number;
  players: number;
}

async function seed(db: Database): Promise<Seeded> {
  const rnd = mulberry32(20261126);
  const now = Date.UTC(2026, 10, 26, 18, 0, 0);
  const deckId = 'bench-networking';
  await db.sql.query(
    `INSERT INTO "Deck" ("id", "title", "source", "updatedAt") VALUES ($1, $2, 'import', now())`,
    [deckId, 'Bench: Kubernetes Networking'],
  );
  const cards = Array.from({ length: CARDS }, (_, i) => ({
    id: `${deckId}-c${i}`,
    position: i,
    topic: TOPICS[i % TOPICS.length] as string,
    difficulty: rnd() * 0.5 - 0.25,
  }));
  await bulkInsert(
    db,
    'Card',
    [
      ['id', 'text'],
      ['deckId', 'text'],
      ['position', 'int'],
      ['prompt', 'text'],
      ['answer', 'text'],
      ['topic', 'text'],
      ['data', 'jsonb'],
    ],
    cards.map((c) => [
      c.id,
      deckId,
      c.position,
      `Question ${c.position + 1} about ${c.topic}?`,
      `The reference answer of card ${c.position + 1}.`,
      c.topic,
      '{}',
    ]),
  );
  const groupId = 'bench-group';
  await db.sql.query(
    `INSERT INTO "Group" ("id", "name", "adminTokenHash", "publicBoards") VALUES ($1, 'Bench study group', 'x', true)`,
    [groupId],
  );
  const profiles = Array.from({ length: PROFILES }, (_, i) => ({
    id: `bench-p${i}`,
    skill: 0.35 + rnd() * 0.55,
    speed: 0.6 + rnd() * 0.8,
  }));
  await bulkInsert(
    db,
    'Profile',
    [
      ['id', 'text'],
      ['displayName', 'text'],
      ['recoveryHash', 'text'],
    ],
    profiles.map((p, i) => [p.id, `Player ${String(i + 1).padStart(3, '0')}`, hashToken(recoveryCode(i))]),
  );

  const rooms: unknown[][] = [];
  const questions: unknown[][] = [];
  const players: unknown[][] = [];
  const answers: unknown[][] = [];
  // Games spread over the 12 months before `now`, one every ~17.5 hours.
  const span = 365 * 24 * 3600 * 1000;
  for (let g = 0; g < GAMES; g++) {
    const roomId = `bench-r${g}`;
    const endedAt = now - span + Math.round(((g + 1) / GAMES) * span);
    const startedAt = endedAt - 15 * 60_000;
    rooms.push([
      roomId,
      `B${String(g).padStart(5, '0')}`,
      deckId,
      'Bench: Kubernetes Networking',
      '{}',
      'finished',
      'x',
      QUESTIONS_PER_GAME,
      new Date(startedAt - 60_000),
      new Date(startedAt),
      new Date(endedAt),
      groupId,
    ]);
    const asked = sample(cards, QUESTIONS_PER_GAME, rnd);
    // Every 50th game ended during its last question: voided, its answers stored but not counted.
    const skippedIndex = g % 50 === 49 ? QUESTIONS_PER_GAME - 1 : -1;
    asked.forEach((c, qi) => {
      const openedAt = startedAt + qi * 60_000;
      questions.push([
        roomId,
        qi,
        c.id,
        'choice',
        `Question ${c.position + 1} about ${c.topic}?`,
        new Date(openedAt),
        new Date(openedAt + TIME_LIMIT_MS),
        qi === skippedIndex,
      ]);
    });
    const seated = sample(profiles, PLAYERS_PER_GAME, rnd);
    const results = seated.map((p, pi) => {
      const playerId = `bench-r${g}-p${pi}`;
      let score = 0;
      let correct = 0;
      let answered = 0;
      asked.forEach((c, qi) => {
        const elapsed = Math.min(TIME_LIMIT_MS, Math.round((1500 + rnd() * 12_000) * p.speed));
        const ok = rnd() < Math.min(0.97, Math.max(0.03, p.skill - c.difficulty));
        const points = ok ? Math.round(1000 - (500 * elapsed) / TIME_LIMIT_MS) : 0;
        const openedAt = startedAt + qi * 60_000;
        answers.push([
          playerId,
          qi,
          roomId,
          c.id,
          ok ? 'a' : 'b',
          new Date(openedAt + elapsed),
          elapsed,
          ok ? 'correct' : 'incorrect',
          ok ? 1 : 0,
          qi === skippedIndex ? 0 : points,
        ]);
        if (qi === skippedIndex) return;
        answered += 1;
        if (ok) correct += 1;
        score += points;
      });
      return { playerId, profileId: p.id, score, correct, answered, joinedAt: startedAt - 30_000 + pi };
    });
    results
      .sort((a, b) => b.score - a.score || b.correct - a.correct || a.joinedAt - b.joinedAt)
      .forEach((r, i) =>
        players.push([
          r.playerId,
          roomId,
          `P${r.profileId.slice(7)}`,
          'x',
          new Date(r.joinedAt),
          r.score,
          r.correct,
          r.answered,
          i + 1,
          r.profileId,
        ]),
      );
  }
  await bulkInsert(
    db,
    'Room',
    [
      ['id', 'text'],
      ['code', 'text'],
      ['deckId', 'text'],
      ['title', 'text'],
      ['settings', 'jsonb'],
      ['status', 'text'],
      ['hostTokenHash', 'text'],
      ['questionCount', 'int'],
      ['createdAt', 'timestamp'],
      ['startedAt', 'timestamp'],
      ['endedAt', 'timestamp'],
      ['groupId', 'text'],
    ],
    rooms,
  );
  await bulkInsert(
    db,
    'RoomQuestion',
    [
      ['roomId', 'text'],
      ['index', 'int'],
      ['cardId', 'text'],
      ['kind', 'text'],
      ['prompt', 'text'],
      ['openedAt', 'timestamp'],
      ['closedAt', 'timestamp'],
      ['skipped', 'boolean'],
    ],
    questions,
  );
  await bulkInsert(
    db,
    'Player',
    [
      ['id', 'text'],
      ['roomId', 'text'],
      ['nickname', 'text'],
      ['rejoinTokenHash', 'text'],
      ['joinedAt', 'timestamp'],
      ['score', 'int'],
      ['correctCount', 'int'],
      ['answeredCount', 'int'],
      ['finalRank', 'int'],
      ['profileId', 'text'],
    ],
    players,
  );
  await bulkInsert(
    db,
    'Answer',
    [
      ['playerId', 'text'],
      ['questionIndex', 'int'],
      ['roomId', 'text'],
      ['cardId', 'text'],
      ['choiceId', 'text'],
      ['receivedAt', 'timestamp'],
      ['elapsedMs', 'int'],
      ['verdict', 'text'],
      ['gradeScore', 'float8'],
      ['points', 'int'],
    ],
    answers,
  );
  // An admin-defined season: the last three months.
  await db.sql.query(
    `INSERT INTO "Season" ("id", "groupId", "name", "startsAt", "endsAt") VALUES ('bench-s1', $1, 'Autumn 2026', $2, $3)`,
    [groupId, new Date(Date.UTC(2026, 8, 1)), new Date(Date.UTC(2026, 11, 1))],
  );
  await db.sql.exec('ANALYZE');
  return {
    groupId,
    seasonId: 'bench-s1',
    month: '2026-10',
    deckId,
    profileIds: profiles.map((p) => p.id),
    answers: answers.length,
    players: players.length,
  };
}

/** Times `run` (after warm-up runs): one row of the report, and whether its p95 is within budget. */
async function timeIt(
  name: string,
  page: string,
  run: () => Promise<unknown>,
): Promise<{ row: string[]; ok: boolean }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  const sum = summarize(times);
  const ok = sum.p95 <= BUDGET_MS;
  return {
    row: [
      name,
      page,
      String(sum.n),
      fmtMs(sum.p50),
      fmtMs(sum.p95),
      fmtMs(sum.max),
      ok ? 'ok' : `OVER ${BUDGET_MS} ms`,
    ],
    ok,
  };
}

const HEADER = ['query', 'page', 'runs', 'p50 ms', 'p95 ms', 'max ms', `budget ${BUDGET_MS} ms`];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the production server on the seeded database and times the pages over HTTP. */
async function httpPhase(fresh: Fresh, s: Seeded): Promise<boolean> {
  if (!existsSync('dist/server.js') || !existsSync('.next/BUILD_ID')) {
    console.error('\n--http needs the production build: run `npm run build` first.');
    return false;
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['dist/server.js'], {
    env: {
      ...process.env,
      ...fresh.serverEnv,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const start = Date.now();
    for (;;) {
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() - start > 60_000 || child.exitCode !== null) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const get =
      (url: string, headers: Record<string, string> = {}) =>
      async () => {
        const res = await fetch(`${base}${url}`, { headers });
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        await res.arrayBuffer();
      };
    let i = 0;
    const me = () => get('/api/profiles/me', { authorization: `Bearer ${recoveryCode(i++ % PROFILES)}` })();
    const g = encodeURIComponent(s.groupId);
    const pages: [string, string, () => Promise<unknown>][] = [
      ['leaderboard page (HTML, top 50 rows)', `/groups/${g}`, get(`/groups/${g}`)],
      ['leaderboard page, all rows (HTML)', `/groups/${g}?all=1`, get(`/groups/${g}?all=1`)],
      [
        'leaderboard page, a month (HTML)',
        `/groups/${g}?season=month:${s.month}`,
        get(`/groups/${g}?season=month:${s.month}`),
      ],
      ['insights page (HTML)', `/groups/${g}/insights`, get(`/groups/${g}/insights`)],
      ['deck board page (HTML)', `/boards/${s.deckId}`, get(`/boards/${s.deckId}`)],
      ['leaderboard JSON', `/api/groups/${g}/leaderboard`, get(`/api/groups/${g}/leaderboard`)],
      ['insights JSON', `/api/groups/${g}/insights`, get(`/api/groups/${g}/insights`)],
      ['personal page JSON (a different player each run)', '/api/profiles/me', me],
    ];
    const rows: string[][] = [];
    let ok = true;
    for (const [name, page, run] of pages) {
      const r = await timeIt(name, page, run);
      rows.push(r.row);
      ok &&= r.ok;
    }
    console.log(`\nOver HTTP (production server, ${base}):\n`);
    console.log(renderTable(HEADER, rows));
    return ok;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main(): Promise<void> {
  const fresh = await freshDatabase();
  const { db, label, drop } = fresh;
  let failed = false;
  let dbOpen = true;
  try {
    await migrateDatabase(db);
    const t0 = performance.now();
    const s = await seed(db);
    const seedMs = performance.now() - t0;
    console.log(`Database: ${label}`);
    console.log(
      `Seeded 1 group, ${PROFILES} players (profiles), ${GAMES} games, ${s.players.toLocaleString('en-US')} results, ` +
        `${s.answers.toLocaleString('en-US')} answers in ${(seedMs / 1000).toFixed(1)} s (bulk inserts)`,
    );

    const groups = createGroupService(createGroupRepository(db.prisma));
    const profiles = createProfileService(createProfileRepository(db.prisma));
    const deckRepo = createDeckRepository(db.prisma);
    const stats = createBoardStatsRepository(db.prisma);
    const scopes = createGroupScopes({ groups, stats });
    const boards = createBoardService({ stats, decks: { get: async (id) => deckRepo.get(id) }, scopes });
    const insights = createInsightService({ stats, scopes });
    const personal = createPersonalService({ stats, profiles });
    const exports = createExportService({ stats, boards, scopes });

    // The first reads after the games compute each result's answer-time total and each game's per-card totals
    // once (normally one game at a time, when a page is first read after it ends); here all 500 games at once.
    const tf = performance.now();
    const first = await boards.groupBoard(s.groupId, 'all');
    const boardFill = performance.now() - tf;
    const ti = performance.now();
    await insights.forGroup(s.groupId, 'all');
    const insightsFill = performance.now() - ti;
    console.log(
      `One-time work on first read: answer-time totals of ${s.players.toLocaleString('en-US')} results ${fmtMs(boardFill)} ms; ` +
        `per-card totals of ${GAMES} games ${fmtMs(insightsFill)} ms (board: ${first.rows.length} players, ${first.games} games)`,
    );

    let profileIndex = 0;
    const pages: { name: string; page: string; run: () => Promise<unknown> }[] = [
      { name: 'group board, all time', page: '/groups/[id]', run: () => boards.groupBoard(s.groupId, 'all') },
      {
        name: `group board, month ${s.month}`,
        page: '/groups/[id]?season=month:…',
        run: () => boards.groupBoard(s.groupId, `month:${s.month}`),
      },
      {
        name: 'group board, admin season',
        page: '/groups/[id]?season=season:…',
        run: () => boards.groupBoard(s.groupId, `season:${s.seasonId}`),
      },
      {
        name: 'group insights, all time',
        page: '/groups/[id]/insights',
        run: () => insights.forGroup(s.groupId, 'all'),
      },
      {
        name: `group insights, month ${s.month}`,
        page: '/groups/[id]/insights?season=…',
        run: () => insights.forGroup(s.groupId, `month:${s.month}`),
      },
      {
        name: 'group insights, one deck',
        page: '/groups/[id]/insights?deck=…',
        run: () => insights.forGroup(s.groupId, 'all', s.deckId),
      },
      {
        name: 'personal page (a different player each run)',
        page: '/me',
        run: () => personal.page(s.profileIds[profileIndex++ % s.profileIds.length] as string),
      },
      { name: 'deck board (public groups)', page: '/boards/[deckId]', run: () => boards.deckBoard(s.deckId) },
    ];

    const rows: string[][] = [];
    for (const p of pages) {
      const r = await timeIt(p.name, p.page, p.run);
      rows.push(r.row);
      if (!r.ok) failed = true;
    }
    console.log('\nService calls (what each page awaits; ranking and shaping included):\n');
    console.log(renderTable(HEADER, rows));

    // Exports are downloads, not pages: timed once for information.
    const te = performance.now();
    let exported = 0;
    for await (const batch of exports.groupAnswers(s.groupId, 'all')) exported += batch.length;
    console.log(
      `\nGroup answers export (all time): ${exported.toLocaleString('en-US')} counted answers in ${fmtMs(performance.now() - te)} ms`,
    );
    if (HTTP) {
      await db.close();
      dbOpen = false;
      if (!(await httpPhase(fresh, s))) failed = true;
    }
  } finally {
    if (dbOpen) await db.close();
    await drop();
  }
  if (failed) {
    console.error(`\nA p95 is over the ${BUDGET_MS} ms budget.`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
