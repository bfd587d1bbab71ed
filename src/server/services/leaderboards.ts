import { accuracy, averageMs, movements, rankStandings, type Standing } from '../../leaderboards/ranking';
import { ALL_TIME, monthLabel, monthRange, parseScope, scopeParam, type Scope } from '../../leaderboards/seasons';
import { ServiceError } from '../errors';
import type { Clock } from '../realtime/clock';
import type { CardStatRow, ExportAnswerRow, LeaderboardRepository, Range, StandingRow } from '../repositories/leaderboards';
import type { GroupInfo, GroupService } from './profiles';

/**
 * Cross-session boards, group insights, personal pages, deck boards and exports [R11]. Reads go through the
 * leaderboard repository's aggregate queries; this service picks the scope, ranks (one comparator,
 * src/leaderboards/ranking.ts) and shapes plain JSON-friendly objects (dates as ISO strings).
 */

export interface ScopeOption {
  param: string;
  label: string;
  kind: Scope['kind'];
}

export interface ResolvedScope extends ScopeOption {
  from: string | null;
  to: string | null;
}

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
  group: { id: string; name: string; publicBoards: boolean };
  scope: ResolvedScope;
  scopes: ScopeOption[];
  /** The admin-defined seasons (for the admin tools). */
  seasons: { id: string; name: string; startsAt: string; endsAt: string }[];
  games: number;
  lastGameAt: string | null;
  /** Results of players without a profile in this scope (not on the board). */
  guests: number;
  rows: BoardRow[];
}

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
}

export interface GroupInsights {
  group: { id: string; name: string; publicBoards: boolean };
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
  totals: { games: number; points: number; correct: number; answered: number; accuracy: number | null; avgMs: number | null };
  games: PersonalGame[];
  missed: { cardId: string; deckTitle: string; prompt: string; answer: string; topic: string | null; answered: number; missed: number; lastMissedAt: string | null }[];
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

export interface LeaderboardDeps {
  stats: LeaderboardRepository;
  groups: GroupService;
  profiles: { byId(id: string): Promise<{ id: string; displayName: string; createdAt: Date } | null> };
  decks: { get(id: string): Promise<{ id: string; title: string } | null> };
  clock: Clock;
  /** How often a watched group's version is checked (ms). */
  pollMs?: number;
}

/** How many of the latest games the group accuracy chart shows. */
export const SESSION_CHART_LIMIT = 60;
/** How many cards "play the cards we miss most" asks. */
export const PRACTICE_CARDS = 10;
const ROOMS_PER_EXPORT_BATCH = 25;

const iso = (d: Date | string): string => new Date(d).toISOString();
const ms = (d: Date | string): number => new Date(d).getTime();

/** Hardest first: lower accuracy, then slower, then more answers, then deck order. */
function harder(a: CardInsight, b: CardInsight): number {
  const byAcc = a.correct * b.answered - b.correct * a.answered;
  return byAcc || (b.avgMs ?? 0) - (a.avgMs ?? 0) || b.answered - a.answered || a.position - b.position || (a.cardId < b.cardId ? -1 : 1);
}

export function createLeaderboardService(deps: LeaderboardDeps) {
  const pollMs = deps.pollMs ?? 2000;

  async function requireGroup(id: string): Promise<GroupInfo> {
    const g = await deps.groups.get(id);
    if (!g) throw new ServiceError('bad_request', 'No such group. Check the link you were given.', 404);
    return g;
  }

  /** The scope's date range and label; seasons come from the group admin, months from the calendar [R11.5]. */
  async function resolveScope(groupId: string, raw: string | null | undefined): Promise<{ scope: ResolvedScope; range: Range }> {
    const scope = parseScope(raw);
    if (!scope) throw new ServiceError('bad_request', 'season must be all, month:YYYY-MM or season:<id>.', 400);
    switch (scope.kind) {
      case 'all':
        return { scope: { param: 'all', label: 'All time', kind: 'all', from: null, to: null }, range: ALL_TIME };
      case 'month': {
        const range = monthRange(scope.key);
        return {
          scope: { param: scopeParam(scope), label: monthLabel(scope.key), kind: 'month', from: iso(range.from), to: iso(range.to) },
          range,
        };
      }
      case 'season': {
        const s = await deps.groups.season(groupId, scope.id);
        if (!s) throw new ServiceError('bad_request', 'No such season in this group.', 404);
        return {
          scope: { param: scopeParam(scope), label: s.name, kind: 'season', from: iso(s.startsAt), to: iso(s.endsAt) },
          range: { from: s.startsAt, to: s.endsAt },
        };
      }
      default: {
        const never: never = scope;
        throw new Error(`unknown scope ${JSON.stringify(never)}`);
      }
    }
  }

  /** All time, the admin's seasons, then the calendar months with games (newest first). */
  async function scopeOptions(groupId: string): Promise<{ scopes: ScopeOption[]; seasons: GroupBoard['seasons'] }> {
    const [seasons, months] = await Promise.all([deps.groups.seasons(groupId), deps.stats.groupMonths(groupId)]);
    return {
      scopes: [
        { param: 'all', label: 'All time', kind: 'all' },
        ...seasons.map((s) => ({ param: `season:${s.id}`, label: s.name, kind: 'season' as const })),
        ...months.map((m) => ({ param: `month:${m}`, label: monthLabel(m), kind: 'month' as const })),
      ],
      seasons: seasons.map((s) => ({ id: s.id, name: s.name, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })),
    };
  }

  async function standings(groupId: string, range: Range): Promise<StandingRow[]> {
    let rows = await deps.stats.groupStandings(groupId, range);
    if (rows.some((r) => r.unfilled > 0)) {
      await deps.stats.fillAnswerMs({ groupId });
      rows = await deps.stats.groupStandings(groupId, range);
    }
    return rows;
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

  const groupRef = (g: GroupInfo) => ({ id: g.id, name: g.name, publicBoards: g.publicBoards });

  // ---- live updates: one poll per watched group, shared by all its watchers ----
  const watched = new Map<string, { listeners: Set<() => void>; version: string | null; cancel: (() => void) | null }>();

  function notify(groupId: string): void {
    const w = watched.get(groupId);
    if (!w) return;
    for (const l of [...w.listeners]) {
      try {
        l();
      } catch {
        /* a closed stream */
      }
    }
  }

  async function poll(groupId: string): Promise<void> {
    const w = watched.get(groupId);
    if (!w) return;
    try {
      const v = await deps.stats.groupVersion(groupId);
      if (w.version !== null && v !== w.version) notify(groupId);
      w.version = v;
    } catch {
      /* the database is busy or closing: try again next time */
    }
    if (watched.get(groupId) === w && w.listeners.size > 0) w.cancel = deps.clock.setTimeout(() => void poll(groupId), pollMs);
  }

  async function groupBoard(groupId: string, rawScope?: string | null): Promise<GroupBoard> {
    const group = await requireGroup(groupId);
    const { scope, range } = await resolveScope(groupId, rawScope);
    const [rows, summary, options] = await Promise.all([
      standings(groupId, range),
      deps.stats.scopeSummary(groupId, range),
      scopeOptions(groupId),
    ]);
    return {
      group: groupRef(group),
      scope,
      scopes: options.scopes,
      seasons: options.seasons,
      games: summary.games,
      lastGameAt: summary.lastAt ? iso(summary.lastAt) : null,
      guests: summary.guests,
      rows: rankBoard(rows),
    };
  }

  return {
    resolveScope,
    groupBoard,

    async insights(groupId: string, rawScope?: string | null, deckId?: string | null): Promise<GroupInsights> {
      const group = await requireGroup(groupId);
      const { scope, range } = await resolveScope(groupId, rawScope);
      const [decks, { scopes }] = await Promise.all([deps.stats.groupDecks(groupId, range), scopeOptions(groupId)]);
      const chosen = deckId && decks.some((d) => d.deckId === deckId) ? deckId : null;
      // The per-card figures come from a per-room cache; rooms whose players' totals moved on (a late override,
      // a hidden result) or that were never summed are recomputed first [R11.9].
      const rooms = await deps.stats.groupRoomTotals(groupId, range);
      const stale = rooms.filter((r) => r.stale).map((r) => r.roomId);
      for (let i = 0; i < stale.length; i += 100) await deps.stats.refreshRoomStats(stale.slice(i, i + 100));
      const cardRows = await deps.stats.groupCardStats(groupId, range, chosen);
      const sessions = (chosen ? rooms.filter((r) => r.deckId === chosen) : rooms).slice(-SESSION_CHART_LIMIT);
      const cards = cardRows
        .map((c): CardInsight => ({ ...c, accuracy: accuracy(c.correct, c.answered), avgMs: averageMs(c.answerMs, c.answered) }))
        .sort(harder);
      const byTopic = new Map<string, { cards: number; answered: number; correct: number; answerMs: number }>();
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
        .map(([topic, t]): TopicInsight => ({ topic, cards: t.cards, answered: t.answered, correct: t.correct, accuracy: accuracy(t.correct, t.answered), avgMs: averageMs(t.answerMs, t.answered) }))
        .sort((a, b) => a.correct * b.answered - b.correct * a.answered || b.answered - a.answered || a.topic.localeCompare(b.topic));
      const answered = cardRows.reduce((n, c) => n + c.answered, 0);
      const correct = cardRows.reduce((n, c) => n + c.correct, 0);
      const totalMs = cardRows.reduce((n, c) => n + c.answerMs, 0);
      const practiceDeck = chosen ?? decks[0]?.deckId ?? null;
      const weakest = cards.filter((c) => c.deckId === practiceDeck && c.correct < c.answered).slice(0, PRACTICE_CARDS);
      const first = weakest[0];
      return {
        group: groupRef(group),
        scope,
        scopes,
        decks,
        deckId: chosen,
        totals: {
          games: chosen ? (decks.find((d) => d.deckId === chosen)?.games ?? 0) : decks.reduce((n, d) => n + d.games, 0),
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
        })),
        practice: first ? { deckId: first.deckId, deckTitle: first.deckTitle, positions: weakest.map((c) => c.position).sort((a, b) => a - b) } : null,
      };
    },

    /** A person's history, accuracy over time and most missed cards [R11.7]. */
    async personal(profileId: string): Promise<PersonalPage> {
      const profile = await deps.profiles.byId(profileId);
      if (!profile) throw new ServiceError('bad_request', 'No such profile.', 404);
      let games = await deps.stats.profileGames(profileId, 500);
      if (games.some((g) => g.answerMs === null)) {
        await deps.stats.fillAnswerMs({ profileId });
        games = await deps.stats.profileGames(profileId, 500);
      }
      const [totals, missed] = await Promise.all([deps.stats.profileTotals(profileId), deps.stats.profileMissed(profileId, 12)]);
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

    /** Each person's best game on a deck across groups with public boards [R11.3]. */
    async deckBoard(deckId: string, limit = 100): Promise<DeckBoard> {
      const deck = await deps.decks.get(deckId);
      if (!deck) throw new ServiceError('deck_not_found', `No deck "${deckId}".`, 404);
      if (await deps.stats.deckUnfilled(deckId)) await deps.stats.fillAnswerMs({ deckId });
      const rows = await deps.stats.deckBoard(deckId, limit);
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

    /** A room's results: one row per player, one per answer [R11.8]. */
    async roomExport(code: string): Promise<{
      room: { code: string; title: string; deckId: string; status: string; endedAt: string | null };
      players: ExportPlayer[];
      answers: ExportAnswer[];
    }> {
      const room = await deps.stats.roomByCode(code);
      if (!room) throw new ServiceError('room_not_found', `No game with code ${code}.`, 404);
      const [players, answers] = await Promise.all([deps.stats.roomExportPlayers(room.id), deps.stats.exportAnswers([room.id], false)]);
      return {
        room: { code: room.code, title: room.title, deckId: room.deckId, status: room.status, endedAt: room.endedAt ? iso(room.endedAt) : null },
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
    async groupExportPlayers(groupId: string, rawScope?: string | null): Promise<{ board: GroupBoard; players: ExportPlayer[] }> {
      const board = await groupBoard(groupId, rawScope);
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
    async *groupExportAnswers(groupId: string, rawScope?: string | null): AsyncGenerator<ExportAnswer[]> {
      await requireGroup(groupId);
      const { range } = await resolveScope(groupId, rawScope);
      const ids = await deps.stats.groupRoomIds(groupId, range);
      for (let i = 0; i < ids.length; i += ROOMS_PER_EXPORT_BATCH) {
        const rows = await deps.stats.exportAnswers(ids.slice(i, i + ROOMS_PER_EXPORT_BATCH), true);
        yield rows.map(exportAnswer);
      }
    },

    /** Calls `listener` whenever a game of the group finishes or an admin changes it; returns "stop". */
    watch(groupId: string, listener: () => void): () => void {
      let w = watched.get(groupId);
      if (!w) {
        w = { listeners: new Set(), version: null, cancel: null };
        watched.set(groupId, w);
      }
      w.listeners.add(listener);
      if (!w.cancel) void poll(groupId);
      const entry = w;
      return () => {
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0) {
          entry.cancel?.();
          if (watched.get(groupId) === entry) watched.delete(groupId);
        }
      };
    },

    /** Something shown on the group's pages changed in this process: tell its watchers now. */
    touch(groupId: string): void {
      notify(groupId);
    },

    /** Stops every poll (server shutdown). */
    close(): void {
      for (const w of watched.values()) w.cancel?.();
      watched.clear();
    },
  };
}
export type LeaderboardService = ReturnType<typeof createLeaderboardService>;

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
