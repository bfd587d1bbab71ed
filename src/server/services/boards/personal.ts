import { accuracy, averageMs } from '../../../boards/ranking';
import { ServiceError } from '../../errors';
import type { BoardStatsRepository } from '../../repositories/board-stats';
import { iso } from './scope';

/** A person's own page: their games, accuracy over time and most missed cards [R11.7]. */

export interface PersonalGame {
  code: string;
  title: string;
  deckId: string;
  endedAt: string;
  nickname: string;
  score: number;
  rank: number | null;
  players: number;
  correct: number;
  answered: number;
  accuracy: number | null;
  avgMs: number | null;
  groupName: string | null;
}

export interface PersonalPage {
  profile: { id: string; displayName: string; createdAt: string };
  totals: {
    games: number;
    points: number;
    correct: number;
    answered: number;
    accuracy: number | null;
    avgMs: number | null;
  };
  games: PersonalGame[];
  missed: {
    cardId: string;
    deckTitle: string;
    prompt: string;
    answer: string;
    topic: string | null;
    answered: number;
    missed: number;
    lastMissedAt: string | null;
  }[];
}

export interface PersonalServiceDeps {
  stats: BoardStatsRepository;
  profiles: { byId(id: string): Promise<{ id: string; displayName: string; createdAt: Date } | null> };
}

export function createPersonalService(deps: PersonalServiceDeps) {
  const { stats } = deps;
  return {
    async page(profileId: string): Promise<PersonalPage> {
      const profile = await deps.profiles.byId(profileId);
      if (!profile) throw new ServiceError('bad_request', 'No such profile.', 404);
      let games = await stats.profileGames(profileId, 500);
      if (games.some((g) => g.answerMs === null)) {
        await stats.fillAnswerMs({ profileId });
        games = await stats.profileGames(profileId, 500);
      }
      const [totals, missed] = await Promise.all([
        stats.profileTotals(profileId),
        stats.profileMissed(profileId, 12),
      ]);
      return {
        profile: { id: profile.id, displayName: profile.displayName, createdAt: iso(profile.createdAt) },
        totals: {
          games: totals.games,
          points: totals.points,
          correct: totals.correct,
          answered: totals.answered,
          accuracy: accuracy(totals.correct, totals.answered),
          avgMs: averageMs(totals.answerMs, totals.answered),
        },
        games: games.map((g) => ({
          code: g.code,
          title: g.title,
          deckId: g.deckId,
          endedAt: iso(g.endedAt),
          nickname: g.nickname,
          score: g.score,
          rank: g.finalRank,
          players: g.playerCount,
          correct: g.correct,
          answered: g.answered,
          accuracy: accuracy(g.correct, g.answered),
          avgMs: averageMs(g.answerMs ?? 0, g.answered),
          groupName: g.groupName,
        })),
        missed: missed.map((m) => ({ ...m, lastMissedAt: m.lastMissedAt ? iso(m.lastMissedAt) : null })),
      };
    },
  };
}
export type PersonalService = ReturnType<typeof createPersonalService>;
