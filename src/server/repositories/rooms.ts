import type { RoomStatus } from '../../contract';
import type {
  AnswerRow,
  ClosedQuestionRow,
  PlayerRow,
  QuestionRow,
  TeamAssignmentRow,
  TotalsRow,
} from '../../game/commands';
import type { StoredPlayer, StoredQuestion } from '../../game/restore';
import type { ChoiceOption, Phase, QuestionKind, RoomSettings } from '../../game/types';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { z } from 'zod';
import { ReviewVerdictSchema } from '../../protocol/study';

/**
 * Rooms, their questions, players and answers. Plain rows in and out (the rows the game emits, src/game/commands.ts);
 * no game rules here.
 */

export interface NewRoomRow {
  id: string;
  code: string;
  deckId: string;
  title: string;
  settings: RoomSettings;
  hostTokenHash: string;
  questionCount: number;
  createdAt: Date;
  groupId: string | null;
  /** The link players open (kept for a restart, R8.3). */
  joinUrl?: string;
  /** The card ids to ask, in order (kept for a restart, R8.3). */
  plan?: readonly string[];
}

/** What a restarted process reads to bring a running room back [R8.3]. */
export interface RestorableRoom {
  id: string;
  code: string;
  deckId: string;
  title: string;
  status: string;
  settings: RoomSettings;
  hostTokenHash: string;
  createdAt: number;
  startedAt: number | null;
  groupId: string | null;
  joinUrl: string | null;
  phase: Phase | null;
  plan: string[] | null;
  players: StoredPlayer[];
  questions: StoredQuestion[];
  answers: AnswerRow[];
}

export interface RoomRow {
  id: string;
  code: string;
  deckId: string;
  title: string;
  status: string;
  settings: RoomSettings;
  questionCount: number;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface ResultPlayerRow {
  id: string;
  nickname: string;
  score: number;
  correctCount: number;
  answeredCount: number;
  finalRank: number | null;
  removed: boolean;
  /** 0-based team, when the room played in teams. */
  team: number | null;
}

export interface ResultQuestionRow {
  index: number;
  cardId: string;
  kind: string;
  prompt: string;
  /** The options as asked (choices, a poll's options, an ordering's items); empty for typed questions. */
  choices: { id: string; text: string }[];
  skipped: boolean;
  answered: number;
  correct: number;
}

export interface ResultAnswerRow {
  playerId: string;
  questionIndex: number;
  choiceId: string | null;
  text: string | null;
  verdict: string;
  gradeScore: number;
  points: number;
  elapsedMs: number;
  overridden: boolean;
}

const date = (ms: number) => new Date(ms);

/** A question's stored options (JSON) as rows; anything else stored there reads as none. */
function choiceRows(json: unknown): { id: string; text: string }[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((c: unknown) => {
    const o = c as { id?: unknown; text?: unknown } | null;
    return o && typeof o.id === 'string' && typeof o.text === 'string' ? [{ id: o.id, text: o.text }] : [];
  });
}

/** Rows per bulk statement. */
const WRITE_SLICE = 500;

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Lets sockets be served between slices of a large write. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Multi-row inserts are one statement over column arrays (`INSERT ... SELECT FROM unnest(...)`): a constant
 * number of parameters whatever the row count, and no per-row query building on the event loop (Prisma's
 * createMany built 13 parameters per answer in JavaScript; it was the largest cost of closing a question
 * with 5,000 answers). Timestamps travel as ISO text in UTC, which is how Prisma stores `DateTime`.
 */
const INSERT_ANSWERS = `INSERT INTO "Answer" ("playerId", "questionIndex", "roomId", "cardId", "choiceId", "text",
    "receivedAt", "elapsedMs", "verdict", "gradeScore", "points", "overridden", "matched")
  SELECT v.player, v.qi, $1, v.card, v.choice, v.txt, v.received::timestamp(3), v.elapsed, v.verdict, v.grade,
    v.points, v.overridden, v.matched::jsonb
  FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[],
    $10::float8[], $11::int[], $12::bool[], $13::text[])
    AS v(player, qi, card, choice, txt, received, elapsed, verdict, grade, points, overridden, matched)`;

/**
 * A question's close writes its answers graded; written again (a retried batch), it writes the same verdicts.
 */
const ON_CLOSE = ` ON CONFLICT ("playerId", "questionIndex") DO UPDATE SET "verdict" = EXCLUDED."verdict",
    "gradeScore" = EXCLUDED."gradeScore", "points" = EXCLUDED."points", "overridden" = EXCLUDED."overridden",
    "matched" = EXCLUDED."matched"`;

const INSERT_PLAYERS = `INSERT INTO "Player" ("id", "roomId", "nickname", "rejoinTokenHash", "joinedAt", "profileId")
  SELECT v.id, $1, v.nickname, v.token, v.joined::timestamp(3), v.profile
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, nickname, token, joined, profile)
  ON CONFLICT DO NOTHING`;

/**
 * Every acknowledged answer of the rooms whose codes are $1 (text[]), as (code, playerId, questionIndex): the
 * `Answer` rows and the answer log's entries of questions not closed yet. For checks from outside the server
 * (the kill tests, the soak): "is every acknowledged answer stored?".
 */
export const ACKNOWLEDGED_ANSWERS_SQL = `SELECT r.code, a."playerId", a."questionIndex"
    FROM "Answer" a JOIN "Room" r ON r.id = a."roomId" WHERE r.code = ANY($1)
  UNION
  SELECT r.code, e->'answer'->>'playerId', (e->'answer'->>'questionIndex')::int
    FROM "AnswerLog" l JOIN "Room" r ON r.id = l."roomId", jsonb_array_elements(l."rows"::jsonb) e
    WHERE r.code = ANY($1)`;

/** One answer as the answer log holds it (the `AnswerRow` the game emitted, as JSON). */
const LoggedAnswerSchema = z.object({
  cardId: z.string(),
  answer: z.object({
    playerId: z.string(),
    questionIndex: z.number().int().min(0),
    choiceId: z.string().nullable(),
    text: z.string().nullable(),
    receivedAt: z.number(),
    elapsedMs: z.number(),
    verdict: ReviewVerdictSchema,
    gradeScore: z.number(),
    matched: z.array(z.string()),
    points: z.number(),
    overridden: z.boolean(),
  }),
});

/**
 * The answers of the answer log that have no `Answer` row yet (their question was not closed), first one kept
 * when a batch was written twice. A log row that does not parse is skipped; the rows around it still count.
 */
function loggedAnswers(
  log: readonly { rows: string }[],
  stored: readonly { playerId: string; questionIndex: number }[],
): AnswerRow[] {
  const seen = new Set(stored.map((a) => `${a.questionIndex}:${a.playerId}`));
  const out: AnswerRow[] = [];
  for (const entry of log) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(entry.rows);
    } catch {
      continue;
    }
    const rows = z.array(LoggedAnswerSchema).safeParse(parsed);
    if (!rows.success) continue;
    for (const { answer } of rows.data) {
      const key = `${answer.questionIndex}:${answer.playerId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(answer);
    }
  }
  return out;
}

/** The client, or one transaction of it (`underFence`): the same rows either way. */
type Db = PrismaClient | Prisma.TransactionClient;

/** A fenced batch may hold a question's close of thousands of rows, written in slices. */
const FENCED_TX_TIMEOUT_MS = 120_000;

/**
 * The room repository: its rows (`roomRows`), and `underFence`, which writes a batch of them in one transaction
 * under a fencing number [R8.4].
 */
export function createRoomRepository(prisma: PrismaClient) {
  return {
    ...roomRows(prisma, prisma),
    /**
     * Runs `work` (writes through the rows it is given) in one transaction under the room's fencing number
     * `fence` [R8.4]. False, with nothing written, when the stored number is higher. The room row stays locked
     * until the transaction ends, so a later `raiseFence` waits for it:
     * - `stored` (the owner has already written a batch under `fence`): a share lock, and the number checked, so
     *   batches of the same owner are written side by side.
     * - Else the number is raised to `fence` first, with the row's exclusive lock.
     * A share lock is never upgraded in the same transaction, so two batches cannot deadlock on the row.
     */
    async underFence(
      roomId: string,
      fence: number,
      work: (tx: RoomRows) => Promise<void>,
      stored = false,
    ): Promise<boolean> {
      return prisma.$transaction(
        async (tx) => {
          if (stored) {
            const rows = await tx.$queryRawUnsafe<{ fence: number }[]>(
              `SELECT "fence" FROM "Room" WHERE "id" = $1 FOR SHARE`,
              roomId,
            );
            if (rows[0]?.fence !== fence) return false; // raised by a newer owner since
          } else {
            const n = await tx.$executeRawUnsafe(
              `UPDATE "Room" SET "fence" = $2 WHERE "id" = $1 AND "fence" <= $2`,
              roomId,
              fence,
            );
            if (n === 0) return false;
          }
          await work(roomRows(tx, null));
          return true;
        },
        { timeout: FENCED_TX_TIMEOUT_MS, maxWait: FENCED_TX_TIMEOUT_MS },
      );
    },
  };
}

/** Rows of rooms, players, questions and answers, through the client or one of its transactions. */
function roomRows(prisma: Db, client: PrismaClient | null) {
  /** Runs `work` in one transaction (inside `underFence`, the transaction it is already in). */
  const atomically = <T>(work: (tx: Db) => Promise<T>): Promise<T> =>
    client ? client.$transaction((tx) => work(tx)) : work(prisma);
  /** Answers in multi-row inserts of WRITE_SLICE rows, with a pause between slices. */
  async function insertAnswers(
    roomId: string,
    rows: readonly { cardId: string; answer: AnswerRow }[],
  ): Promise<void> {
    for (const slice of slices(rows, WRITE_SLICE)) {
      await prisma.$executeRawUnsafe(
        INSERT_ANSWERS + ON_CLOSE,
        roomId,
        slice.map((r) => r.answer.playerId),
        slice.map((r) => r.answer.questionIndex),
        slice.map((r) => r.cardId),
        slice.map((r) => r.answer.choiceId),
        slice.map((r) => r.answer.text),
        slice.map((r) => iso(r.answer.receivedAt)),
        slice.map((r) => r.answer.elapsedMs),
        slice.map((r) => r.answer.verdict),
        slice.map((r) => r.answer.gradeScore),
        slice.map((r) => r.answer.points),
        slice.map((r) => r.answer.overridden),
        slice.map((r) => JSON.stringify(r.answer.matched)),
      );
      if (rows.length > WRITE_SLICE) await breathe();
    }
  }

  /** Players' totals in bulk statements (a slice of rows each), not one UPDATE per player. */
  async function updateScores(all: readonly TotalsRow[], withRank: boolean): Promise<void> {
    for (const players of slices(all, WRITE_SLICE)) {
      await updateScoreSlice(players, withRank);
      await breathe();
    }
  }

  async function updateScoreSlice(players: readonly TotalsRow[], withRank: boolean): Promise<void> {
    await prisma.$executeRawUnsafe(
      `UPDATE "Player" AS p SET "score" = v.score, "correctCount" = v.correct, "answeredCount" = v.answered,
         "finalRank" = CASE WHEN $5 THEN v.rank ELSE p."finalRank" END
       FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $6::int[]) AS v(id, score, correct, answered, rank)
       WHERE p."id" = v.id`,
      players.map((p) => p.id),
      players.map((p) => p.score),
      players.map((p) => p.correctCount),
      players.map((p) => p.answeredCount),
      withRank,
      players.map((p) => p.rank ?? 0),
    );
  }

  return {
    /**
     * Sets the room's fencing number to `fence` if the stored one is not higher (waiting for a batch being
     * written under an older one); whether it did [R8.4].
     */
    async raiseFence(roomId: string, fence: number): Promise<boolean> {
      const n = await prisma.$executeRawUnsafe(
        `UPDATE "Room" SET "fence" = $2 WHERE "id" = $1 AND "fence" <= $2`,
        roomId,
        fence,
      );
      return n > 0;
    },

    /** The room's stored fencing number (0 if it never had an owner in a cluster; null: no such room). */
    async fenceOf(roomId: string): Promise<number | null> {
      const r = await prisma.room.findUnique({ where: { id: roomId }, select: { fence: true } });
      return r?.fence ?? null;
    },

    /**
     * Rooms in one of `statuses` that a process runs (a self-paced assignment's room has no process behind it:
     * never listed), by id, code and deck; with `code`, that room only.
     */
    async withProcess(
      statuses: readonly RoomStatus[],
      code?: string,
    ): Promise<{ id: string; code: string; deckId: string }[]> {
      return prisma.room.findMany({
        where: { status: { in: [...statuses] }, assignment: { is: null }, ...(code ? { code } : {}) },
        select: { id: true, code: true, deckId: true },
        orderBy: { createdAt: 'asc' },
      });
    },

    /** One room's status moves to `to`, ended at `endedAt`. */
    async end(roomId: string, to: RoomStatus, endedAt: Date): Promise<void> {
      await prisma.room.update({ where: { id: roomId }, data: { status: to, endedAt } });
    },

    async codeInUse(code: string): Promise<boolean> {
      return (await prisma.room.count({ where: { code } })) > 0;
    },

    async create(row: NewRoomRow): Promise<void> {
      await prisma.room.create({
        data: {
          ...row,
          settings: { ...row.settings },
          ...(row.plan ? { plan: [...row.plan] } : {}),
          status: 'lobby' satisfies RoomStatus,
          phase: 'lobby' satisfies Phase,
        },
      });
    },

    /** The stored hash of a room's host token (who may read a live game's results, R9.6). */
    async hostTokenHash(roomId: string): Promise<string | null> {
      const r = await prisma.room.findUnique({ where: { id: roomId }, select: { hostTokenHash: true } });
      return r?.hostTokenHash ?? null;
    },

    async findByCode(code: string): Promise<RoomRow | null> {
      const r = await prisma.room.findUnique({
        where: { code },
        select: {
          id: true,
          code: true,
          deckId: true,
          title: true,
          status: true,
          settings: true,
          questionCount: true,
          createdAt: true,
          startedAt: true,
          endedAt: true,
        },
      });
      return r ? { ...r, settings: r.settings as unknown as RoomSettings } : null;
    },

    async markStarted(roomId: string, at: number): Promise<void> {
      await prisma.room.update({ where: { id: roomId }, data: { status: 'running' satisfies RoomStatus, startedAt: date(at) } });
    },

    async insertPlayers(roomId: string, all: readonly PlayerRow[]): Promise<void> {
      for (const players of slices(all, WRITE_SLICE)) {
        await prisma.$executeRawUnsafe(
          INSERT_PLAYERS,
          roomId,
          players.map((p) => p.id),
          players.map((p) => p.nickname),
          players.map((p) => p.tokenHash),
          players.map((p) => iso(p.joinedAt)),
          players.map((p) => p.profileId),
        );
        await breathe();
      }
    },

    /**
     * The room's team count (in its settings) and players' teams, in one transaction: a team count never
     * stands stored without the assignments made with it.
     */
    async setTeams(roomId: string, teams: number, assignments: readonly TeamAssignmentRow[]): Promise<void> {
      await atomically(async (tx) => {
        await tx.$executeRawUnsafe(
          `UPDATE "Room" SET "settings" = jsonb_set("settings"::jsonb, '{teams}', to_jsonb($2::int)) WHERE "id" = $1`,
          roomId,
          teams,
        );
        for (const part of slices(assignments, WRITE_SLICE)) {
          await tx.$executeRawUnsafe(
            `UPDATE "Player" AS p SET "team" = v.team FROM unnest($1::text[], $2::int[]) AS v(id, team) WHERE p."id" = v.id`,
            part.map((a) => a.playerId),
            part.map((a) => a.team),
          );
        }
      });
    },

    /**
     * One player's seat in a room (the hash that proves it) and their answers, for "your answer" on the study
     * sheet; by id, or by the profile that played (its recovery code's hash).
     */
    async seatAnswers(
      roomId: string,
      who: { playerId: string } | { recoveryHash: string },
    ): Promise<{
      playerId: string;
      rejoinTokenHash: string;
      answers: ResultAnswerRow[];
      /** Options as asked, by question index, to name a picked option. */
      choices: Map<number, { id: string; text: string }[]>;
    } | null> {
      const seat = await prisma.player.findFirst({
        where: 'playerId' in who ? { id: who.playerId, roomId } : { roomId, profile: { recoveryHash: who.recoveryHash } },
        select: { id: true, rejoinTokenHash: true },
      });
      if (!seat) return null;
      const answers = await prisma.answer.findMany({
        where: { roomId, playerId: seat.id },
        select: {
          playerId: true,
          questionIndex: true,
          choiceId: true,
          text: true,
          verdict: true,
          gradeScore: true,
          points: true,
          elapsedMs: true,
          overridden: true,
        },
        orderBy: { questionIndex: 'asc' },
      });
      const questions = await prisma.roomQuestion.findMany({ where: { roomId }, select: { index: true, choices: true } });
      const choices = new Map(questions.map((q) => [q.index, choiceRows(q.choices)]));
      return { playerId: seat.id, rejoinTokenHash: seat.rejoinTokenHash, answers, choices };
    },

    async linkProfile(playerId: string, profileId: string): Promise<void> {
      await prisma.player.update({ where: { id: playerId }, data: { profileId } });
    },

    async markPlayerRemoved(playerId: string, at: number): Promise<void> {
      await prisma.player.update({ where: { id: playerId }, data: { removedAt: date(at) } });
    },

    /** Idempotent: a batch written again (op by op after a refusal) finds the question there. */
    async insertQuestion(roomId: string, q: QuestionRow): Promise<void> {
      await prisma.roomQuestion.upsert({
        where: { roomId_index: { roomId, index: q.index } },
        update: {},
        create: {
          roomId,
          index: q.index,
          cardId: q.cardId,
          kind: q.kind,
          prompt: q.prompt,
          choices: q.choices.length > 0 ? q.choices.map((c) => ({ id: c.id, text: c.text })) : undefined,
          correctChoiceId: q.correctChoiceId,
          openedAt: date(q.openedAt),
          closesAt: date(q.closesAt),
        },
      });
    },

    /** A restart gave the open question back the time the server was down [R8.3]. */
    async resumeQuestion(roomId: string, index: number, openedAt: number, closesAt: number): Promise<void> {
      await prisma.roomQuestion.update({
        where: { roomId_index: { roomId, index } },
        data: { openedAt: date(openedAt), closesAt: date(closesAt) },
      });
    },

    async setPhase(roomId: string, phase: Phase): Promise<void> {
      await prisma.room.update({ where: { id: roomId }, data: { phase } });
    },

    async setSettings(roomId: string, settings: RoomSettings): Promise<void> {
      await prisma.room.update({ where: { id: roomId }, data: { settings: { ...settings } } });
    },

    /** Answers locked in, before their acks; their verdicts come with the close [R8.2]. */
    /**
     * Answers locked in, before their acks [R8.2]: the whole batch as one row of the answer log, which the
     * question's close replaces with graded `Answer` rows. One small insert per tick whatever the burst: an
     * `Answer` row per answer (two indexes, two foreign keys) cost the embedded database about 0.1 ms each, on
     * the event loop, while 5,000 players waited for their acks.
     */
    async lockAnswers(roomId: string, rows: readonly { cardId: string; answer: AnswerRow }[]): Promise<void> {
      if (rows.length === 0) return;
      let questionIndex = 0;
      for (const r of rows) questionIndex = Math.max(questionIndex, r.answer.questionIndex);
      await prisma.$executeRawUnsafe(
        `INSERT INTO "AnswerLog" ("roomId", "questionIndex", "rows") VALUES ($1, $2, $3)`,
        roomId,
        questionIndex,
        JSON.stringify(rows),
      );
    },

    /** One closed question's answers with their verdicts (each written alone when a batch was refused). */
    async gradeAnswers(roomId: string, cardId: string, answers: readonly AnswerRow[]): Promise<void> {
      await insertAnswers(roomId, answers.map((answer) => ({ cardId, answer })));
    },

    /**
     * A question closed: its answers in multi-row inserts, the players' totals in bulk updates. Thousands of
     * rows go in slices with a pause between them: the embedded database runs inside this process, and one
     * giant statement would hold up every socket for seconds. Inserts skip duplicates, so a retry is safe.
     */
    async closeQuestion(
      roomId: string,
      q: ClosedQuestionRow,
      answers: readonly AnswerRow[],
      totals: readonly TotalsRow[],
    ): Promise<void> {
      await prisma.roomQuestion.update({
        where: { roomId_index: { roomId, index: q.index } },
        data: { closedAt: q.closedAt === null ? null : date(q.closedAt), skipped: q.skipped },
      });
      await insertAnswers(roomId, answers.map((answer) => ({ cardId: q.cardId, answer })));
      await updateScores(totals, false);
    },

    /**
     * A closed question's answers are rows of their own now: its answer log is no longer needed. Called only once
     * every one of them is stored, so an acknowledged answer the close could not store stays in the log.
     */
    async clearAnswerLog(roomId: string, questionIndex: number): Promise<void> {
      await prisma.$executeRawUnsafe(
        `DELETE FROM "AnswerLog" WHERE "roomId" = $1 AND "questionIndex" = $2`,
        roomId,
        questionIndex,
      );
    },

    async overrideAnswer(a: AnswerRow, totals: readonly TotalsRow[]): Promise<void> {
      await prisma.answer.update({
        where: { playerId_questionIndex: { playerId: a.playerId, questionIndex: a.questionIndex } },
        data: { verdict: a.verdict, gradeScore: a.gradeScore, points: a.points, overridden: true },
      });
      await updateScores(totals, false);
    },

    /** Rewrites the points of answers (those an override's streak chain changed). */
    async updateAnswerPoints(
      rows: readonly { playerId: string; questionIndex: number; points: number }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await prisma.$executeRawUnsafe(
        `UPDATE "Answer" AS a SET "points" = v.points
         FROM unnest($1::text[], $2::int[], $3::int[]) AS v(player, qi, points)
         WHERE a."playerId" = v.player AND a."questionIndex" = v.qi`,
        rows.map((r) => r.playerId),
        rows.map((r) => r.questionIndex),
        rows.map((r) => r.points),
      );
    },

    async finish(roomId: string, at: number, totals: readonly TotalsRow[]): Promise<void> {
      await updateScores(totals, true);
      await prisma.room.update({
        where: { id: roomId },
        data: { status: 'finished' satisfies RoomStatus, phase: 'finished' satisfies Phase, endedAt: date(at) },
      });
    },

    /** Moves every room in one of `from` (but those in `exceptIds`) to `to`, ended at `endedAt`; returns how many. */
    async changeStatus(change: {
      from: readonly RoomStatus[];
      exceptIds: readonly string[];
      to: RoomStatus;
      endedAt: Date;
    }): Promise<number> {
      const r = await prisma.room.updateMany({
        // A self-paced assignment's room runs with no process behind it (docs/ASSIGNMENTS.md): never abandoned.
        where: { status: { in: [...change.from] }, id: { notIn: [...change.exceptIds] }, assignment: { is: null } },
        data: { status: change.to, endedAt: change.endedAt },
      });
      return r.count;
    },

    /** Rooms in one of `statuses` (rooms a stopped process left open), oldest first. */
    async idsWithStatus(statuses: readonly RoomStatus[]): Promise<string[]> {
      const rows = await prisma.room.findMany({
        where: { status: { in: [...statuses] } },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map((r) => r.id);
    },

    /** Everything stored about one room, as the rows the game emitted [R8.3]. */
    async restorable(roomId: string): Promise<RestorableRoom | null> {
      const r = await prisma.room.findUnique({
        where: { id: roomId },
        include: {
          players: { orderBy: { joinedAt: 'asc' } },
          questions: { orderBy: { index: 'asc' } },
          answers: true,
          answerLog: { orderBy: { id: 'asc' } },
        },
      });
      if (!r) return null;
      const settings = r.settings as unknown as RoomSettings;
      const ms = (d: Date) => d.getTime();
      return {
        id: r.id,
        code: r.code,
        deckId: r.deckId,
        title: r.title,
        status: r.status,
        settings,
        hostTokenHash: r.hostTokenHash,
        createdAt: ms(r.createdAt),
        startedAt: r.startedAt ? ms(r.startedAt) : null,
        groupId: r.groupId,
        joinUrl: r.joinUrl,
        phase: r.phase as Phase | null,
        plan: Array.isArray(r.plan) ? r.plan.filter((x): x is string => typeof x === 'string') : null,
        players: r.players.map((p) => ({
          id: p.id,
          nickname: p.nickname,
          tokenHash: p.rejoinTokenHash,
          profileId: p.profileId,
          joinedAt: ms(p.joinedAt),
          removed: p.removedAt !== null,
          team: p.team,
        })),
        questions: r.questions.map((q) => ({
          index: q.index,
          cardId: q.cardId,
          kind: q.kind as QuestionKind,
          prompt: q.prompt,
          choices: Array.isArray(q.choices) ? (q.choices as unknown as ChoiceOption[]) : [],
          correctChoiceId: q.correctChoiceId,
          openedAt: ms(q.openedAt),
          // Rooms stored before closesAt was: the deadline the settings give.
          closesAt: q.closesAt ? ms(q.closesAt) : ms(q.openedAt) + settings.timeLimitSec * 1000,
          closedAt: q.closedAt ? ms(q.closedAt) : null,
          skipped: q.skipped,
        })),
        answers: [...r.answers.map((a) => ({
          playerId: a.playerId,
          questionIndex: a.questionIndex,
          choiceId: a.choiceId,
          text: a.text,
          receivedAt: ms(a.receivedAt),
          elapsedMs: a.elapsedMs,
          verdict: a.verdict as AnswerRow['verdict'],
          gradeScore: a.gradeScore,
          matched: Array.isArray(a.matched) ? a.matched.filter((x): x is string => typeof x === 'string') : [],
          points: a.points,
          overridden: a.overridden,
        })), ...loggedAnswers(r.answerLog, r.answers)],
      };
    },

    async results(roomId: string): Promise<{
      players: ResultPlayerRow[];
      questions: ResultQuestionRow[];
      answers: ResultAnswerRow[];
    }> {
      const [players, questions, answers] = await Promise.all([
        prisma.player.findMany({
          where: { roomId },
          select: {
            id: true,
            nickname: true,
            score: true,
            correctCount: true,
            answeredCount: true,
            finalRank: true,
            removedAt: true,
            team: true,
          },
          orderBy: [{ finalRank: 'asc' }, { score: 'desc' }, { joinedAt: 'asc' }],
        }),
        prisma.roomQuestion.findMany({
          where: { roomId },
          select: { index: true, cardId: true, kind: true, prompt: true, skipped: true, choices: true },
          orderBy: { index: 'asc' },
        }),
        prisma.answer.findMany({
          where: { roomId },
          select: {
            playerId: true,
            questionIndex: true,
            choiceId: true,
            text: true,
            verdict: true,
            gradeScore: true,
            points: true,
            elapsedMs: true,
            overridden: true,
          },
          orderBy: [{ questionIndex: 'asc' }, { receivedAt: 'asc' }],
        }),
      ]);
      const perQuestion = new Map<number, { answered: number; correct: number }>();
      for (const a of answers) {
        const s = perQuestion.get(a.questionIndex) ?? { answered: 0, correct: 0 };
        s.answered += 1;
        if (a.verdict === 'correct') s.correct += 1;
        perQuestion.set(a.questionIndex, s);
      }
      return {
        players: players.map(({ removedAt, ...p }) => ({ ...p, removed: removedAt !== null })),
        questions: questions.map((q) => ({
          ...q,
          choices: choiceRows(q.choices),
          ...(perQuestion.get(q.index) ?? { answered: 0, correct: 0 }),
        })),
        answers,
      };
    },
  };
}
export type RoomRows = ReturnType<typeof roomRows>;
export type RoomRepository = ReturnType<typeof createRoomRepository>;

