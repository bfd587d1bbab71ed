import type { Card, Deck } from '../../decks/types';
import type { PrismaClient } from '../../generated/prisma/client';

/** Decks, cards and learned examples. Returns plain objects; no business rules here. */
export interface DeckSummary {
  id: string;
  title: string;
  description: string | null;
  source: string;
  cardCount: number;
  updatedAt: Date;
}

export interface StoredCard {
  id: string;
  position: number;
  card: Card;
}

export interface StoredDeck {
  id: string;
  title: string;
  description: string | null;
  source: string;
  updatedAt: Date;
  cards: StoredCard[];
}

/** A deck with what only the deck service may look at: who owns it and whether it was deleted. */
export interface DeckRecord extends StoredDeck {
  editTokenHash: string | null;
  deletedAt: Date | null;
}

export type ExampleVerdict = 'accept' | 'wrong';

export interface StoredExample {
  id: string;
  deckId: string;
  cardId: string;
  text: string;
  verdict: ExampleVerdict;
  roomId: string | null;
  createdAt: Date;
}

export interface SaveDeckInput {
  id: string;
  deck: Deck;
  source: string;
  /** One id per card, stable per question (so a card's history and examples survive an edit). */
  cardIds: string[];
  editTokenHash: string | null;
}

/** The structured part of a card that lives in the `data` JSON column. */
function cardData(card: Card): Omit<Card, 'prompt' | 'answer' | 'topic'> {
  const { prompt: _p, answer: _a, topic: _t, ...rest } = card;
  return rest;
}

const CARD_SELECT = { id: true, position: true, prompt: true, answer: true, topic: true, data: true } as const;
const EXAMPLE_SELECT = { id: true, deckId: true, cardId: true, text: true, verdict: true, roomId: true, createdAt: true } as const;

function toExample(r: { id: string; deckId: string; cardId: string; text: string; verdict: string; roomId: string | null; createdAt: Date }): StoredExample {
  return { ...r, verdict: r.verdict === 'accept' ? 'accept' : 'wrong' };
}

export function createDeckRepository(prisma: PrismaClient) {
  async function record(id: string): Promise<DeckRecord | null> {
    const row = await prisma.deck.findUnique({
      where: { id },
      select: {
        id: true,
        title: true,
        description: true,
        source: true,
        updatedAt: true,
        editTokenHash: true,
        deletedAt: true,
        cards: { orderBy: { position: 'asc' }, select: CARD_SELECT },
      },
    });
    if (!row) return null;
    return {
      ...row,
      cards: row.cards.map((c) => ({
        id: c.id,
        position: c.position,
        card: {
          ...(c.data as Omit<Card, 'prompt' | 'answer'>),
          prompt: c.prompt,
          answer: c.answer,
          ...(c.topic ? { topic: c.topic } : {}),
        },
      })),
    };
  }

  return {
    /** Decks that were not deleted. */
    async list(): Promise<DeckSummary[]> {
      const rows = await prisma.deck.findMany({
        where: { deletedAt: null },
        select: { id: true, title: true, description: true, source: true, updatedAt: true, _count: { select: { cards: true } } },
        orderBy: [{ source: 'asc' }, { title: 'asc' }],
      });
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        source: r.source,
        updatedAt: r.updatedAt,
        cardCount: r._count.cards,
      }));
    },

    /** A deck that can be played (null when missing or deleted). */
    async get(id: string): Promise<StoredDeck | null> {
      const r = await record(id);
      if (!r || r.deletedAt !== null) return null;
      const { editTokenHash: _h, deletedAt: _d, ...deck } = r;
      return deck;
    },

    /** Any stored deck, deleted ones included, with its owner's token hash. */
    record,

    async exists(id: string): Promise<boolean> {
      return (await prisma.deck.count({ where: { id } })) > 0;
    },

    /** Which of these ids are taken (by any deck, deleted ones included). */
    async takenIds(ids: readonly string[]): Promise<Set<string>> {
      const rows = await prisma.deck.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },

    /**
     * Stores a deck, creating it or replacing the content of the deck with this id (and undeleting it).
     * Cards whose id stays keep their rows (and so their examples); cards no longer in the deck go.
     */
    async save(input: SaveDeckInput): Promise<void> {
      const { id, deck, source, cardIds, editTokenHash } = input;
      const keep = cardIds.filter((c, i) => cardIds.indexOf(c) === i);
      await prisma.$transaction([
        prisma.deck.upsert({
          where: { id },
          create: { id, title: deck.title, description: deck.description ?? null, source, editTokenHash },
          update: { title: deck.title, description: deck.description ?? null, source, editTokenHash, deletedAt: null },
        }),
        prisma.card.deleteMany({ where: { deckId: id, id: { notIn: keep } } }),
        // Positions move: park the kept cards out of the way of the (deckId, position) unique index first.
        prisma.$executeRaw`UPDATE "Card" SET "position" = -1 - "position" WHERE "deckId" = ${id}`,
        ...deck.cards.map((card, position) => {
          const cardId = cardIds[position] ?? `${id}-${position}`;
          const fields = { position, prompt: card.prompt, answer: card.answer, topic: card.topic ?? null, data: cardData(card) };
          return prisma.card.upsert({ where: { id: cardId }, create: { id: cardId, deckId: id, ...fields }, update: fields });
        }),
      ]);
    },

    async markDeleted(id: string, at: Date): Promise<void> {
      await prisma.deck.update({ where: { id }, data: { deletedAt: at } });
    },

    async examples(deckId: string): Promise<StoredExample[]> {
      const rows = await prisma.cardExample.findMany({
        where: { deckId },
        select: EXAMPLE_SELECT,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toExample);
    },

    async cardExamples(cardId: string): Promise<StoredExample[]> {
      const rows = await prisma.cardExample.findMany({ where: { cardId }, select: EXAMPLE_SELECT, orderBy: { createdAt: 'asc' } });
      return rows.map(toExample);
    },

    /** Adds an example, or changes the verdict of the card's example with the same key. */
    async upsertExample(e: { id: string; deckId: string; cardId: string; text: string; key: string; verdict: ExampleVerdict; roomId: string | null }): Promise<StoredExample> {
      const row = await prisma.cardExample.upsert({
        where: { cardId_key: { cardId: e.cardId, key: e.key } },
        create: e,
        update: { text: e.text, verdict: e.verdict, roomId: e.roomId, createdAt: new Date() },
        select: EXAMPLE_SELECT,
      });
      return toExample(row);
    },

    /** @returns false when the deck has no such example */
    async removeExample(deckId: string, exampleId: string): Promise<boolean> {
      const r = await prisma.cardExample.deleteMany({ where: { deckId, id: exampleId } });
      return r.count > 0;
    },
  };
}
export type DeckRepository = ReturnType<typeof createDeckRepository>;
