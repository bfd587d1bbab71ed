import { accuracy, averageMs } from '../../../boards/ranking';
import { ServiceError } from '../../errors';
import type { BoardStatsRepository, ExportAnswerRow } from '../../repositories/board-stats';
import type { BoardService, GroupBoard } from './boards';
import { iso, type GroupScopes } from './scope';

/**
 * The data of exports [R11.8]: a room's results (every player and answer, removed players and voided questions
 * flagged) and a group's board and counted answers for a scope. The formats are export-formats.ts.
 */

export interface ExportPlayer {
  rank: number | null;
  nickname: string;
  profileId: string | null;
  displayName: string | null;
  games: number;
  score: number;
  correct: number;
  answered: number;
  accuracy: number | null;
  avgMs: number | null;
  movement: number | null;
  removed: boolean;
}

export interface ExportAnswer {
  room: string;
  endedAt: string | null;
  question: number;
  kind: string;
  cardId: string;
  topic: string | null;
  prompt: string;
  nickname: string;
  profileId: string | null;
  displayName: string | null;
  answer: string;
  verdict: string;
  gradeScore: number;
  points: number;
  elapsedMs: number;
  overridden: boolean;
  skipped: boolean;
  receivedAt: string;
}

export interface RoomExport {
  room: { code: string; title: string; deckId: string; status: string; endedAt: string | null };
  players: ExportPlayer[];
  answers: ExportAnswer[];
}

/** A group's export reads this many games' answers at a time (oldest first). */
const ROOMS_PER_EXPORT_BATCH = 25;

export function createExportService(deps: {
  stats: BoardStatsRepository;
  boards: BoardService;
  scopes: GroupScopes;
}) {
  const { stats, scopes } = deps;
  return {
    /** A room's results: one row per player, one per answer [R11.8]. */
    async room(code: string): Promise<RoomExport> {
      const room = await stats.roomByCode(code);
      if (!room) throw new ServiceError('room_not_found', `No game with code ${code}.`, 404);
      const [players, answers] = await Promise.all([
        stats.roomExportPlayers(room.id),
        stats.exportAnswers([room.id], false),
      ]);
      return {
        room: {
          code: room.code,
          title: room.title,
          deckId: room.deckId,
          status: room.status,
          endedAt: room.endedAt ? iso(room.endedAt) : null,
        },
        players: players.map((p) => ({
          rank: p.removed ? null : p.finalRank,
          nickname: p.nickname,
          profileId: p.profileId,
          displayName: p.displayName,
          games: 1,
          score: p.score,
          correct: p.correct,
          answered: p.answered,
          accuracy: accuracy(p.correct, p.answered),
          avgMs: averageMs(p.answerMs, p.answered),
          movement: null,
          removed: p.removed,
        })),
        answers: answers.map(exportAnswer),
      };
    },

    /** A group's board as export rows (one per profile). */
    async groupPlayers(
      groupId: string,
      rawScope?: string | null,
    ): Promise<{ board: GroupBoard; players: ExportPlayer[] }> {
      const board = await deps.boards.groupBoard(groupId, rawScope);
      return {
        board,
        players: board.rows.map((r) => ({
          rank: r.rank,
          nickname: r.displayName,
          profileId: r.profileId,
          displayName: r.displayName,
          games: r.games,
          score: r.points,
          correct: r.correct,
          answered: r.answered,
          accuracy: r.accuracy,
          avgMs: r.avgMs,
          movement: r.movement,
          removed: false,
        })),
      };
    },

    /** The counted answers of a group's games in a scope, a batch of games at a time (oldest first). */
    async *groupAnswers(groupId: string, rawScope?: string | null): AsyncGenerator<ExportAnswer[]> {
      await scopes.requireGroup(groupId);
      const { range } = await scopes.resolve(groupId, rawScope);
      const ids = await stats.groupRoomIds(groupId, range);
      for (let i = 0; i < ids.length; i += ROOMS_PER_EXPORT_BATCH) {
        const rows = await stats.exportAnswers(ids.slice(i, i + ROOMS_PER_EXPORT_BATCH), true);
        yield rows.map(exportAnswer);
      }
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;

function exportAnswer(a: ExportAnswerRow): ExportAnswer {
  return {
    room: a.code,
    endedAt: a.endedAt ? iso(a.endedAt) : null,
    question: a.questionIndex + 1,
    kind: a.kind,
    cardId: a.cardId,
    topic: a.topic,
    prompt: a.prompt,
    nickname: a.nickname,
    profileId: a.profileId,
    displayName: a.displayName,
    answer: a.choiceText ?? a.text ?? a.choiceId ?? '',
    verdict: a.verdict,
    gradeScore: a.gradeScore,
    points: a.points,
    elapsedMs: a.elapsedMs,
    overridden: a.overridden,
    skipped: a.skipped,
    receivedAt: iso(a.receivedAt),
  };
}
