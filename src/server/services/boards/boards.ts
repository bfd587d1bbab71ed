import { accuracy, averageMs, movements, rankStandings, type Standing } from '../../../boards/ranking';
import { ServiceError } from '../../errors';
import type { BoardStatsRepository, Range, StandingRow } from '../../repositories/board-stats';
import {
  iso,
  ms,
  type GroupRef,
  type GroupScopes,
  type ResolvedScope,
  type ScopeOption,
  type SeasonRef,
} from './scope';

/**
 * Group boards (a group's people ranked over a scope, across its games) and public deck boards (each person's
 * best game on a deck) [R11.3, R11.4]. Not the in-game leaderboard between questions: that is src/game.
 */

export interface BoardRow {
  rank: number;
  /** Places gained since the board before the scope's latest game; null = first game in this scope. */
  movement: number | null;
  profileId: string;
  displayName: string;
  games: number;
  points: number;
  correct: number;
  answered: number;
  accuracy: number | null;
  avgMs: number | null;
  lastPlayedAt: string;
}

export interface GroupBoard {
  group: GroupRef;
  scope: ResolvedScope;
  scopes: ScopeOption[];
  /** The admin-defined seasons (for the admin tools). */
  seasons: SeasonRef[];
  games: number;
  lastGameAt: string | null;
  /** Results of players without a profile in this scope (not on the board). */
  guests: number;
  rows: BoardRow[];
}

export interface DeckBoard {
  deck: { id: string; title: string };
  rows: {
    rank: number;
    displayName: string;
    groupName: string;
    code: string;
    endedAt: string;
    score: number;
    correct: number;
    answered: number;
    accuracy: number | null;
    avgMs: number | null;
  }[];
}

export interface BoardServiceDeps {
  stats: BoardStatsRepository;
  decks: { get(id: string): Promise<{ id: string; title: string } | null> };
  scopes: GroupScopes;
}

/** Ranks the standings now and as they were before the scope's latest game [R11.3, R11.4]. */
function rankBoard(rows: StandingRow[]): BoardRow[] {
  const current = rankStandings(
    rows.map((r): Standing & { row: StandingRow } => ({
      id: r.profileId,
      points: r.points,
      correct: r.correct,
      answered: r.answered,
      answerMs: r.answerMs,
      achievedAt: ms(r.lastAt),
      row: r,
    })),
  );
  const previous = rankStandings(
    rows
      .filter((r) => r.prevGames > 0 && r.prevLastAt !== null)
      .map((r): Standing => ({
        id: r.profileId,
        points: r.prevPoints,
        correct: r.prevCorrect,
        answered: r.prevAnswered,
        answerMs: r.prevAnswerMs,
        achievedAt: r.prevLastAt ? ms(r.prevLastAt) : 0,
      })),
  );
  const moved = movements(current, previous);
  return current.map((s) => ({
    rank: s.rank,
    movement: moved.get(s.id) ?? null,
    profileId: s.id,
    displayName: s.row.displayName,
    games: s.row.games,
    points: s.points,
    correct: s.correct,
    answered: s.answered,
    accuracy: accuracy(s.correct, s.answered),
    avgMs: averageMs(s.answerMs, s.answered),
    lastPlayedAt: iso(s.row.lastAt),
  }));
}

export function createBoardService(deps: BoardServiceDeps) {
  const { stats, scopes } = deps;

  async function standings(groupId: string, range: Range): Promise<StandingRow[]> {
    let rows = await stats.groupStandings(groupId, range);
    if (rows.some((r) => r.unfilled > 0)) {
      await stats.fillAnswerMs({ groupId });
      rows = await stats.groupStandings(groupId, range);
    }
    return rows;
  }

  return {
    /** A group's board for a scope [R11.3-R11.5]. */
    async groupBoard(groupId: string, rawScope?: string | null): Promise<GroupBoard> {
      const group = await scopes.requireGroup(groupId);
      const { scope, range } = await scopes.resolve(groupId, rawScope);
      const [rows, summary, options] = await Promise.all([
        standings(groupId, range),
        stats.scopeSummary(groupId, range),
        scopes.options(groupId),
      ]);
      return {
        group: scopes.groupRef(group),
        scope,
        scopes: options.scopes,
        seasons: options.seasons,
        games: summary.games,
        lastGameAt: summary.lastAt ? iso(summary.lastAt) : null,
        guests: summary.guests,
        rows: rankBoard(rows),
      };
    },

    /** Each person's best game on a deck across groups with public boards [R11.3]. */
    async deckBoard(deckId: string, limit = 100): Promise<DeckBoard> {
      const deck = await deps.decks.get(deckId);
      if (!deck) throw new ServiceError('deck_not_found', `No deck "${deckId}".`, 404);
      if (await stats.deckUnfilled(deckId)) await stats.fillAnswerMs({ deckId });
      const rows = await stats.deckBoard(deckId, limit);
      const ranked = rankStandings(
        rows.map((r, i) => ({
          id: `${r.profileId}`,
          points: r.score,
          correct: r.correct,
          answered: r.answered,
          answerMs: r.answerMs,
          achievedAt: ms(r.endedAt),
          i,
        })),
      );
      return {
        deck: { id: deck.id, title: deck.title },
        rows: ranked.map((s) => {
          const r = rows[s.i] as (typeof rows)[number];
          return {
            rank: s.rank,
            displayName: r.displayName,
            groupName: r.groupName,
            code: r.code,
            endedAt: iso(r.endedAt),
            score: r.score,
            correct: r.correct,
            answered: r.answered,
            accuracy: accuracy(r.correct, r.answered),
            avgMs: averageMs(r.answerMs, r.answered),
          };
        }),
      };
    },
  };
}
export type BoardService = ReturnType<typeof createBoardService>;
