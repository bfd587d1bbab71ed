import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDeckErrors, parseDeck, slugifyDeckId } from '../../decks';
import { DeckIdSchema, type Deck } from '../../decks/types';
import type { Logger } from '../log';
import type { DeckRepository } from '../repositories/decks';
import { ServiceError } from '../errors';

export const BUILTIN_DECKS_DIR = path.resolve(process.cwd(), 'src/decks/builtin');

/** Card ids are stable per deck and prompt, so re-importing a deck keeps the history of its cards. */
export function cardIdFor(deckId: string, prompt: string): string {
  const h = createHash('sha256').update(prompt.trim().toLowerCase()).digest('base64url').slice(0, 12);
  return `${deckId}-${h}`;
}

export interface ImportOutcome {
  id: string;
  title: string;
  cards: number;
  warnings: string[];
}

export function createDeckService(decks: DeckRepository, log: Logger) {
  async function store(deck: Deck, source: string, id: string): Promise<void> {
    await decks.replace(
      id,
      deck,
      source,
      deck.cards.map((c) => cardIdFor(id, c.prompt)),
    );
  }

  return {
    list: () => decks.list(),
    get: (id: string) => decks.get(id),

    /** Parses Markdown deck text and stores it; line-numbered errors become a ServiceError. */
    async importText(text: string, fileName: string, requestedId?: string): Promise<ImportOutcome> {
      const parsed = parseDeck(text, { fileName });
      if (!parsed.ok) throw new ServiceError('bad_request', formatDeckErrors(parsed.errors, fileName));
      return this.importDeck(parsed.deck, requestedId, parsed.warnings.map((w) => `line ${w.line}: ${w.message}`));
    },

    async importDeck(deck: Deck, requestedId?: string, warnings: string[] = []): Promise<ImportOutcome> {
      const id = requestedId ?? deck.id ?? slugifyDeckId(deck.title);
      const idCheck = DeckIdSchema.safeParse(id);
      if (!idCheck.success) throw new ServiceError('bad_request', `Bad deck id "${id}": ${idCheck.error.issues[0]?.message}`);
      const existing = await decks.get(id);
      if (existing?.source === 'builtin' && requestedId === undefined && deck.id === undefined) {
        throw new ServiceError('bad_request', `"${id}" is a built-in deck; give the import another id.`);
      }
      await store(deck, existing?.source === 'builtin' ? 'builtin' : 'import', id);
      log.info('deck imported', { id, cards: deck.cards.length });
      return { id, title: deck.title, cards: deck.cards.length, warnings };
    },

    /** Stores the decks under src/decks/builtin (on every start, so edits to them take effect). */
    async ensureBuiltin(dir: string = BUILTIN_DECKS_DIR): Promise<string[]> {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
      const ids: string[] = [];
      for (const f of files) {
        const parsed = parseDeck(await readFile(path.join(dir, f), 'utf8'), { fileName: f });
        if (!parsed.ok) throw new Error(`built-in deck ${f} is invalid:\n${formatDeckErrors(parsed.errors, f)}`);
        const id = parsed.deck.id ?? slugifyDeckId(parsed.deck.title);
        await store(parsed.deck, 'builtin', id);
        ids.push(id);
      }
      return ids;
    },
  };
}
export type DeckService = ReturnType<typeof createDeckService>;
