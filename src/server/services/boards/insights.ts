import { accuracy, averageMs } from '../../../boards/ranking';
import type { BoardStatsRepository, CardStatRow } from '../../repositories/board-stats';
import { iso, type GroupRef, type GroupScopes, type ResolvedScope, type ScopeOption } from './scope';

/** A group's insights per card and per topic, its accuracy over games, and the cards to practise [R11.7]. */

/** A card's totals in a group, as stored, with accuracy and average time worked out. */
export type CardInsight = Omit<CardStatRow, 'answerMs'> & {
  accuracy: number | null;
  avgMs: number | null;
};

export interface TopicInsight {
  topic: string;
  cards: number;
  answered: number;
  correct: number;
  accuracy: number | null;
  avgMs: number | null;
}

export interface SessionPoint {
  code: string;
  title: string;
  endedAt: string;
  players: number;
  answered: number;
  accuracy: number | null;
  /** A self-paced assignment rather than a live game (docs/ASSIGNMENTS.md). */
  selfPaced: boolean;
}

export interface GroupInsights {
  group: GroupRef;
  scope: ResolvedScope;
  scopes: ScopeOption[];
  decks: { deckId: string; title: string; games: number }[];
  deckId: string | null;
  totals: { games: number; answered: number; correct: number; accuracy: number | null; avgMs: number | null };
  cards: CardInsight[];
  topics: TopicInsight[];
  sessions: SessionPoint[];
  /** The deck and positions of "play the cards we miss most"; null when nothing was missed. */
  practice: { deckId: string; deckTitle: string; positions: number[] } | null;
}

/** How many of the latest games the group accuracy chart shows. */
export const SESSION_CHART_LIMIT = 60;
/** How many cards "play the cards we miss most" asks. */
export const PRACTICE_CARDS = 10;

/** Hardest first: lower accuracy, then slower, then more answers, then deck order. */
function harder(a: CardInsight, b: CardInsight): number {
  const byAcc = a.correct * b.answered - b.correct * a.answered;
  return (
    byAcc ||
    (b.avgMs ?? 0) - (a.avgMs ?? 0) ||
    b.answered - a.answered ||
    a.position - b.position ||
    (a.cardId < b.cardId ? -1 : 1)
  );
}

export function createInsightService(deps: { stats: BoardStatsRepository; scopes: GroupScopes }) {
  const { stats, scopes } = deps;
  return {
    async forGroup(
      groupId: string,
      rawScope?: string | null,
      deckId?: string | null,
    ): Promise<GroupInsights> {
      const group = await scopes.requireGroup(groupId);
      const { scope, range } = await scopes.resolve(groupId, rawScope);
      const [decks, { scopes: scopeOptions }] = await Promise.all([
        stats.groupDecks(groupId, range),
        scopes.options(groupId),
      ]);
      const chosen = deckId && decks.some((d) => d.deckId === deckId) ? deckId : null;
      // The per-card figures come from a per-room cache; rooms whose players' totals moved on (a late override,
      // a hidden result) or that were never summed are recomputed first [R11.9].
      const rooms = await stats.groupRoomTotals(groupId, range);
      const stale = rooms.filter((r) => r.stale).map((r) => r.roomId);
      for (let i = 0; i < stale.length; i += 100) await stats.refreshRoomStats(stale.slice(i, i + 100));
      const cardRows = await stats.groupCardStats(groupId, range, chosen);
      const sessions = (chosen ? rooms.filter((r) => r.deckId === chosen) : rooms).slice(
        -SESSION_CHART_LIMIT,
      );
      const cards = cardRows
        .map((c): CardInsight => ({
          ...c,
          accuracy: accuracy(c.correct, c.answered),
          avgMs: averageMs(c.answerMs, c.answered),
        }))
        .sort(harder);
      const byTopic = new Map<
        string,
        { cards: number; answered: number; correct: number; answerMs: number }
      >();
      for (const c of cardRows) {
        const key = c.topic ?? 'Other';
        const t = byTopic.get(key) ?? { cards: 0, answered: 0, correct: 0, answerMs: 0 };
        t.cards += 1;
        t.answered += c.answered;
        t.correct += c.correct;
        t.answerMs += c.answerMs;
        byTopic.set(key, t);
      }
      const topics = [...byTopic.entries()]
        .map(([topic, t]): TopicInsight => ({
          topic,
          cards: t.cards,
          answered: t.answered,
          correct: t.correct,
          accuracy: accuracy(t.correct, t.answered),
          avgMs: averageMs(t.answerMs, t.answered),
        }))
        .sort(
          (a, b) =>
            a.correct * b.answered - b.correct * a.answered ||
            b.answered - a.answered ||
            a.topic.localeCompare(b.topic),
        );
      const answered = cardRows.reduce((n, c) => n + c.answered, 0);
      const correct = cardRows.reduce((n, c) => n + c.correct, 0);
      const totalMs = cardRows.reduce((n, c) => n + c.answerMs, 0);
      const practiceDeck = chosen ?? decks[0]?.deckId ?? null;
      const weakest = cards
        .filter((c) => c.deckId === practiceDeck && c.correct < c.answered)
        .slice(0, PRACTICE_CARDS);
      const first = weakest[0];
      return {
        group: scopes.groupRef(group),
        scope,
        scopes: scopeOptions,
        decks,
        deckId: chosen,
        totals: {
          games: chosen
            ? (decks.find((d) => d.deckId === chosen)?.games ?? 0)
            : decks.reduce((n, d) => n + d.games, 0),
          answered,
          correct,
          accuracy: accuracy(correct, answered),
          avgMs: averageMs(totalMs, answered),
        },
        cards,
        topics,
        sessions: sessions.map((s) => ({
          code: s.code,
          title: s.title,
          endedAt: iso(s.endedAt),
          players: s.players,
          answered: s.answered,
          accuracy: accuracy(s.correct, s.answered),
          selfPaced: s.selfPaced,
        })),
        practice: first
          ? {
              deckId: first.deckId,
              deckTitle: first.deckTitle,
              positions: weakest.map((c) => c.position).sort((a, b) => a - b),
            }
          : null,
      };
    },
  };
}
export type InsightService = ReturnType<typeof createInsightService>;
