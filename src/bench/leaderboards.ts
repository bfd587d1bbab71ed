import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../server/db/client';
import { systemClock } from '../server/realtime/clock';
import { createDeckRepository } from '../server/repositories/decks';
import { createLeaderboardRepository } from '../server/repositories/leaderboards';
import { createGroupRepository, createProfileRepository } from '../server/repositories/profiles';
import { createLeaderboardService } from '../server/services/leaderboards';
import { createGroupService, createProfileService } from '../server/services/profiles';
import { fmtMs, renderTable, summarize } from './stats';

/**
 * Volume benchmark of the cross-session pages [R11.9]: seeds one group with 200 players (profiles), 500 finished
 * games and 100,000 answers into a fresh database with bulk inserts, then times each leaderboard, insights and
 * personal query as the pages call it (the service, so ranking and shaping are included) and prints p50/p95.
 * Exits 1 when a page's p95 is over 200 ms.
 *
 *   npx tsx src/bench/leaderboards.ts [--runs 30]                       # embedded database (PGlite, in memory)
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx src/bench/leaderboards.ts
 *
 * With DATABASE_URL a throwaway database is created on that server and dropped at the end.
 */

const PROFILES = 200;
const GAMES = 500;
const PLAYERS_PER_GAME = 20;
const QUESTIONS_PER_GAME = 10;
const CARDS = 40;
const TOPICS = ['Services', 'DNS', 'Ingress', 'CNI', 'NetworkPolicy', 'kube-proxy', 'Gateway API', 'Load balancing'];
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
const WARMUP = 3;

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

async function freshDatabase(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, label: 'embedded (PGlite, in memory)', drop: async () => undefined };
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
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
  return {
    db,
    label: `Postgres (${u.host}, fresh database ${name})`,
    drop: () => (KEEP ? Promise.resolve(console.log(`Kept database ${name}`)) : run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/** Inserts rows column-wise with one `INSERT ... SELECT FROM unnest(...)` per chunk. */
async function bulkInsert(db: Database, table: string, columns: [name: string, type: string][], rows: unknown[][], chunk = 20_000) {
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
  await db.sql.query(`INSERT INTO "Deck" ("id", "title", "source", "updatedAt") VALUES ($1, $2, 'import', now())`, [deckId, 'Bench: Kubernetes Networking']);
  const cards = Array.from({ length: CARDS }, (_, i) => ({
    id: `${deckId}-c${i}`,
    position: i,
    topic: TOPICS[i % TOPICS.length] as string,
    difficulty: rnd() * 0.5 - 0.25,
  }));
  await bulkInsert(
    db,
    'Card',
    [['id', 'text'], ['deckId', 'text'], ['position', 'int'], ['prompt', 'text'], ['answer', 'text'], ['topic', 'text'], ['data', 'jsonb']],
    cards.map((c) => [c.id, deckId, c.position, `Question ${c.position + 1} about ${c.topic}?`, `The reference answer of card ${c.position + 1}.`, c.topic, '{}']),
  );
  const groupId = 'bench-group';
  await db.sql.query(`INSERT INTO "Group" ("id", "name", "adminTokenHash", "publicBoards") VALUES ($1, 'Bench study group', 'x', true)`, [groupId]);
  const profiles = Array.from({ length: PROFILES }, (_, i) => ({ id: `bench-p${i}`, skill: 0.35 + rnd() * 0.55, speed: 0.6 + rnd() * 0.8 }));
  await bulkInsert(
    db,
    'Profile',
    [['id', 'text'], ['displayName', 'text'], ['recoveryHash', 'text']],
    profiles.map((p, i) => [p.id, `Player ${String(i + 1).padStart(3, '0')}`, `bench-recovery-${i}`]),
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
    rooms.push([roomId, `B${String(g).padStart(5, '0')}`, deckId, 'Bench: Kubernetes Networking', '{}', 'finished', 'x', QUESTIONS_PER_GAME, new Date(startedAt - 60_000), new Date(startedAt), new Date(endedAt), groupId]);
    const asked = [...cards].sort(() => rnd() - 0.5).slice(0, QUESTIONS_PER_GAME);
    // Every 50th game ended during its last question: voided, its answers stored but not counted.
    const skippedIndex = g % 50 === 49 ? QUESTIONS_PER_GAME - 1 : -1;
    asked.forEach((c, qi) => {
      const openedAt = startedAt + qi * 60_000;
      questions.push([roomId, qi, c.id, 'choice', `Question ${c.position + 1} about ${c.topic}?`, new Date(openedAt), new Date(openedAt + TIME_LIMIT_MS), qi === skippedIndex]);
    });
    const seated = [...profiles].sort(() => rnd() - 0.5).slice(0, PLAYERS_PER_GAME);
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
        answers.push([playerId, qi, roomId, c.id, ok ? 'a' : 'b', new Date(openedAt + elapsed), elapsed, ok ? 'correct' : 'incorrect', ok ? 1 : 0, qi === skippedIndex ? 0 : points]);
        if (qi === skippedIndex) return;
        answered += 1;
        if (ok) correct += 1;
        score += points;
      });
      return { playerId, profileId: p.id, score, correct, answered, joinedAt: startedAt - 30_000 + pi };
    });
    results
      .sort((a, b) => b.score - a.score || b.correct - a.correct || a.joinedAt - b.joinedAt)
      .forEach((r, i) => players.push([r.playerId, roomId, `P${r.profileId.slice(7)}`, 'x', new Date(r.joinedAt), r.score, r.correct, r.answered, i + 1, r.profileId]));
  }
  await bulkInsert(
    db,
    'Room',
    [['id', 'text'], ['code', 'text'], ['deckId', 'text'], ['title', 'text'], ['settings', 'jsonb'], ['status', 'text'], ['hostTokenHash', 'text'], ['questionCount', 'int'], ['createdAt', 'timestamp'], ['startedAt', 'timestamp'], ['endedAt', 'timestamp'], ['groupId', 'text']],
    rooms,
  );
  await bulkInsert(
    db,
    'RoomQuestion',
    [['roomId', 'text'], ['index', 'int'], ['cardId', 'text'], ['kind', 'text'], ['prompt', 'text'], ['openedAt', 'timestamp'], ['closedAt', 'timestamp'], ['skipped', 'boolean']],
    questions,
  );
  await bulkInsert(
    db,
    'Player',
    [['id', 'text'], ['roomId', 'text'], ['nickname', 'text'], ['rejoinTokenHash', 'text'], ['joinedAt', 'timestamp'], ['score', 'int'], ['correctCount', 'int'], ['answeredCount', 'int'], ['finalRank', 'int'], ['profileId', 'text']],
    players,
  );
  await bulkInsert(
    db,
    'Answer',
    [['playerId', 'text'], ['questionIndex', 'int'], ['roomId', 'text'], ['cardId', 'text'], ['choiceId', 'text'], ['receivedAt', 'timestamp'], ['elapsedMs', 'int'], ['verdict', 'text'], ['gradeScore', 'float8'], ['points', 'int']],
    answers,
  );
  // An admin-defined season: the last three months.
  await db.sql.query(`INSERT INTO "Season" ("id", "groupId", "name", "startsAt", "endsAt") VALUES ('bench-s1', $1, 'Autumn 2026', $2, $3)`, [
    groupId,
    new Date(Date.UTC(2026, 8, 1)),
    new Date(Date.UTC(2026, 11, 1)),
  ]);
  await db.sql.exec('ANALYZE');
  return { groupId, seasonId: 'bench-s1', month: '2026-10', deckId, profileIds: profiles.map((p) => p.id), answers: answers.length, players: players.length };
}

async function main(): Promise<void> {
  const { db, label, drop } = await freshDatabase();
  let failed = false;
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
    const boards = createLeaderboardService({
      stats: createLeaderboardRepository(db.prisma),
      groups,
      profiles,
      decks: { get: async (id) => deckRepo.get(id) },
      clock: systemClock,
    });

    // The first read after the games computes each result's answer-time total once (normally one game at a
    // time, when its board is first read after it ends); here all 10,000 at once.
    const tf = performance.now();
    const first = await boards.groupBoard(s.groupId, 'all');
    console.log(`First read (fills ${s.players.toLocaleString('en-US')} answer-time totals once): ${fmtMs(performance.now() - tf)} ms; board has ${first.rows.length} players, ${first.games} games`);

    let profileIndex = 0;
    const pages: { name: string; page: string; run: () => Promise<unknown> }[] = [
      { name: 'group board, all time', page: '/groups/[id]', run: () => boards.groupBoard(s.groupId, 'all') },
      { name: `group board, month ${s.month}`, page: '/groups/[id]?season=month:…', run: () => boards.groupBoard(s.groupId, `month:${s.month}`) },
      { name: 'group board, admin season', page: '/groups/[id]?season=season:…', run: () => boards.groupBoard(s.groupId, `season:${s.seasonId}`) },
      { name: 'group insights, all time', page: '/groups/[id]/insights', run: () => boards.insights(s.groupId, 'all') },
      { name: `group insights, month ${s.month}`, page: '/groups/[id]/insights?season=…', run: () => boards.insights(s.groupId, `month:${s.month}`) },
      { name: 'group insights, one deck', page: '/groups/[id]/insights?deck=…', run: () => boards.insights(s.groupId, 'all', s.deckId) },
      {
        name: 'personal page (a different player each run)',
        page: '/me',
        run: () => boards.personal(s.profileIds[profileIndex++ % s.profileIds.length] as string),
      },
      { name: 'deck board (public groups)', page: '/boards/[deckId]', run: () => boards.deckBoard(s.deckId) },
    ];

    const rows: string[][] = [];
    for (const p of pages) {
      for (let i = 0; i < WARMUP; i++) await p.run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await p.run();
        times.push(performance.now() - t);
      }
      const sum = summarize(times);
      const ok = sum.p95 <= BUDGET_MS;
      if (!ok) failed = true;
      rows.push([p.name, p.page, String(sum.n), fmtMs(sum.p50), fmtMs(sum.p95), fmtMs(sum.max), ok ? 'ok' : `OVER ${BUDGET_MS} ms`]);
    }
    console.log('');
    console.log(renderTable(['query', 'page', 'runs', 'p50 ms', 'p95 ms', 'max ms', `budget ${BUDGET_MS} ms`], rows));

    // Exports are downloads, not pages: timed once for information.
    const te = performance.now();
    let exported = 0;
    for await (const batch of boards.groupExportAnswers(s.groupId, 'all')) exported += batch.length;
    console.log(`\nGroup answers export (all time): ${exported.toLocaleString('en-US')} counted answers in ${fmtMs(performance.now() - te)} ms`);
    boards.close();
  } finally {
    await db.close();
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
