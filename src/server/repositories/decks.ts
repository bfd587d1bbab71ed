import type { Card, Deck } from '../../decks/types';
import type { PrismaClient } from '../../generated/prisma/client';

/** Decks and cards. Returns plain objects; no business rules here. */
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
  cards: StoredCard[];
}

/** The structured part of a card that lives in the `data` JSON column. */
function cardData(card: Card): Omit<Card, 'prompt' | 'answer' | 'topic'> {
  const { prompt: _p, answer: _a, topic: _t, ...rest } = card;
  return rest;
}

export function createDeckRepository(prisma: PrismaClient) {
  return {
    async list(): Promise<DeckSummary[]> {
      const rows = await prisma.deck.findMany({
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

    async get(id: string): Promise<StoredDeck | null> {
      const row = await prisma.deck.findUnique({
        where: { id },
        select: {
          id: true,
          title: true,
          description: true,
          source: true,
          cards: { orderBy: { position: 'asc' }, select: { id: true, position: true, prompt: true, answer: true, topic: true, data: true } },
        },
      });
      if (!row) return null;
      return {
        id: row.id,
        title: row.title,
        description: row.description,
        source: row.source,
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
    },

    async exists(id: string): Promise<boolean> {
      return (await prisma.deck.count({ where: { id } })) > 0;
    },

    /**
     * Stores a deck, replacing the cards of an existing deck with the same id. Card ids come from the caller
     * (stable per prompt) so answers in past rooms keep pointing at the same card after a re-import.
     */
    async replace(id: string, deck: Deck, source: string, cardIds: string[]): Promise<void> {
      await prisma.$transaction([
        prisma.deck.upsert({
          where: { id },
          create: { id, title: deck.title, description: deck.description ?? null, source },
          update: { title: deck.title, description: deck.description ?? null, source },
        }),
        prisma.card.deleteMany({ where: { deckId: id } }),
        prisma.card.createMany({
          data: deck.cards.map((card, position) => ({
            id: cardIds[position] ?? `${id}-${position}`,
            deckId: id,
            position,
            prompt: card.prompt,
            answer: card.answer,
            topic: card.topic ?? null,
            data: cardData(card),
          })),
        }),
      ]);
    },
  };
}
export type DeckRepository = ReturnType<typeof createDeckRepository>;
