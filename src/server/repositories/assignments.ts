import type { RoomStatus } from '../../contract';
import type { RoomSettings } from '../../game/types';
import type { PrismaClient } from '../../generated/prisma/client';

/**
 * Self-paced assignments (docs/ASSIGNMENTS.md): the assignment, its room (questions, players, answers in the same
 * tables as a live game's), the players' seats. Plain rows in and out; the rules are src/game/assignment.ts.
 */

export interface NewAssignmentRows {
  assignment: { id: string; source: string; deadline: Date | null; timerSec: number | null; createdAt: Date };
  room: {
    id: string;
    code: string;
    deckId: string;
    title: string;
    settings: RoomSettings;
    hostTokenHash: string;
    groupId: string | null;
  };
  questions: {
    index: number;
    cardId: string;
    kind: 'choice' | 'text';
    prompt: string;
    choices: { id: string; text: string }[];
    correctChoiceId: string | null;
  }[];
}

export interface AssignmentQuestionRow {
  index: number;
  cardId: string;
  kind: 'choice' | 'text';
  prompt: string;
  choices: { id: string; text: string }[];
  correctChoiceId: string | null;
}

export interface AssignmentRow {
  id: string;
  roomId: string;
  code: string;
  title: string;
  deckId: string;
  groupId: string | null;
  hostTokenHash: string;
  roomStatus: string;
  source: string;
  deadline: Date | null;
  timerSec: number | null;
  createdAt: Date;
  closedAt: Date | null;
  questions: AssignmentQuestionRow[];
}

export interface SeatRow {
  playerId: string;
  assignmentId: string;
  nickname: string;
  profileId: string | null;
  tokenHash: string;
  joinedAt: Date;
  servedIndex: number | null;
  servedAt: Date | null;
  finishedAt: Date | null;
  /** Answers stored, and their points. */
  answered: number;
  score: number;
}

export interface NewSeatRow {
  playerId: string;
  assignmentId: string;
  roomId: string;
  nickname: string;
  tokenHash: string;
  profileId: string | null;
  joinedAt: Date;
}

/** One graded answer to store. */
export interface AssignmentAnswerRow {
  playerId: string;
  roomId: string;
  questionIndex: number;
  cardId: string;
  choiceId: string | null;
  text: string | null;
  receivedAt: number;
  elapsedMs: number;
  verdict: string;
  gradeScore: number;
  points: number;
  matched: string[];
  /** Set when this answer was the seat's last card. */
  finishedAt: number | null;
}

/** A question first shown to a seat. */
export interface ServeRow {
  playerId: string;
  servedIndex: number;
  servedAt: number;
}

export interface ProgressSeatRow {
  playerId: string;
  nickname: string;
  profileId: string | null;
  joinedAt: Date;
  finishedAt: Date | null;
  answered: number;
  correct: number;
  partial: number;
  score: number;
  correctMs: number;
  answerMs: number;
}

export interface ProgressCardRow {
  index: number;
  answered: number;
  correct: number;
  partial: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One batch of the writer in one statement (one round trip, atomic without a transaction): the answers (a
 * duplicate of a stored answer is skipped and not returned), the seats whose last answer this inserted marked
 * finished, the questions first shown. Data-modifying CTEs all run, referenced or not; a seat is in a batch at
 * most once (its requests are chained), so the two updates of "AssignmentSeat" never touch the same row.
 */
const WRITE_BATCH = `WITH ins AS (
    INSERT INTO "Answer" ("playerId", "questionIndex", "roomId", "cardId", "choiceId", "text",
      "receivedAt", "elapsedMs", "verdict", "gradeScore", "points", "overridden", "matched")
    SELECT v.player, v.qi, v.room, v.card, v.choice, v.txt, v.received::timestamp(3), v.elapsed, v.verdict, v.grade,
      v.points, false, v.matched::jsonb
    FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
      $9::text[], $10::float8[], $11::int[], $12::text[])
      AS v(player, qi, room, card, choice, txt, received, elapsed, verdict, grade, points, matched)
    ON CONFLICT DO NOTHING
    RETURNING "playerId", "questionIndex"
  ), fin AS (
    UPDATE "AssignmentSeat" AS s SET "finishedAt" = f.finished::timestamp(3)
    FROM unnest($13::text[], $14::int[], $15::text[]) AS f(player, qi, finished)
    JOIN ins ON ins."playerId" = f.player AND ins."questionIndex" = f.qi
    WHERE s."playerId" = f.player AND s."finishedAt" IS NULL
    RETURNING 1
  ), srv AS (
    UPDATE "AssignmentSeat" AS s SET "servedIndex" = v.idx, "servedAt" = v.served::timestamp(3)
    FROM unnest($16::text[], $17::int[], $18::text[]) AS v(player, idx, served)
    WHERE s."playerId" = v.player AND (s."servedIndex" IS NULL OR s."servedIndex" < v.idx)
    RETURNING 1
  )
  SELECT "playerId", "questionIndex" FROM ins`;

export function createAssignmentRepository(prisma: PrismaClient) {
  async function seatWhere(where: { playerId: string } | { assignmentId: string; profileId: string }): Promise<SeatRow | null> {
    const seat = await prisma.assignmentSeat.findFirst({
      where: 'playerId' in where ? { playerId: where.playerId } : { assignmentId: where.assignmentId, player: { profileId: where.profileId } },
      select: {
        playerId: true,
        assignmentId: true,
        servedIndex: true,
        servedAt: true,
        finishedAt: true,
        player: { select: { nickname: true, profileId: true, rejoinTokenHash: true, joinedAt: true } },
      },
    });
    if (!seat) return null;
    const agg = await prisma.answer.aggregate({
      where: { playerId: seat.playerId },
      _count: { _all: true },
      _sum: { points: true },
    });
    return {
      playerId: seat.playerId,
      assignmentId: seat.assignmentId,
      nickname: seat.player.nickname,
      profileId: seat.player.profileId,
      tokenHash: seat.player.rejoinTokenHash,
      joinedAt: seat.player.joinedAt,
      servedIndex: seat.servedIndex,
      servedAt: seat.servedAt,
      finishedAt: seat.finishedAt,
      answered: agg._count._all,
      score: agg._sum.points ?? 0,
    };
  }

  return {
    async codeInUse(code: string): Promise<boolean> {
      return (await prisma.room.count({ where: { code } })) > 0;
    },

    /** The room (running from the start: there is no lobby), its questions and the assignment, at once. */
    async create(rows: NewAssignmentRows): Promise<void> {
      const { assignment: a, room, questions } = rows;
      await prisma.$transaction([
        prisma.room.create({
          data: {
            ...room,
            settings: { ...room.settings },
            status: 'running' satisfies RoomStatus,
            questionCount: questions.length,
            createdAt: a.createdAt,
            startedAt: a.createdAt,
          },
        }),
        prisma.roomQuestion.createMany({
          data: questions.map((q) => ({
            roomId: room.id,
            index: q.index,
            cardId: q.cardId,
            kind: q.kind,
            prompt: q.prompt,
            ...(q.choices.length > 0 ? { choices: q.choices } : {}),
            correctChoiceId: q.correctChoiceId,
            openedAt: a.createdAt,
          })),
        }),
        prisma.assignment.create({ data: { ...a, roomId: room.id } }),
      ]);
    },

    async get(id: string): Promise<AssignmentRow | null> {
      const a = await prisma.assignment.findUnique({
        where: { id },
        select: {
          id: true,
          roomId: true,
          source: true,
          deadline: true,
          timerSec: true,
          createdAt: true,
          closedAt: true,
          room: {
            select: {
              code: true,
              title: true,
              deckId: true,
              groupId: true,
              hostTokenHash: true,
              status: true,
              questions: {
                orderBy: { index: 'asc' },
                select: { index: true, cardId: true, kind: true, prompt: true, choices: true, correctChoiceId: true },
              },
            },
          },
        },
      });
      if (!a) return null;
      const { room, ...rest } = a;
      return {
        ...rest,
        code: room.code,
        title: room.title,
        deckId: room.deckId,
        groupId: room.groupId,
        hostTokenHash: room.hostTokenHash,
        roomStatus: room.status,
        questions: room.questions.map((q) => ({
          index: q.index,
          cardId: q.cardId,
          kind: q.kind === 'choice' ? 'choice' : 'text',
          prompt: q.prompt,
          choices: Array.isArray(q.choices) ? (q.choices as { id: string; text: string }[]) : [],
          correctChoiceId: q.correctChoiceId,
        })),
      };
    },

    seat: (playerId: string) => seatWhere({ playerId }),
    seatOfProfile: (assignmentId: string, profileId: string) => seatWhere({ assignmentId, profileId }),

    /**
     * The player and their seat in one statement (atomic without a transaction: under load, hundreds of seats
     * opening at once would each wait for a transaction slot of the pool and time out).
     */
    async createSeat(row: NewSeatRow): Promise<void> {
      await prisma.$executeRawUnsafe(
        `WITH p AS (
           INSERT INTO "Player" ("id", "roomId", "nickname", "rejoinTokenHash", "joinedAt", "profileId")
           VALUES ($1, $2, $3, $4, $5::timestamp(3), $6) RETURNING "id"
         )
         INSERT INTO "AssignmentSeat" ("playerId", "assignmentId") SELECT p."id", $7 FROM p`,
        row.playerId,
        row.roomId,
        row.nickname,
        row.tokenHash,
        row.joinedAt.toISOString(),
        row.profileId,
        row.assignmentId,
      );
    },

    /**
     * One batch of the writer (WRITE_BATCH): one statement, so what it returns is stored once it resolves. Returns
     * the `playerId:questionIndex` of the answers it inserted.
     */
    async write(answers: readonly AssignmentAnswerRow[], serves: readonly ServeRow[]): Promise<Set<string>> {
      if (answers.length === 0 && serves.length === 0) return new Set();
      const finished = answers.filter((a) => a.finishedAt !== null);
      const inserted = await prisma.$queryRawUnsafe<{ playerId: string; questionIndex: number }[]>(
        WRITE_BATCH,
        answers.map((a) => a.playerId),
        answers.map((a) => a.questionIndex),
        answers.map((a) => a.roomId),
        answers.map((a) => a.cardId),
        answers.map((a) => a.choiceId),
        answers.map((a) => a.text),
        answers.map((a) => iso(a.receivedAt)),
        answers.map((a) => a.elapsedMs),
        answers.map((a) => a.verdict),
        answers.map((a) => a.gradeScore),
        answers.map((a) => a.points),
        answers.map((a) => (a.matched.length > 0 ? JSON.stringify(a.matched) : null)),
        finished.map((a) => a.playerId),
        finished.map((a) => a.questionIndex),
        finished.map((a) => iso(a.finishedAt ?? a.receivedAt)),
        serves.map((s) => s.playerId),
        serves.map((s) => s.servedIndex),
        serves.map((s) => iso(s.servedAt)),
      );
      return new Set(inserted.map((r) => `${r.playerId}:${r.questionIndex}`));
    },

    /** Every seat's progress and totals, and every card's answers, from the stored answers (one query each). */
    async progress(assignmentId: string): Promise<{ seats: ProgressSeatRow[]; cards: ProgressCardRow[] }> {
      const [seats, cards] = await Promise.all([
        prisma.$queryRaw<ProgressSeatRow[]>`
          SELECT p."id" AS "playerId", p."nickname", p."profileId", p."joinedAt", s."finishedAt",
                 COUNT(a."playerId")::int AS "answered",
                 COUNT(*) FILTER (WHERE a."verdict" = 'correct')::int AS "correct",
                 COUNT(*) FILTER (WHERE a."verdict" = 'partial')::int AS "partial",
                 COALESCE(SUM(a."points"), 0)::int AS "score",
                 COALESCE(SUM(a."elapsedMs") FILTER (WHERE a."verdict" = 'correct'), 0)::float8 AS "correctMs",
                 COALESCE(SUM(a."elapsedMs"), 0)::float8 AS "answerMs"
          FROM "AssignmentSeat" s JOIN "Player" p ON p."id" = s."playerId"
          LEFT JOIN "Answer" a ON a."playerId" = p."id"
          WHERE s."assignmentId" = ${assignmentId} AND p."removedAt" IS NULL
          GROUP BY p."id", s."finishedAt"
          ORDER BY p."joinedAt", p."id"`,
        prisma.$queryRaw<ProgressCardRow[]>`
          SELECT a."questionIndex" AS "index", COUNT(*)::int AS "answered",
                 COUNT(*) FILTER (WHERE a."verdict" = 'correct')::int AS "correct",
                 COUNT(*) FILTER (WHERE a."verdict" = 'partial')::int AS "partial"
          FROM "Answer" a JOIN "Assignment" x ON x."roomId" = a."roomId"
          JOIN "Player" p ON p."id" = a."playerId"
          WHERE x."id" = ${assignmentId} AND p."removedAt" IS NULL
          GROUP BY a."questionIndex" ORDER BY 1`,
      ]);
      return { seats, cards };
    },

    /**
     * Closes the assignment: its players' totals and ranks, then the room `finished` (from then on it counts
     * like a finished live game, R11.1), in one transaction. False when it was already closed.
     */
    async close(
      a: { id: string; roomId: string },
      closedAt: Date,
      totals: { id: string; score: number; correct: number; answered: number; answerMs: number; rank: number }[],
    ): Promise<boolean> {
      const [claimed] = await prisma.$transaction([
        prisma.assignment.updateMany({ where: { id: a.id, closedAt: null }, data: { closedAt } }),
        prisma.$executeRawUnsafe(
          `UPDATE "Player" AS p SET "score" = v.score, "correctCount" = v.correct, "answeredCount" = v.answered,
             "answerMs" = v.ms, "finalRank" = v.rank
           FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[]) AS v(id, score, correct, answered, ms, rank)
           WHERE p."id" = v.id AND p."roomId" = $7`,
          totals.map((t) => t.id),
          totals.map((t) => t.score),
          totals.map((t) => t.correct),
          totals.map((t) => t.answered),
          totals.map((t) => Math.round(t.answerMs)),
          totals.map((t) => t.rank),
          a.roomId,
        ),
        prisma.room.updateMany({
          where: { id: a.roomId, status: 'running' },
          data: { status: 'finished' satisfies RoomStatus, endedAt: closedAt },
        }),
      ]);
      return claimed.count > 0;
    },

    /** Open assignments whose deadline has passed. */
    async dueIds(now: Date): Promise<string[]> {
      const rows = await prisma.assignment.findMany({
        where: { closedAt: null, deadline: { lte: now } },
        select: { id: true },
        take: 100,
      });
      return rows.map((r) => r.id);
    },

    /** The room ids of assignments (for marking sessions self-paced). */
    async roomIdsAmong(roomIds: readonly string[]): Promise<Set<string>> {
      if (roomIds.length === 0) return new Set();
      const rows = await prisma.assignment.findMany({ where: { roomId: { in: [...roomIds] } }, select: { roomId: true } });
      return new Set(rows.map((r) => r.roomId));
    },
  };
}
export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>;
