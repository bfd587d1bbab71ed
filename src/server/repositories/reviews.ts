import type { PrismaClient } from '../../generated/prisma/client';
import { Prisma } from '../../generated/prisma/client';

/** The review queue's rows (src/server/services/study.ts holds the rules). Plain objects in and out. */

export interface ReviewCardRow {
  profileId: string;
  cardId: string;
  deckId: string;
  phase: string;
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
}

export interface ReviewLogRow {
  id: string;
  profileId: string;
  cardId: string;
  deckId: string;
  source: string;
  verdict: string;
  rating: number;
  selfRated: boolean;
  elapsedMs: number;
  reviewedAt: Date;
  before: unknown;
  phase: string;
  stability: number;
  difficulty: number;
  due: Date;
  scheduledDays: number;
}

/** A graded answer of a profile in a finished live room. */
export interface RoomAnswerRow {
  profileId: string;
  cardId: string;
  deckId: string;
  verdict: string;
  elapsedMs: number;
  receivedAt: Date;
  settings: unknown;
}

export interface DeckCardRow {
  id: string;
  deckId: string;
  deckTitle: string;
  topic: string | null;
}

const CARD_SELECT = {
  profileId: true,
  cardId: true,
  deckId: true,
  phase: true,
  due: true,
  stability: true,
  difficulty: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  lastReview: true,
} as const;

const LOG_SELECT = {
  id: true,
  profileId: true,
  cardId: true,
  deckId: true,
  source: true,
  verdict: true,
  rating: true,
  selfRated: true,
  elapsedMs: true,
  reviewedAt: true,
  before: true,
  phase: true,
  stability: true,
  difficulty: true,
  due: true,
  scheduledDays: true,
} as const;

const json = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));

function cardData(c: ReviewCardRow, now: Date) {
  const { profileId: _p, cardId: _c, ...rest } = c;
  return { ...rest, updatedAt: now };
}

export function createReviewRepository(prisma: PrismaClient) {
  return {
    /** The counted answers of profile-linked players of a room (not removed, question not voided). */
    async roomAnswers(roomId: string): Promise<RoomAnswerRow[]> {
      const rows = await prisma.answer.findMany({
        where: { roomId, player: { profileId: { not: null }, removedAt: null } },
        select: {
          cardId: true,
          verdict: true,
          elapsedMs: true,
          receivedAt: true,
          questionIndex: true,
          player: { select: { profileId: true } },
          room: { select: { deckId: true, settings: true, questions: { select: { index: true, skipped: true } } } },
        },
        orderBy: { receivedAt: 'asc' },
      });
      const out: RoomAnswerRow[] = [];
      for (const r of rows) {
        if (!r.player.profileId) continue;
        if (r.room.questions.some((q) => q.index === r.questionIndex && q.skipped)) continue;
        out.push({
          profileId: r.player.profileId,
          cardId: r.cardId,
          deckId: r.room.deckId,
          verdict: r.verdict,
          elapsedMs: r.elapsedMs,
          receivedAt: r.receivedAt,
          settings: r.room.settings,
        });
      }
      return out;
    },

    /** The room's id and deck, by code. */
    async roomByCode(code: string): Promise<{ id: string; deckId: string; status: string } | null> {
      return prisma.room.findUnique({ where: { code }, select: { id: true, deckId: true, status: true } });
    },

    /** The cards of `cardIds` that exist (a deck's edit may have removed some). */
    async existingCards(cardIds: string[]): Promise<Set<string>> {
      if (cardIds.length === 0) return new Set();
      const rows = await prisma.card.findMany({ where: { id: { in: cardIds } }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },

    async cards(profileId: string, cardIds: string[]): Promise<ReviewCardRow[]> {
      if (cardIds.length === 0) return [];
      return prisma.reviewCard.findMany({ where: { profileId, cardId: { in: cardIds } }, select: CARD_SELECT });
    },

    async card(profileId: string, cardId: string): Promise<ReviewCardRow | null> {
      return prisma.reviewCard.findUnique({ where: { profileId_cardId: { profileId, cardId } }, select: CARD_SELECT });
    },

    /**
     * Stores reviews in order: each log row once (a repeated event finds its row and changes nothing), and the
     * card's state with it. Returns how many were new.
     */
    async record(entries: { log: ReviewLogRow; card: ReviewCardRow }[], now: Date): Promise<number> {
      if (entries.length === 0) return 0;
      return prisma.$transaction(async (tx) => {
        let added = 0;
        for (const { log, card } of entries) {
          const r = await tx.reviewLog.createMany({ data: [{ ...log, before: json(log.before) }], skipDuplicates: true });
          if (r.count === 0) continue;
          added++;
          await tx.reviewCard.upsert({
            where: { profileId_cardId: { profileId: card.profileId, cardId: card.cardId } },
            create: { ...cardData(card, now), profileId: card.profileId, cardId: card.cardId },
            update: cardData(card, now),
          });
        }
        return added;
      });
    },

    async log(profileId: string, id: string): Promise<ReviewLogRow | null> {
      return prisma.reviewLog.findFirst({ where: { id, profileId }, select: LOG_SELECT });
    },

    /** Replaces a review's rating and outcome (a self-rating) and the card's state, if it was the card's last review. */
    async rerate(log: ReviewLogRow, card: ReviewCardRow, now: Date): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const later = await tx.reviewLog.count({
          where: { profileId: log.profileId, cardId: log.cardId, reviewedAt: { gt: log.reviewedAt } },
        });
        if (later > 0) return false;
        await tx.reviewLog.update({
          where: { id: log.id },
          data: {
            rating: log.rating,
            selfRated: true,
            phase: log.phase,
            stability: log.stability,
            difficulty: log.difficulty,
            due: log.due,
            scheduledDays: log.scheduledDays,
          },
        });
        await tx.reviewCard.update({
          where: { profileId_cardId: { profileId: card.profileId, cardId: card.cardId } },
          data: cardData(card, now),
        });
        return true;
      });
    },

    /** Cards due by `until`, soonest first. */
    async due(profileId: string, until: Date, limit: number, opts: { cardIds?: string[] | undefined; reviewedBefore?: Date | undefined } = {}): Promise<ReviewCardRow[]> {
      return prisma.reviewCard.findMany({
        where: {
          profileId,
          due: { lte: until },
          ...(opts.cardIds ? { cardId: { in: opts.cardIds } } : {}),
          ...(opts.reviewedBefore ? { OR: [{ lastReview: null }, { lastReview: { lt: opts.reviewedBefore } }] } : {}),
        },
        orderBy: [{ due: 'asc' }, { cardId: 'asc' }],
        take: limit,
        select: CARD_SELECT,
      });
    },

    async dueCount(profileId: string, until: Date): Promise<number> {
      return prisma.reviewCard.count({ where: { profileId, due: { lte: until } } });
    },

    async allCards(profileId: string): Promise<ReviewCardRow[]> {
      return prisma.reviewCard.findMany({ where: { profileId }, select: CARD_SELECT, orderBy: { due: 'asc' } });
    },

    /** The reviews of some profiles (on some decks), oldest first. */
    async logs(profileIds: string[], opts: { deckIds?: string[] } = {}): Promise<ReviewLogRow[]> {
      if (profileIds.length === 0) return [];
      return prisma.reviewLog.findMany({
        where: { profileId: { in: profileIds }, ...(opts.deckIds ? { deckId: { in: opts.deckIds } } : {}) },
        orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
        select: LOG_SELECT,
      });
    },

    /** Every card of the decks, with its deck's title and topic (the denominators of mastery). */
    async deckCards(deckIds: string[]): Promise<DeckCardRow[]> {
      if (deckIds.length === 0) return [];
      const rows = await prisma.card.findMany({
        where: { deckId: { in: deckIds } },
        select: { id: true, deckId: true, topic: true, deck: { select: { title: true } } },
        orderBy: [{ deckId: 'asc' }, { position: 'asc' }],
      });
      return rows.map((r) => ({ id: r.id, deckId: r.deckId, deckTitle: r.deck.title, topic: r.topic }));
    },

    /** Profiles with a result in a finished game of the group (not hidden from it), and the decks it played. */
    async groupMembersAndDecks(groupId: string): Promise<{ profileIds: string[]; deckIds: string[] }> {
      const rooms = await prisma.room.findMany({
        where: { groupId, status: 'finished' },
        select: { deckId: true, players: { where: { profileId: { not: null }, removedAt: null, hiddenFromGroup: false }, select: { profileId: true } } },
      });
      const profiles = new Set<string>();
      const decks = new Set<string>();
      for (const r of rooms) {
        decks.add(r.deckId);
        for (const p of r.players) if (p.profileId) profiles.add(p.profileId);
      }
      return { profileIds: [...profiles], deckIds: [...decks] };
    },
  };
}
export type ReviewRepository = ReturnType<typeof createReviewRepository>;
