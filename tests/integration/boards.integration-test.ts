import { beforeAll, describe, expect, it } from 'vitest';
import { answerCounts, countedSql, resultCounts, type AnswerFacts, type ResultFacts } from '../../src/boards/counting';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import type { HostState, PublicState } from '../../src/protocol';
import { useTestServer } from './support';

/**
 * Cross-session boards against the real stack (socket.io games, services, the database: a fresh Postgres
 * database with DATABASE_URL, in-memory PGlite otherwise) [R11]. The first part plays real games over sockets;
 * the second seeds rows directly to pin the aggregate queries' edge cases (ties, seasons, voided questions).
 */

const server = useTestServer();
const { client, createRoom } = server;
const svc = () => server.app.services;

type Plan = 'right' | 'wrong' | 'none';
interface Seat {
  nickname: string;
  profileToken?: string;
  plan: Plan[];
}

/** Plays a whole choice game over sockets; returns the room code and the seats' player ids and rejoin tokens. */
async function playGame(opts: { group?: { id: string; adminToken: string }; seats: Seat[]; positions?: number[] }) {
  const questions = opts.seats[0]?.plan.length ?? 1;
  const room = await createRoom({
    questionCount: questions,
    ...(opts.positions ? { positions: opts.positions } : {}),
    ...(opts.group ? { group: opts.group } : {}),
  });
  const host = await client();
  await host.ok('host:attach', { code: room.code, hostToken: room.hostToken });
  const players = await Promise.all(opts.seats.map(() => client()));
  const joined = [];
  for (const [i, seat] of opts.seats.entries()) {
    joined.push(
      await players[i]!.ok('player:join', {
        code: room.code,
        nickname: seat.nickname,
        ...(seat.profileToken ? { profileToken: seat.profileToken } : {}),
      }),
    );
  }
  const auth = { code: room.code, hostToken: room.hostToken };
  await host.ok('host:start', auth);
  for (let qi = 0; qi < questions; qi++) {
    const hs = await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'question' && s.public.question?.index === qi);
    const q = hs.public.question!;
    const right = hs.correctChoiceId!;
    const wrong = q.choices.find((c) => c.id !== right)!.id;
    for (const [i, seat] of opts.seats.entries()) {
      const plan = seat.plan[qi];
      if (plan === 'none') continue;
      await players[i]!.ok('player:answer', { code: room.code, questionIndex: qi, choiceId: plan === 'right' ? right : wrong });
    }
    if (opts.seats.some((s) => s.plan[qi] === 'none')) await host.ok('host:reveal', auth);
    await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'reveal' && s.public.question?.index === qi);
    await host.ok('host:next', auth);
    if (qi < questions - 1) {
      await host.waitFor<HostState>('host:state', (s) => s.public.phase === 'leaderboard' && s.public.questionNumber === qi + 1);
      await host.ok('host:next', auth);
    }
  }
  await host.waitFor<PublicState>('room:state', (s) => s.phase === 'finished');
  await svc().rooms.live(room.code)!.flushed();
  return { code: room.code, hostToken: room.hostToken, seats: joined.map((j) => ({ playerId: j.playerId, rejoinToken: j.rejoinToken })) };
}

describe('boards from real games', () => {
  let group: { id: string; adminToken: string };
  let alex: { id: string; recoveryCode: string };
  let otherAlex: { id: string; recoveryCode: string };
  let sam: { id: string; recoveryCode: string };
  let first: Awaited<ReturnType<typeof playGame>>;
  let second: Awaited<ReturnType<typeof playGame>>;

  beforeAll(async () => {
    group = await svc().groups.create('Thursday study group');
    alex = await svc().profiles.create('Alex');
    otherAlex = await svc().profiles.create('Alex');
    sam = await svc().profiles.create('Sam');
    first = await playGame({
      group,
      seats: [
        { nickname: 'Alex', profileToken: alex.recoveryCode, plan: ['right', 'right', 'wrong'] },
        { nickname: 'Sam', profileToken: sam.recoveryCode, plan: ['right', 'wrong', 'wrong'] },
        { nickname: 'Guest', plan: ['right', 'wrong', 'none'] },
      ],
    });
    second = await playGame({
      group,
      seats: [
        // The same person under another nickname, and a different person called Alex.
        { nickname: 'Al', profileToken: alex.recoveryCode, plan: ['right', 'right', 'right'] },
        { nickname: 'Alex', profileToken: otherAlex.recoveryCode, plan: ['wrong', 'wrong', 'wrong'] },
        { nickname: 'Sam', plan: ['right', 'right', 'right'] },
      ],
    });
  }, 120_000);

  it('[R11.1][R11.2] one profile is one person across rooms; two players named Alex stay two; guests stay off the board', async () => {
    const board = await svc().boards.groupBoard(group.id, 'all');
    expect(board.games).toBe(2);
    expect(board.guests).toBe(2); // "Guest" in the first game, Sam without his profile in the second
    expect(board.rows.map((r) => [r.displayName, r.games])).toEqual([
      ['Alex', 2],
      ['Sam', 1],
      ['Alex', 1],
    ]);
    const a = board.rows[0]!;
    expect(a.profileId).toBe(alex.id);
    expect(a.correct).toBe(5);
    expect(a.answered).toBe(6);
    expect(a.accuracy).toBeCloseTo(5 / 6);
    expect(a.avgMs).toBeGreaterThanOrEqual(0);
    const stored = await svc().rooms.results(first.code);
    const second_ = await svc().rooms.results(second.code);
    const alexScores = [...stored!.players, ...second_!.players].filter((p) => p.nickname === 'Alex' || p.nickname === 'Al');
    expect(a.points).toBe(
      (stored!.players.find((p) => p.nickname === 'Alex')?.score ?? 0) + (second_!.players.find((p) => p.nickname === 'Al')?.score ?? 0),
    );
    expect(alexScores.length).toBe(3);
  });

  it('[R11.4] movement compares with the board before the latest game; a first game is new', async () => {
    const board = await svc().boards.groupBoard(group.id, 'all');
    const byId = new Map(board.rows.map((r) => [r.profileId, r]));
    expect(byId.get(otherAlex.id)?.movement).toBeNull();
    // Before the second game: Alex 1st, Sam 2nd; now Alex 1st, Sam 2nd.
    expect(byId.get(alex.id)?.movement).toBe(0);
    expect(byId.get(sam.id)?.movement).toBe(0);
  });

  it('[R11.7] the personal page lists both games under one profile, accuracy per game and the missed cards', async () => {
    const page = await svc().personal.page(alex.id);
    expect(page.profile.displayName).toBe('Alex');
    expect(page.games.map((g) => g.code)).toEqual([second.code, first.code]);
    expect(page.games.map((g) => g.nickname)).toEqual(['Al', 'Alex']);
    expect(page.games.map((g) => g.rank)).toEqual([1, 1]);
    expect(page.totals).toMatchObject({ games: 2, correct: 5, answered: 6 });
    expect(page.missed).toHaveLength(1);
    expect(page.missed[0]?.missed).toBe(1);
    expect(page.missed[0]?.answer.length).toBeGreaterThan(0);
    const deck = await svc().decks.get(BUILTIN_DECK_ID);
    expect(page.missed[0]?.prompt).toBe(deck?.cards[2]?.card.prompt);
  });

  it('[R11.7] insights: per card and topic, hardest first, and the weakest cards to practise', async () => {
    const ins = await svc().insights.forGroup(group.id, 'all');
    expect(ins.totals.games).toBe(2);
    // Counted answers: game 1: 3 + 3 + 2, game 2: 3 + 3 + 3.
    expect(ins.totals.answered).toBe(17);
    expect(ins.cards).toHaveLength(3);
    const accs = ins.cards.map((c) => c.accuracy ?? 0);
    expect([...accs].sort((x, y) => x - y)).toEqual(accs);
    // Card 3: 2 right of 5, card 2: 3 of 6, card 1: 5 of 6.
    expect(ins.cards.map((c) => [c.position, c.correct, c.answered])).toEqual([
      [2, 2, 5],
      [1, 3, 6],
      [0, 5, 6],
    ]);
    expect(ins.cards.reduce((n, c) => n + c.answered, 0)).toBe(17);
    expect(ins.topics.reduce((n, t) => n + t.answered, 0)).toBe(17);
    expect(ins.sessions.map((s) => s.code)).toEqual([first.code, second.code]);
    expect(ins.practice?.deckId).toBe(BUILTIN_DECK_ID);
    expect(ins.practice?.positions).toEqual([0, 1, 2]);
  });

  it('[R11.7] "play the cards we miss most" makes a room of those cards that counts for the group', async () => {
    const ins = await svc().insights.forGroup(group.id, 'all');
    const room = await createRoom({
      deckId: ins.practice!.deckId,
      settings: { timeLimitSec: 20 },
      positions: ins.practice!.positions.slice(0, 2),
      group,
    });
    const live = svc().rooms.live(room.code)!;
    expect(live.snapshot.plan).toHaveLength(2);
  });

  it('[R11.8] exports: one row per player, one per answer, and JSON with both', async () => {
    const room = await svc().exports.room(first.code);
    expect(room.players[0]).toMatchObject({ rank: 1, nickname: 'Alex', profileId: alex.id, displayName: 'Alex' });
    expect(new Map(room.players.map((p) => [p.nickname, p.profileId]))).toEqual(
      new Map([
        ['Alex', alex.id],
        ['Sam', sam.id],
        ['Guest', null],
      ]),
    );
    expect(room.answers).toHaveLength(8);
    expect(new Set(room.answers.map((a) => a.room))).toEqual(new Set([first.code]));
    expect(room.answers.every((a) => a.answer.length > 0)).toBe(true); // the chosen option's text

    // The group's answers (the HTTP layer and CSV are covered by the e2e test and tests/unit/boards).
    const batches = [];
    for await (const b of svc().exports.groupAnswers(group.id, 'all')) batches.push(...b);
    expect(batches).toHaveLength(17);
    const alexRows = batches.filter((a) => a.profileId === alex.id);
    expect(new Set(alexRows.map((a) => a.room))).toEqual(new Set([first.code, second.code]));
    const { players } = await svc().exports.groupPlayers(group.id, 'all');
    expect(players[0]).toMatchObject({ rank: 1, profileId: alex.id, games: 2 });
  });

  it('[R11.2] a finished game is added to a profile with the seat\'s rejoin token, once per room', async () => {
    const late = await svc().profiles.create('Guest Person');
    const guestSeat = first.seats[2]!;
    await expect(svc().profiles.claimSeat(late.recoveryCode, { code: first.code, playerId: guestSeat.playerId, rejoinToken: 'x'.repeat(43) })).rejects.toMatchObject({ status: 403 });
    await expect(svc().profiles.claimSeat('not-a-real-code-at-all', { code: first.code, ...guestSeat })).rejects.toMatchObject({ status: 401 });
    const ok = await svc().profiles.claimSeat(late.recoveryCode, { code: first.code, ...guestSeat });
    expect(ok.alreadyLinked).toBe(false);
    expect((await svc().profiles.claimSeat(late.recoveryCode, { code: first.code, ...guestSeat })).alreadyLinked).toBe(true);
    // Someone else's seat stays theirs; a profile cannot take a second seat in the same room.
    await expect(svc().profiles.claimSeat(late.recoveryCode, { code: first.code, ...first.seats[0]! })).rejects.toMatchObject({ status: 409 });
    const board = await svc().boards.groupBoard(group.id, 'all');
    expect(board.rows.some((r) => r.displayName === 'Guest Person')).toBe(true);
    expect(board.guests).toBe(1);
  });

  it('[R11.6] admin actions need the admin token; hiding a player removes them from boards and insights only', async () => {
    await expect(svc().groups.update(group.id, 'wrong-token-wrong-token', { name: 'x' })).rejects.toMatchObject({ status: 403 });
    await expect(svc().groups.hideResults(group.id, null, sam.id)).rejects.toMatchObject({ status: 403 });
    const renamed = await svc().groups.update(group.id, group.adminToken, { name: 'Thursday crew' });
    expect(renamed.name).toBe('Thursday crew');
    const before = await svc().insights.forGroup(group.id, 'all');
    expect(await svc().groups.hideResults(group.id, group.adminToken, sam.id)).toEqual({ hidden: 1 });
    const board = await svc().boards.groupBoard(group.id, 'all');
    expect(board.group.name).toBe('Thursday crew');
    expect(board.rows.some((r) => r.profileId === sam.id)).toBe(false);
    const after = await svc().insights.forGroup(group.id, 'all');
    expect(after.totals.answered).toBe(before.totals.answered - 3);
    // The room's own results keep Sam.
    const room = await svc().rooms.results(first.code);
    expect(room?.players.some((p) => p.nickname === 'Sam')).toBe(true);
  });

  it('[R11.10] watchers hear when a game of the group finishes', async () => {
    let heard = 0;
    const stop = svc().groupUpdates.watch(group.id, () => {
      heard += 1;
    });
    try {
      await new Promise((r) => setTimeout(r, 300)); // a watcher added just before a game ends must hear it too
      await playGame({ group, seats: [{ nickname: 'Solo', profileToken: alex.recoveryCode, plan: ['right'] }] });
      const start = Date.now();
      while (heard === 0 && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 50));
      expect(heard).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });

  it('[R11.6] deleting a group keeps its games and their results', async () => {
    const g = await svc().groups.create('Short-lived');
    const game = await playGame({ group: g, seats: [{ nickname: 'Zed', plan: ['right'] }] });
    await expect(svc().groups.delete(g.id, 'nope-nope-nope-nope')).rejects.toMatchObject({ status: 403 });
    await svc().groups.delete(g.id, g.adminToken);
    expect(await svc().groups.get(g.id)).toBeNull();
    await expect(svc().boards.groupBoard(g.id)).rejects.toMatchObject({ status: 404 });
    expect((await svc().rooms.results(game.code))?.room.status).toBe('finished');
  });
});

// ---------- seeded rows: exact edge cases of the aggregate queries ----------

interface SeedGame {
  endedAt: string;
  /** Per player: profile, score, answers as [verdict, elapsedMs] per question. */
  players: { profile: string | null; score: number; answers: ['correct' | 'incorrect' | 'partial', number][]; removed?: boolean }[];
  skipped?: number[];
  status?: string;
}

let seq = 0;
async function seedGroup(name: string, games: SeedGame[], opts: { publicBoards?: boolean } = {}): Promise<{ id: string; adminToken: string; codes: string[] }> {
  const sql = server.app.db.sql;
  const g = await svc().groups.create(name, opts.publicBoards ?? false);
  const deck = await svc().decks.get(BUILTIN_DECK_ID);
  const cards = deck!.cards;
  const codes: string[] = [];
  for (const game of games) {
    const n = ++seq;
    const roomId = `seed-room-${n}`;
    const uniqueCode = `Z${String(n).padStart(5, '0')}`;
    codes.push(uniqueCode);
    const questions = game.players[0]?.answers.length ?? 0;
    await sql.query(
      `INSERT INTO "Room" ("id", "code", "deckId", "title", "settings", "status", "hostTokenHash", "questionCount", "endedAt", "groupId")
       VALUES ($1, $2, $3, 'Seeded', '{}', $4, 'x', $5, $6, $7)`,
      [roomId, uniqueCode, BUILTIN_DECK_ID, game.status ?? 'finished', questions, new Date(game.endedAt), g.id],
    );
    for (let qi = 0; qi < questions; qi++) {
      await sql.query(
        `INSERT INTO "RoomQuestion" ("roomId", "index", "cardId", "kind", "prompt", "openedAt", "skipped") VALUES ($1, $2, $3, 'text', 'p', now(), $4)`,
        [roomId, qi, cards[qi]!.id, (game.skipped ?? []).includes(qi)],
      );
    }
    for (const [pi, p] of game.players.entries()) {
      const playerId = `${roomId}-p${pi}`;
      const counted = p.answers.filter((_, qi) => !(game.skipped ?? []).includes(qi));
      await sql.query(
        `INSERT INTO "Player" ("id", "roomId", "nickname", "rejoinTokenHash", "joinedAt", "score", "correctCount", "answeredCount", "profileId", "removedAt")
         VALUES ($1, $2, $3, 'x', now(), $4, $5, $6, $7, $8)`,
        [playerId, roomId, `n${pi}`, p.score, counted.filter(([v]) => v === 'correct').length, counted.length, p.profile, p.removed ? new Date() : null],
      );
      for (const [qi, [verdict, ms]] of p.answers.entries()) {
        await sql.query(
          `INSERT INTO "Answer" ("playerId", "questionIndex", "roomId", "cardId", "text", "receivedAt", "elapsedMs", "verdict", "gradeScore", "points")
           VALUES ($1, $2, $3, $4, 't', now(), $5, $6, $7, $8)`,
          [playerId, qi, roomId, cards[qi]!.id, ms, verdict, verdict === 'correct' ? 1 : 0, 0],
        );
      }
    }
  }
  return { ...g, codes };
}

async function seedProfiles(...names: string[]): Promise<string[]> {
  const ids = [];
  for (const n of names) ids.push((await svc().profiles.create(n)).id);
  return ids;
}

describe('aggregate queries on seeded games', () => {
  it('[R11.3] equal points: higher accuracy, then faster average time, then the earlier achievement, then id', async () => {
    const [acc, fast, slow, early, late] = await seedProfiles('Accurate', 'Fast', 'Slow', 'Early', 'Late');
    const g = await seedGroup('Ties', [
      {
        endedAt: '2026-03-01T10:00:00Z',
        players: [
          { profile: acc!, score: 1000, answers: [['correct', 5000], ['correct', 5000]] },
          { profile: fast!, score: 1000, answers: [['correct', 1000], ['incorrect', 1000]] },
          { profile: slow!, score: 1000, answers: [['correct', 9000], ['incorrect', 9000]] },
          { profile: early!, score: 1000, answers: [['correct', 4000], ['incorrect', 4000]] },
        ],
      },
      {
        endedAt: '2026-03-02T10:00:00Z',
        players: [{ profile: late!, score: 1000, answers: [['correct', 4000], ['incorrect', 4000]] }],
      },
    ]);
    const board = await svc().boards.groupBoard(g.id, 'all');
    expect(board.rows.map((r) => r.displayName)).toEqual(['Accurate', 'Fast', 'Early', 'Late', 'Slow']);
    expect(board.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(board.rows.find((r) => r.displayName === 'Fast')?.avgMs).toBe(1000);
  });

  it('[R11.4] movement: places gained since the board before the latest game', async () => {
    const [a, b, c] = await seedProfiles('A', 'B', 'C');
    const g = await seedGroup('Movement', [
      { endedAt: '2026-04-01T10:00:00Z', players: [ { profile: a!, score: 3000, answers: [['correct', 1000]] }, { profile: b!, score: 2000, answers: [['correct', 1000]] }, { profile: c!, score: 1000, answers: [['correct', 1000]] } ] },
      { endedAt: '2026-04-08T10:00:00Z', players: [ { profile: c!, score: 2500, answers: [['correct', 1000]] } ] },
    ]);
    const board = await svc().boards.groupBoard(g.id, 'all');
    expect(board.rows.map((r) => [r.displayName, r.rank, r.movement])).toEqual([
      ['C', 1, 2],
      ['A', 2, -1],
      ['B', 3, -1],
    ]);
  });

  it('[R11.5] seasons: calendar months by default, admin ranges, scope options', async () => {
    const [a, b] = await seedProfiles('March', 'April');
    const g = await seedGroup('Seasons', [
      { endedAt: '2026-03-31T23:59:00Z', players: [{ profile: a!, score: 500, answers: [['correct', 1000]] }] },
      { endedAt: '2026-04-01T00:00:00Z', players: [{ profile: b!, score: 700, answers: [['correct', 1000]] }] },
      { endedAt: '2026-04-15T00:00:00Z', players: [{ profile: a!, score: 100, answers: [['correct', 1000]] }] },
    ]);
    const march = await svc().boards.groupBoard(g.id, 'month:2026-03');
    expect(march.rows.map((r) => r.displayName)).toEqual(['March']);
    expect(march.scope.label).toBe('March 2026');
    const april = await svc().boards.groupBoard(g.id, 'month:2026-04');
    expect(april.rows.map((r) => [r.displayName, r.points])).toEqual([
      ['April', 700],
      ['March', 100],
    ]);
    await expect(svc().groups.addSeason(g.id, g.adminToken, { name: 'Backwards', startsAt: new Date('2026-05-01'), endsAt: new Date('2026-04-01') })).rejects.toMatchObject({ status: 400 });
    const season = await svc().groups.addSeason(g.id, g.adminToken, { name: 'Spring sprint', startsAt: new Date('2026-03-31T12:00:00Z'), endsAt: new Date('2026-04-02T00:00:00Z') });
    const sprint = await svc().boards.groupBoard(g.id, `season:${season.id}`);
    expect(sprint.rows.map((r) => [r.displayName, r.points])).toEqual([
      ['April', 700],
      ['March', 500],
    ]);
    expect(sprint.scopes.map((s) => s.label)).toEqual(['All time', 'Spring sprint', 'April 2026', 'March 2026']);
    await expect(svc().boards.groupBoard(g.id, 'season:nope')).rejects.toMatchObject({ status: 404 });
    await expect(svc().boards.groupBoard(g.id, 'month:2026-13')).rejects.toMatchObject({ status: 400 });
    await svc().groups.deleteSeason(g.id, g.adminToken, season.id);
    expect((await svc().groups.seasons(g.id)).length).toBe(0);
  });

  it('[R11.1] voided questions, removed players and unfinished games do not count', async () => {
    const [a, b] = await seedProfiles('Counted', 'Kicked');
    const g = await seedGroup('What counts', [
      {
        endedAt: '2026-05-01T10:00:00Z',
        skipped: [1],
        players: [
          { profile: a!, score: 900, answers: [['correct', 2000], ['incorrect', 60_000]] },
          { profile: b!, score: 5000, answers: [['correct', 1000], ['correct', 1000]], removed: true },
        ],
      },
      { endedAt: '2026-05-02T10:00:00Z', status: 'abandoned', players: [{ profile: a!, score: 9999, answers: [['correct', 1000]] }] },
    ]);
    const board = await svc().boards.groupBoard(g.id, 'all');
    expect(board.rows.map((r) => [r.displayName, r.points, r.answered, r.avgMs])).toEqual([['Counted', 900, 1, 2000]]);
    const ins = await svc().insights.forGroup(g.id, 'all');
    expect(ins.totals).toMatchObject({ games: 1, answered: 1, correct: 1 });
    const me = await svc().personal.page(a!);
    expect(me.games).toHaveLength(1);
    expect(me.missed).toHaveLength(0);
  });

  it('[R11.1] the SQL counts exactly what the counting rules (src/boards/counting.ts) count', async () => {
    const [a, b] = await seedProfiles('Rule A', 'Rule B');
    const seat = (profile: string | null, removed = false) => ({
      profile,
      score: 100,
      removed,
      answers: [['correct', 1000], ['incorrect', 2000], ['partial', 3000]] as SeedGame['players'][number]['answers'],
    });
    const g = await seedGroup('Rules', [
      { endedAt: '2026-07-01T10:00:00Z', skipped: [1], players: [seat(a!), seat(b!, true), seat(null), seat(null, true)] },
      { endedAt: '2026-07-02T10:00:00Z', status: 'abandoned', players: [seat(a!), seat(null)] },
      { endedAt: '2026-07-03T10:00:00Z', status: 'running', players: [seat(b!)] },
      { endedAt: '2026-07-04T10:00:00Z', skipped: [0, 2], players: [seat(a!), seat(b!)] },
    ]);
    const sql = server.app.db.sql;
    await sql.query(`UPDATE "Player" SET "hiddenFromGroup" = true WHERE "profileId" = $1 AND "roomId" IN (SELECT "id" FROM "Room" WHERE "groupId" = $2)`, [b!, g.id]);
    // A poll has no right answer [R12.7]: its answers count nowhere.
    await sql.query(`UPDATE "RoomQuestion" SET "kind" = 'poll' WHERE "index" = 2 AND "roomId" IN (SELECT "id" FROM "Room" WHERE "groupId" = $1)`, [g.id]);
    const inGroup = `r."groupId" = '${g.id}'`;
    const results = await sql.query<ResultFacts & { id: string }>(
      `SELECT p."id", r."status" AS "roomStatus", p."removedAt" IS NOT NULL AS "removed", p."hiddenFromGroup"
       FROM "Player" p JOIN "Room" r ON r."id" = p."roomId" WHERE ${inGroup}`,
    );
    const answers = await sql.query<AnswerFacts & { id: string }>(
      `SELECT a."playerId" || ':' || a."questionIndex" AS "id", r."status" AS "roomStatus", p."removedAt" IS NOT NULL AS "removed",
              p."hiddenFromGroup", q."skipped" AS "questionSkipped", q."kind" AS "questionKind"
       FROM "Answer" a JOIN "Player" p ON p."id" = a."playerId" JOIN "Room" r ON r."id" = a."roomId"
       JOIN "RoomQuestion" q ON q."roomId" = a."roomId" AND q."index" = a."questionIndex" WHERE ${inGroup}`,
    );
    for (const where of ['group', 'personal'] as const) {
      const sqlResults = await sql.query<{ id: string }>(
        `SELECT p."id" FROM "Player" p JOIN "Room" r ON r."id" = p."roomId"
         WHERE ${inGroup} AND ${countedSql.room('r')} AND ${countedSql.result(where, 'p')}`,
      );
      const counted = results.filter((f) => resultCounts(f, where)).map((f) => f.id).sort();
      expect(sqlResults.map((r) => r.id).sort()).toEqual(counted);
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.length).toBeLessThan(results.length);
      const sqlAnswers = await sql.query<{ id: string }>(
        `SELECT a."playerId" || ':' || a."questionIndex" AS "id" FROM "Answer" a JOIN "Player" p ON p."id" = a."playerId"
         JOIN "Room" r ON r."id" = a."roomId"
         WHERE ${inGroup} AND ${countedSql.room('r')} AND ${countedSql.result(where, 'p')} AND ${countedSql.answer('a')}`,
      );
      const countedAnswers = answers.filter((f) => answerCounts(f, where)).map((f) => f.id).sort();
      expect(sqlAnswers.map((r) => r.id).sort()).toEqual(countedAnswers);
      expect(countedAnswers.length).toBeGreaterThan(0);
      expect(countedAnswers.length).toBeLessThan(answers.length);
    }
  });

  it('[R11.9] the per-room insights cache follows a verdict changed after the game', async () => {
    const [a] = await seedProfiles('Overridden');
    const g = await seedGroup('Cache', [{ endedAt: '2026-06-01T10:00:00Z', players: [{ profile: a!, score: 0, answers: [['incorrect', 3000]] }] }]);
    expect((await svc().insights.forGroup(g.id, 'all')).totals.correct).toBe(0);
    // What the rooms repository writes after a late host override: the answer, then the player's totals.
    const sql = server.app.db.sql;
    await sql.query(`UPDATE "Answer" SET "verdict" = 'correct', "gradeScore" = 1, "points" = 900, "overridden" = true WHERE "roomId" IN (SELECT "id" FROM "Room" WHERE "groupId" = $1)`, [g.id]);
    await sql.query(`UPDATE "Player" SET "score" = 900, "correctCount" = 1 WHERE "roomId" IN (SELECT "id" FROM "Room" WHERE "groupId" = $1)`, [g.id]);
    const after = await svc().insights.forGroup(g.id, 'all');
    expect(after.totals.correct).toBe(1);
    expect(after.cards[0]?.accuracy).toBe(1);
  });

  it('[R11.3] deck boards: each person\'s best game, public groups only', async () => {
    const [pub1, priv] = await seedProfiles('Public best', 'Private');
    await seedGroup(
      'Public meetup',
      [
        { endedAt: '2026-07-01T10:00:00Z', players: [{ profile: pub1!, score: 800, answers: [['correct', 1000]] }] },
        { endedAt: '2026-07-02T10:00:00Z', players: [{ profile: pub1!, score: 1200, answers: [['correct', 1000]] }] },
      ],
      { publicBoards: true },
    );
    await seedGroup('Private team', [{ endedAt: '2026-07-01T10:00:00Z', players: [{ profile: priv!, score: 99_999, answers: [['correct', 1000]] }] }]);
    const board = await svc().boards.deckBoard(BUILTIN_DECK_ID);
    expect(board.rows.filter((r) => r.displayName === 'Public best').map((r) => r.score)).toEqual([1200]);
    expect(board.rows.some((r) => r.displayName === 'Private')).toBe(false);
    expect(board.rows[0]?.groupName).toBe('Public meetup');
  });
});
