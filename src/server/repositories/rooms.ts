import type { RoomStatus } from '../../contract';
import type {
  AnswerRow,
  ClosedQuestionRow,
  PlayerRow,
  QuestionRow,
  TeamAssignmentRow,
  TotalsRow,
} from '../../game/commands';
import type { RoomSettings } from '../../game/types';
import type { PrismaClient } from '../../generated/prisma/client';

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
  skipped: boolean;
  /** Options as asked (choice questions); empty for open text. */
  choices: { id: string; text: string }[];
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
  SELECT v.player, v.qi, $1, $2, v.choice, v.txt, v.received::timestamp(3), v.elapsed, v.verdict, v.grade, v.points,
    v.overridden, v.matched::jsonb
  FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::float8[],
    $11::int[], $12::bool[], $13::text[])
    AS v(player, qi, choice, txt, received, elapsed, verdict, grade, points, overridden, matched)
  ON CONFLICT DO NOTHING`;

const INSERT_PLAYERS = `INSERT INTO "Player" ("id", "roomId", "nickname", "rejoinTokenHash", "joinedAt", "profileId")
  SELECT v.id, $1, v.nickname, v.token, v.joined::timestamp(3), v.profile
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, nickname, token, joined, profile)
  ON CONFLICT DO NOTHING`;

export function createRoomRepository(prisma: PrismaClient) {
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
    async codeInUse(code: string): Promise<boolean> {
      return (await prisma.room.count({ where: { code } })) > 0;
    },

    async create(row: NewRoomRow): Promise<void> {
      await prisma.room.create({
        data: { ...row, settings: { ...row.settings }, status: 'lobby' satisfies RoomStatus },
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
      await prisma.$transaction(async (tx) => {
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

    async insertQuestion(roomId: string, q: QuestionRow): Promise<void> {
      await prisma.roomQuestion.create({
        data: {
          roomId,
          index: q.index,
          cardId: q.cardId,
          kind: q.kind,
          prompt: q.prompt,
          choices: q.choices.length > 0 ? q.choices.map((c) => ({ id: c.id, text: c.text })) : undefined,
          correctChoiceId: q.correctChoiceId,
          openedAt: date(q.openedAt),
        },
      });
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
      for (const slice of slices(answers, WRITE_SLICE)) {
        await prisma.$executeRawUnsafe(
          INSERT_ANSWERS,
          roomId,
          q.cardId,
          slice.map((a) => a.playerId),
          slice.map((a) => a.questionIndex),
          slice.map((a) => a.choiceId),
          slice.map((a) => a.text),
          slice.map((a) => iso(a.receivedAt)),
          slice.map((a) => a.elapsedMs),
          slice.map((a) => a.verdict),
          slice.map((a) => a.gradeScore),
          slice.map((a) => a.points),
          slice.map((a) => a.overridden),
          slice.map((a) => JSON.stringify(a.matched)),
        );
        await breathe();
      }
      await updateScores(totals, false);
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
      await prisma.room.update({ where: { id: roomId }, data: { status: 'finished' satisfies RoomStatus, endedAt: date(at) } });
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
export type RoomRepository = ReturnType<typeof createRoomRepository>;
