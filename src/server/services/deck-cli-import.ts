import type { Deck } from '../../decks/types';
import { migrateDatabase, openDatabase } from '../db/client';
import { parseEnv } from '../env';
import { createLogger } from '../log';
import { createDeckRepository } from '../repositories/decks';
import { createDeckService, type ImportOutcome } from './decks';

/**
 * `npm run deck -- import <file>`: stores a parsed deck in the configured database (PGlite or Postgres) under
 * the same rules as the Decks page: a taken id gets a new one unless `token` is that deck's edit token.
 */
export async function importDeckFromCli(
  deck: Deck,
  opts: { id?: string; token?: string },
): Promise<{ id: string; cards: number } & Pick<ImportOutcome, 'editToken' | 'editPath' | 'notice' | 'replaced'>> {
  const env = parseEnv();
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  });
  try {
    await migrateDatabase(db);
    const service = createDeckService(createDeckRepository(db.prisma), createLogger('warn'));
    const out = await service.importDeck(deck, { id: opts.id, editToken: opts.token });
    return {
      id: out.id,
      cards: out.cards,
      replaced: out.replaced,
      ...(out.editToken !== undefined && { editToken: out.editToken, editPath: out.editPath }),
      ...(out.notice !== undefined && { notice: out.notice }),
    };
  } finally {
    await db.close();
  }
}
