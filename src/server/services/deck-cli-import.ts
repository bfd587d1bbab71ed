import type { Deck } from '../../decks/types';
import { migrateDatabase, openDatabase } from '../db/client';
import { parseEnv } from '../env';
import { createLogger } from '../log';
import { createDeckRepository } from '../repositories/decks';
import { createDeckService } from './decks';

/** `npm run deck -- import <file>`: stores a parsed deck in the configured database (PGlite or Postgres). */
export async function importDeckFromCli(deck: Deck, opts: { id?: string }): Promise<{ id: string; cards: number }> {
  const env = parseEnv();
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  });
  try {
    await migrateDatabase(db);
    const service = createDeckService(createDeckRepository(db.prisma), createLogger('warn'));
    const out = await service.importDeck(deck, opts.id);
    return { id: out.id, cards: out.cards };
  } finally {
    await db.close();
  }
}
