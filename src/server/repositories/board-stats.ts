import { countedSql } from '../../boards/counting';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';

/**
 * Aggregate reads for cross-game group boards, insights, personal pages and exports [R11]. Every figure is one
 * SQL aggregate (GROUP BY / FILTER / window functions) over indexed joins: Room(groupId, endedAt) -> Player(roomId)
 * -> Answer(roomId, ...), Player(profileId), Answer's primary key (playerId, ...) and Room(deckId). No rules
 * here: what counts [R11.1] is src/boards/counting.ts, whose conditions the queries splice in; ranking, scopes and
 * shaping live in the services (src/server/services/boards/).
 */

export interface Range {
  from: Date;
  to: Date;
}

export interface StandingRow {
  profileId: string;
  displayName: string;
  games: number;
  points: number;
  correct: number;
  answered: number;
  answerMs: number;
  lastAt: Date;
  /** The same totals without the scope's latest game (for rank movement). */
  prevGames: number;
  prevPoints: number;
  prevCorrect: number;
  prevAnswered: number;
  prevAnswerMs: number;
  prevLastAt: Date | null;
  /** Results whose answer-time total is not computed yet. */
  unfilled: number;
}

export interface ScopeSummaryRow {
  games: number;
  lastAt: Date | null;
  guests: number;
}

export interface SessionRow {
  roomId: string;
  code: string;
  title: string;
  deckId: string;
  endedAt: Date;
  players: number;
  correct: number;
  answered: number;
  /** The cached per-card totals are missing or out of date. */
  stale: boolean;
  /** A self-paced assignment (docs/ASSIGNMENTS.md), not a live game. */
  selfPaced: boolean;
}

export interface CardStatRow {
  cardId: string;
  deckId: string;
  deckTitle: string;
  position: number;
  prompt: string;
  answer: string;
  topic: string | null;
  answered: number;
  correct: number;
  partial: number;
  answerMs: number;
  sessions: number;
}

export interface DeckPlayedRow {
  deckId: string;
  title: string;
  games: number;
}

export interface ProfileGameRow {
  playerId: string;
  code: string;
  title: string;
  deckId: string;
  endedAt: Date;
  nickname: string;
  score: number;
  finalRank: number | null;
  playerCount: number;
  correct: number;
  answered: number;
  answerMs: number | null;
  groupName: string | null;
}

export interface MissedCardRow {
  cardId: string;
  deckTitle: string;
  prompt: string;
  answer: string;
  topic: string | null;
  answered: number;
  missed: number;
  lastMissedAt: Date | null;
}

export interface DeckBoardRow {
  profileId: string;
  displayName: string;
  groupName: string;
  code: string;
  endedAt: Date;
  score: number;
  correct: number;
  answered: number;
  answerMs: number;
}

export interface ExportPlayerRow {
  playerId: string;
  nickname: string;
  profileId: string | null;
  displayName: string | null;
  score: number;
  correct: number;
  answered: number;
  answerMs: number;
  finalRank: number | null;
  removed: boolean;
}

export interface ExportAnswerRow {
  code: string;
  endedAt: Date | null;
  questionIndex: number;
  kind: string;
  cardId: string;
  topic: string | null;
  prompt: string;
  playerId: string;
  nickname: string;
  profileId: string | null;
  displayName: string | null;
  choiceId: string | null;
  choiceText: string | null;
  text: string | null;
  verdict: string;
  gradeScore: number;
  points: number;
  elapsedMs: number;
  overridden: boolean;
  skipped: boolean;
  receivedAt: Date;
}

export interface RoomRefRow {
  id: string;
  code: string;
  title: string;
  deckId: string;
  status: string;
  groupId: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

/** A group's finished games in a range (optionally of one deck), as a CTE. */
function gamesCte(groupId: string, range: Range, deckId?: string | null): Prisma.Sql {
  return Prisma.sql`games AS (
    SELECT r."id", r."code", r."title", r."deckId", r."endedAt" FROM "Room" r
    WHERE r."groupId" = ${groupId} AND ${FINISHED}
      AND r."endedAt" >= ${range.from} AND r."endedAt" < ${range.to}
      ${deckId ? Prisma.sql`AND r."deckId" = ${deckId}` : Prisma.empty}
  )`;
}

// The counting rules (src/boards/counting.ts) as SQL: constant text, spliced in raw.
/** A finished room (alias r). */
const FINISHED = Prisma.raw(countedSql.room('r'));
/** A counted result in a group's figures (alias p). */
const COUNTED = Prisma.raw(countedSql.result('group'));
/** A counted result on the person's own page (alias p). */
const COUNTED_PERSONAL = Prisma.raw(countedSql.result('personal'));
/** A counted answer (alias a). */
const NOT_SKIPPED = Prisma.raw(countedSql.answer('a'));

export function createBoardStatsRepository(prisma: PrismaClient) {
  return {
    /** The calendar months (UTC, `YYYY-MM`) in which the group finished games, newest first. */
    async groupMonths(groupId: string): Promise<string[]> {
      const rows = await prisma.$queryRaw<{ month: string }[]>`
        SELECT DISTINCT to_char(date_trunc('month', r."endedAt"), 'YYYY-MM') AS "month" FROM "Room" r
        WHERE r."groupId" = ${groupId} AND ${FINISHED} AND r."endedAt" IS NOT NULL
        ORDER BY 1 DESC`;
      return rows.map((r) => r.month);
    },

    /** Totals per profile in the range, with and without the latest game, in one pass. */
    async groupStandings(groupId: string, range: Range): Promise<StandingRow[]> {
      return prisma.$queryRaw<StandingRow[]>`
        WITH ${gamesCte(groupId, range)},
        latest AS (SELECT g."id" FROM games g ORDER BY g."endedAt" DESC, g."id" DESC LIMIT 1),
        results AS (
          SELECT p."profileId", p."score", p."correctCount", p."answeredCount", p."answerMs", g."endedAt",
                 g."id" = (SELECT l."id" FROM latest l) AS "isLatest"
          FROM games g JOIN "Player" p ON p."roomId" = g."id"
          WHERE p."profileId" IS NOT NULL AND ${COUNTED}
        ),
        totals AS (
          SELECT "profileId",
            COUNT(*)::int AS "games",
            SUM("score")::float8 AS "points",
            SUM("correctCount")::int AS "correct",
            SUM("answeredCount")::int AS "answered",
            COALESCE(SUM("answerMs"), 0)::float8 AS "answerMs",
            MAX("endedAt") AS "lastAt",
            COUNT(*) FILTER (WHERE NOT "isLatest")::int AS "prevGames",
            COALESCE(SUM("score") FILTER (WHERE NOT "isLatest"), 0)::float8 AS "prevPoints",
            COALESCE(SUM("correctCount") FILTER (WHERE NOT "isLatest"), 0)::int AS "prevCorrect",
            COALESCE(SUM("answeredCount") FILTER (WHERE NOT "isLatest"), 0)::int AS "prevAnswered",
            COALESCE(SUM("answerMs") FILTER (WHERE NOT "isLatest"), 0)::float8 AS "prevAnswerMs",
            MAX("endedAt") FILTER (WHERE NOT "isLatest") AS "prevLastAt",
            COUNT(*) FILTER (WHERE "answerMs" IS NULL)::int AS "unfilled"
          FROM results GROUP BY "profileId"
        )
        SELECT t.*, pr."displayName" FROM totals t JOIN "Profile" pr ON pr."id" = t."profileId"`;
    },

    async scopeSummary(groupId: string, range: Range): Promise<ScopeSummaryRow> {
      const rows = await prisma.$queryRaw<ScopeSummaryRow[]>`
        WITH ${gamesCte(groupId, range)}
        SELECT (SELECT COUNT(*)::int FROM games) AS "games",
               (SELECT MAX(g."endedAt") FROM games g) AS "lastAt",
               (SELECT COUNT(*)::int FROM games g JOIN "Player" p ON p."roomId" = g."id"
                 WHERE p."profileId" IS NULL AND ${COUNTED}) AS "guests"`;
      return rows[0] ?? { games: 0, lastAt: null, guests: 0 };
    },

    /**
     * Computes the answer-time totals of finished games' players that lack one (once per player; answer times
     * never change after a game). Scoped to a group, a profile or a deck's public games.
     */
    async fillAnswerMs(scope: { groupId: string } | { profileId: string } | { deckId: string }): Promise<number> {
      const players =
        'groupId' in scope
          ? Prisma.sql`p."roomId" IN (SELECT r."id" FROM "Room" r WHERE r."groupId" = ${scope.groupId} AND ${FINISHED})`
          : 'profileId' in scope
            ? Prisma.sql`p."profileId" = ${scope.profileId} AND p."roomId" IN (SELECT r."id" FROM "Room" r WHERE ${FINISHED})`
            : Prisma.sql`p."roomId" IN (SELECT r."id" FROM "Room" r WHERE r."deckId" = ${scope.deckId} AND ${FINISHED})`;
      return prisma.$executeRaw`
        UPDATE "Player" AS p SET "answerMs" = COALESCE((
          SELECT SUM(a."elapsedMs") FROM "Answer" a WHERE a."playerId" = p."id" AND ${NOT_SKIPPED}), 0)
        WHERE p."answerMs" IS NULL AND ${players}`;
    },

    /**
     * Per finished game of the scope: its counted players' totals (guests included), and whether the cached
     * RoomStat / RoomCardStat rows still match them [R11.9]. Oldest first.
     */
    async groupRoomTotals(groupId: string, range: Range): Promise<SessionRow[]> {
      return prisma.$queryRaw<SessionRow[]>`
        WITH ${gamesCte(groupId, range)},
        live AS (
          SELECT g."id", COUNT(p."id")::int AS "players",
                 COALESCE(SUM(p."answeredCount"), 0)::int AS "answered",
                 COALESCE(SUM(p."correctCount"), 0)::int AS "correct",
                 COALESCE(SUM(p."score"), 0)::float8 AS "points"
          FROM games g LEFT JOIN "Player" p ON p."roomId" = g."id" AND ${COUNTED}
          GROUP BY g."id"
        )
        SELECT g."id" AS "roomId", g."code", g."title", g."deckId", g."endedAt", l."players", l."answered", l."correct",
               (s."roomId" IS NULL OR s."answered" <> l."answered" OR s."correct" <> l."correct" OR s."points" <> l."points") AS "stale",
               EXISTS (SELECT 1 FROM "Assignment" x WHERE x."roomId" = g."id") AS "selfPaced"
        FROM games g JOIN live l ON l."id" = g."id" LEFT JOIN "RoomStat" s ON s."roomId" = g."id"
        ORDER BY g."endedAt" ASC, g."id" ASC`;
    },

    /**
     * Recomputes the cached per-room and per-card totals of finished rooms from their Answer rows (one
     * aggregate per table). Idempotent: concurrent refreshes of a room write the same rows.
     */
    async refreshRoomStats(roomIds: string[]): Promise<void> {
      if (roomIds.length === 0) return;
      const ids = Prisma.join(roomIds);
      const counted = Prisma.sql`
        FROM "Answer" a JOIN "Player" p ON p."id" = a."playerId"
        WHERE a."roomId" IN (${ids}) AND ${COUNTED} AND ${NOT_SKIPPED}`;
      await prisma.$transaction([
        prisma.$executeRaw`DELETE FROM "RoomCardStat" WHERE "roomId" IN (${ids})`,
        prisma.$executeRaw`
          INSERT INTO "RoomCardStat" ("roomId", "cardId", "answered", "correct", "partial", "answerMs")
          SELECT a."roomId", a."cardId", COUNT(*)::int, COUNT(*) FILTER (WHERE a."verdict" = 'correct')::int,
                 COUNT(*) FILTER (WHERE a."verdict" = 'partial')::int, SUM(a."elapsedMs")::float8
          ${counted}
          GROUP BY a."roomId", a."cardId"
          ON CONFLICT ("roomId", "cardId") DO UPDATE SET "answered" = EXCLUDED."answered", "correct" = EXCLUDED."correct",
            "partial" = EXCLUDED."partial", "answerMs" = EXCLUDED."answerMs"`,
        prisma.$executeRaw`
          INSERT INTO "RoomStat" ("roomId", "answered", "correct", "points", "computedAt")
          SELECT r."id", COALESCE(t."answered", 0), COALESCE(t."correct", 0), COALESCE(t."points", 0), now()
          FROM "Room" r LEFT JOIN (
            SELECT a."roomId", COUNT(*)::int AS "answered", COUNT(*) FILTER (WHERE a."verdict" = 'correct')::int AS "correct",
                   SUM(a."points")::float8 AS "points"
            ${counted}
            GROUP BY a."roomId"
          ) t ON t."roomId" = r."id"
          WHERE r."id" IN (${ids})
          ON CONFLICT ("roomId") DO UPDATE SET "answered" = EXCLUDED."answered", "correct" = EXCLUDED."correct",
            "points" = EXCLUDED."points", "computedAt" = EXCLUDED."computedAt"`,
      ]);
    },

    /** Per card: the group's counted answers in the scope, summed from the per-room cache. */
    async groupCardStats(groupId: string, range: Range, deckId: string | null): Promise<CardStatRow[]> {
      return prisma.$queryRaw<CardStatRow[]>`
        WITH ${gamesCte(groupId, range, deckId)},
        per_card AS (
          SELECT s."cardId", SUM(s."answered")::int AS "answered", SUM(s."correct")::int AS "correct",
                 SUM(s."partial")::int AS "partial", SUM(s."answerMs")::float8 AS "answerMs", COUNT(*)::int AS "sessions"
          FROM games g JOIN "RoomCardStat" s ON s."roomId" = g."id"
          GROUP BY s."cardId"
        )
        SELECT c."id" AS "cardId", c."deckId", d."title" AS "deckTitle", c."position", c."prompt", c."answer", c."topic",
               pc."answered", pc."correct", pc."partial", pc."answerMs", pc."sessions"
        FROM per_card pc
        JOIN "Card" c ON c."id" = pc."cardId"
        JOIN "Deck" d ON d."id" = c."deckId"`;
    },

    /** The decks a group played in the range, most played first. */
    async groupDecks(groupId: string, range: Range): Promise<DeckPlayedRow[]> {
      return prisma.$queryRaw<DeckPlayedRow[]>`
        WITH ${gamesCte(groupId, range)}
        SELECT g."deckId", d."title", COUNT(*)::int AS "games"
        FROM games g JOIN "Deck" d ON d."id" = g."deckId"
        GROUP BY g."deckId", d."title" ORDER BY 3 DESC, 2 ASC`;
    },

    /** A profile's finished games, newest first. */
    async profileGames(profileId: string, limit: number): Promise<ProfileGameRow[]> {
      return prisma.$queryRaw<ProfileGameRow[]>`
        SELECT p."id" AS "playerId", r."code", r."title", r."deckId", r."endedAt", p."nickname", p."score", p."finalRank",
               (SELECT COUNT(*)::int FROM "Player" o WHERE o."roomId" = r."id" AND ${Prisma.raw(countedSql.result('personal', 'o'))}) AS "playerCount",
               p."correctCount" AS "correct", p."answeredCount" AS "answered", p."answerMs", g."name" AS "groupName"
        FROM "Player" p
        JOIN "Room" r ON r."id" = p."roomId"
        LEFT JOIN "Group" g ON g."id" = r."groupId"
        WHERE p."profileId" = ${profileId} AND ${FINISHED} AND ${COUNTED_PERSONAL}
        ORDER BY r."endedAt" DESC, r."id" DESC
        LIMIT ${limit}`;
    },

    /** A profile's totals over all its finished games. */
    async profileTotals(profileId: string): Promise<{ games: number; points: number; correct: number; answered: number; answerMs: number }> {
      const rows = await prisma.$queryRaw<{ games: number; points: number; correct: number; answered: number; answerMs: number }[]>`
        SELECT COUNT(*)::int AS "games", COALESCE(SUM(p."score"), 0)::float8 AS "points",
               COALESCE(SUM(p."correctCount"), 0)::int AS "correct", COALESCE(SUM(p."answeredCount"), 0)::int AS "answered",
               COALESCE(SUM(p."answerMs"), 0)::float8 AS "answerMs"
        FROM "Player" p JOIN "Room" r ON r."id" = p."roomId"
        WHERE p."profileId" = ${profileId} AND ${FINISHED} AND ${COUNTED_PERSONAL}`;
      return rows[0] ?? { games: 0, points: 0, correct: 0, answered: 0, answerMs: 0 };
    },

    /** The cards a profile got wrong (or partly wrong) most often, with the reference answers. */
    async profileMissed(profileId: string, limit: number): Promise<MissedCardRow[]> {
      return prisma.$queryRaw<MissedCardRow[]>`
        WITH mine AS (
          SELECT p."id" FROM "Player" p JOIN "Room" r ON r."id" = p."roomId"
          WHERE p."profileId" = ${profileId} AND ${FINISHED} AND ${COUNTED_PERSONAL}
        ),
        per_card AS (
          SELECT a."cardId", COUNT(*)::int AS "answered",
                 COUNT(*) FILTER (WHERE a."verdict" <> 'correct')::int AS "missed",
                 MAX(a."receivedAt") FILTER (WHERE a."verdict" <> 'correct') AS "lastMissedAt"
          FROM mine m JOIN "Answer" a ON a."playerId" = m."id"
          WHERE ${NOT_SKIPPED}
          GROUP BY a."cardId"
        )
        SELECT c."id" AS "cardId", d."title" AS "deckTitle", c."prompt", c."answer", c."topic",
               pc."answered", pc."missed", pc."lastMissedAt"
        FROM per_card pc JOIN "Card" c ON c."id" = pc."cardId" JOIN "Deck" d ON d."id" = c."deckId"
        WHERE pc."missed" > 0
        ORDER BY pc."missed" DESC, pc."missed"::float8 / pc."answered" DESC, pc."lastMissedAt" DESC, c."id"
        LIMIT ${limit}`;
    },

    /**
     * Each profile's best game on a deck, across the groups that opted in to public boards; the top `limit`
     * in board order (window function per profile, then the same keys overall).
     */
    async deckBoard(deckId: string, limit: number): Promise<DeckBoardRow[]> {
      return prisma.$queryRaw<DeckBoardRow[]>`
        WITH results AS (
          SELECT p."profileId", p."score", p."correctCount", p."answeredCount", COALESCE(p."answerMs", 0) AS "answerMs",
                 r."endedAt", r."code", g."name" AS "groupName",
                 ROW_NUMBER() OVER (
                   PARTITION BY p."profileId"
                   ORDER BY p."score" DESC,
                            p."correctCount"::float8 / NULLIF(p."answeredCount", 0) DESC NULLS LAST,
                            COALESCE(p."answerMs", 0)::float8 / NULLIF(p."answeredCount", 0) ASC NULLS LAST,
                            r."endedAt" ASC, p."id" ASC
                 ) AS "n"
          FROM "Room" r
          JOIN "Group" g ON g."id" = r."groupId" AND g."publicBoards"
          JOIN "Player" p ON p."roomId" = r."id"
          WHERE r."deckId" = ${deckId} AND ${FINISHED} AND p."profileId" IS NOT NULL AND ${COUNTED}
        )
        SELECT x."profileId", pr."displayName", x."groupName", x."code", x."endedAt", x."score",
               x."correctCount" AS "correct", x."answeredCount" AS "answered", x."answerMs"::float8 AS "answerMs"
        FROM results x JOIN "Profile" pr ON pr."id" = x."profileId"
        WHERE x."n" = 1
        ORDER BY x."score" DESC,
                 x."correctCount"::float8 / NULLIF(x."answeredCount", 0) DESC NULLS LAST,
                 x."answerMs"::float8 / NULLIF(x."answeredCount", 0) ASC NULLS LAST,
                 x."endedAt" ASC, x."profileId" ASC
        LIMIT ${limit}`;
    },

    /** Whether any finished game on the deck lacks answer-time totals (public groups only). */
    async deckUnfilled(deckId: string): Promise<boolean> {
      const rows = await prisma.$queryRaw<{ n: number }[]>`
        SELECT COUNT(*)::int AS "n" FROM "Room" r
        JOIN "Group" g ON g."id" = r."groupId" AND g."publicBoards"
        JOIN "Player" p ON p."roomId" = r."id"
        WHERE r."deckId" = ${deckId} AND ${FINISHED} AND p."answerMs" IS NULL AND p."profileId" IS NOT NULL`;
      return (rows[0]?.n ?? 0) > 0;
    },

    async roomByCode(code: string): Promise<RoomRefRow | null> {
      return prisma.room.findUnique({
        where: { code },
        select: { id: true, code: true, title: true, deckId: true, status: true, groupId: true, createdAt: true, endedAt: true },
      });
    },

    /** Every player of a room with their totals and answer time (removed players flagged). */
    async roomExportPlayers(roomId: string): Promise<ExportPlayerRow[]> {
      return prisma.$queryRaw<ExportPlayerRow[]>`
        WITH ms AS (
          SELECT a."playerId", SUM(a."elapsedMs")::float8 AS "answerMs" FROM "Answer" a
          WHERE a."roomId" = ${roomId} AND ${NOT_SKIPPED} GROUP BY a."playerId"
        )
        SELECT p."id" AS "playerId", p."nickname", p."profileId", pr."displayName", p."score",
               p."correctCount" AS "correct", p."answeredCount" AS "answered", COALESCE(ms."answerMs", 0) AS "answerMs",
               p."finalRank", p."removedAt" IS NOT NULL AS "removed"
        FROM "Player" p LEFT JOIN ms ON ms."playerId" = p."id" LEFT JOIN "Profile" pr ON pr."id" = p."profileId"
        WHERE p."roomId" = ${roomId}
        ORDER BY p."removedAt" IS NOT NULL, p."finalRank" ASC NULLS LAST, p."score" DESC, p."joinedAt" ASC, p."id" ASC`;
    },

    /** The finished games of a group in a range, oldest first (exports page through them). */
    async groupRoomIds(groupId: string, range: Range): Promise<string[]> {
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        WITH ${gamesCte(groupId, range)} SELECT g."id" FROM games g ORDER BY g."endedAt" ASC, g."id" ASC`;
      return rows.map((r) => r.id);
    },

    /**
     * One row per answer of the given rooms, in game then question order. `countedOnly` leaves out what a
     * group does not count (removed or hidden players, voided questions).
     */
    async exportAnswers(roomIds: string[], countedOnly: boolean): Promise<ExportAnswerRow[]> {
      if (roomIds.length === 0) return [];
      return prisma.$queryRaw<ExportAnswerRow[]>`
        SELECT r."code", r."endedAt", a."questionIndex", q."kind", a."cardId", c."topic", q."prompt",
               p."id" AS "playerId", p."nickname", p."profileId", pr."displayName",
               a."choiceId",
               (SELECT ch->>'text' FROM jsonb_array_elements(COALESCE(q."choices", '[]'::jsonb)) ch
                 WHERE ch->>'id' = a."choiceId" LIMIT 1) AS "choiceText",
               a."text", a."verdict", a."gradeScore", a."points", a."elapsedMs", a."overridden", q."skipped", a."receivedAt"
        FROM "Answer" a
        JOIN "Room" r ON r."id" = a."roomId"
        JOIN "RoomQuestion" q ON q."roomId" = a."roomId" AND q."index" = a."questionIndex"
        JOIN "Player" p ON p."id" = a."playerId"
        LEFT JOIN "Profile" pr ON pr."id" = p."profileId"
        LEFT JOIN "Card" c ON c."id" = a."cardId"
        WHERE a."roomId" IN (${Prisma.join(roomIds)})
          ${countedOnly ? Prisma.sql`AND ${COUNTED} AND ${Prisma.raw(countedSql.answerOfQuestion('q'))}` : Prisma.empty}
        ORDER BY r."endedAt" ASC NULLS LAST, r."id" ASC, a."questionIndex" ASC, a."receivedAt" ASC, p."id" ASC`;
    },
  };
}
export type BoardStatsRepository = ReturnType<typeof createBoardStatsRepository>;
