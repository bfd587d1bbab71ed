import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDeckErrors, parseDeck, serializeDeck, slugifyDeckId, type LearnedLines } from '../../decks';
import { CardSchema, DeckIdSchema, type Card, type Deck, type DeckIssue } from '../../decks/types';
import { answerGroupKey, compileCard, compileDeck, gradeAnswer, keyIdeas } from '../../game/grading';
import { shortAnswer } from '../../game/questions';
import { ServiceError } from '../errors';
import { hashToken, newId, newToken, tokensEqual } from '../ids';
import type { Logger } from '../log';
import { renderInline } from '../markdown';
import { cardPreviewHtml } from '../markdown/cards';
import type { DeckRecord, DeckRepository, ExampleVerdict, StoredCard, StoredExample } from '../repositories/decks';
import type { LearnedExamples } from '../room/room';
import { gradedDeck } from './deck-grading';
import type {
  CardPreview as CardPreviewOf,
  DeckPage as DeckPageOf,
  ExampleView,
  ImportOutcome,
  PreviewResult as PreviewResultOf,
  TryResult,
} from '../../protocol/decks';

/** What the deck pages' API answers: the wire shapes of src/protocol/decks.ts, with this deck format's cards. */
export type { ExampleView, ImportOutcome, TryResult };
export type CardPreview = CardPreviewOf<Card>;
export type DeckPage = DeckPageOf<Card>;
export type PreviewResult = PreviewResultOf<Card>;

export const BUILTIN_DECKS_DIR = path.resolve(process.cwd(), 'src/decks/builtin');

/**
 * Card ids are stable per deck and question, so re-importing or editing a deck keeps the history and the
 * learned examples of its cards. Cards that share a question but not their code get the code in the hash.
 */
export function cardIdFor(deckId: string, prompt: string, body?: string): string {
  const key = body ? `${prompt.trim().toLowerCase()}\n${body}` : prompt.trim().toLowerCase();
  const h = createHash('sha256').update(key).digest('base64url').slice(0, 12);
  return `${deckId}-${h}`;
}

/** Deck text problems with their lines, for editors that point at them (the message has them too). */
export class DeckTextError extends ServiceError {
  constructor(
    message: string,
    public readonly issues: DeckIssue[],
  ) {
    super('bad_request', message, 400);
  }
}

export interface ImportOptions {
  /** The id to use instead of the file's `id:` line or its title. */
  id?: string | undefined;
  /** The edit token of the deck with that id: replaces it instead of making a new id. */
  editToken?: string | null | undefined;
  warnings?: string[];
}

export type ExampleResult =
  | { ok: true; example: ExampleView }
  | { ok: false; code: 'deck_not_found' | 'card_not_found' | 'bad_example'; message: string };

/** Longest example: it becomes an `Accept:`/`Wrong:` value, which the deck format limits to 200 characters. */
export const MAX_EXAMPLE_CHARS = 200;
/** Accept (or Wrong) values of a card, its own and learned together, as the deck format allows. */
export const MAX_CARD_VALUES = 60;
const MAX_TRY_CHARS = 1000;

/** One line of plain text: controls, `|` (the format's separator) and runs of spaces made harmless. */
function cleanExample(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\|/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

function exampleView(e: StoredExample): ExampleView {
  return { id: e.id, cardId: e.cardId, text: e.text, verdict: e.verdict, roomId: e.roomId, createdAt: e.createdAt.toISOString() };
}

/**
 * The card with its learned examples added to `Accept:` and `Wrong:` (the review queue grades one card alone;
 * a game compiles the whole deck with its examples instead, `deck-grading.ts`).
 */
export function cardWithExamples(card: Card, examples: readonly { text: string; verdict: ExampleVerdict }[]): Card {
  const accept = [...(card.accept ?? []), ...examples.filter((e) => e.verdict === 'accept').map((e) => e.text)];
  const wrong = [...(card.wrong ?? []), ...examples.filter((e) => e.verdict === 'wrong').map((e) => e.text)];
  return { ...card, ...(accept.length > 0 && { accept }), ...(wrong.length > 0 && { wrong }) };
}

export function createDeckService(decks: DeckRepository, log: Logger, now: () => Date = () => new Date()) {
  const idsOf = (id: string, deck: Deck) => deck.cards.map((c) => cardIdFor(id, c.prompt, c.body));

  /** The first free id of `base-2`, `base-3`… (or `base` itself first); any deck holds its id, deleted ones too. */
  async function freeId(base: string, baseFirst = false): Promise<string> {
    if (baseFirst && !(await decks.takenIds([base])).has(base)) return base;
    for (let from = 2; from < 200; from += 20) {
      const candidates = Array.from({ length: 20 }, (_, i) => {
        const suffix = `-${from + i}`;
        return `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
      });
      const taken = await decks.takenIds(candidates);
      const free = candidates.find((c) => !taken.has(c));
      if (free) return free;
    }
    return `${base.slice(0, 50).replace(/-+$/, '')}-${newId().toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8)}`;
  }

  function owns(rec: DeckRecord, token: string | null | undefined): boolean {
    return typeof token === 'string' && rec.editTokenHash !== null && tokensEqual(hashToken(token), rec.editTokenHash);
  }

  /** The deck, if `token` is its edit token; otherwise a ServiceError saying why not. */
  async function requireOwner(id: string, token: string | null | undefined): Promise<DeckRecord> {
    const rec = await decks.record(id);
    if (!rec || rec.deletedAt !== null) throw new ServiceError('deck_not_found', `No deck "${id}".`, 404);
    if (rec.source === 'builtin') {
      throw new ServiceError('read_only', 'Built-in decks are read-only: clone this deck to edit your own copy.', 403);
    }
    if (rec.editTokenHash === null) {
      throw new ServiceError(
        'read_only',
        'This deck has no edit link (it was imported before decks had owners): clone it to edit your own copy.',
        403,
      );
    }
    if (!owns(rec, token)) {
      throw new ServiceError(
        'not_owner',
        'Only the holder of this deck’s edit link may change or delete it. Clone the deck to edit your own copy.',
        403,
      );
    }
    return rec;
  }

  function parseOrThrow(text: string, fileName: string) {
    const parsed = parseDeck(text, { fileName });
    if (!parsed.ok) throw new DeckTextError(formatDeckErrors(parsed.errors, fileName), parsed.errors);
    return parsed;
  }

  async function createNew(deck: Deck, id: string, warnings: string[], requestedId?: string): Promise<ImportOutcome> {
    const editToken = newToken();
    await decks.save({ id, deck, source: 'import', cardIds: idsOf(id, deck), editTokenHash: hashToken(editToken) });
    log.info('deck imported', { id, cards: deck.cards.length });
    return {
      id,
      title: deck.title,
      cards: deck.cards.length,
      warnings,
      replaced: false,
      editToken,
      editPath: `/decks/${id}#edit=${editToken}`,
      ...(requestedId !== undefined && {
        requestedId,
        notice: `The id "${requestedId}" is taken by another deck, so this one was saved as "${id}". Nothing was replaced.`,
      }),
    };
  }

  /**
   * Cards as players will see them, with the key ideas the grader looks for in plain words. A stored deck's
   * cards are read from its compiled deck (as a room compiles it); a previewed one is compiled on its own.
   */
  async function previews(
    cards: readonly StoredCard[],
    examples: readonly StoredExample[],
    stored?: { id: string; updatedAt: Date },
  ): Promise<CardPreview[]> {
    const graded = stored ? gradedDeck({ ...stored, cards }, examples) : null;
    const compiled = graded ? null : compileDeck(cards.map((c) => c.card));
    return cards.map((c, i) => ({
      id: c.id,
      position: c.position,
      card: c.card,
      html: cardPreviewHtml(c.card),
      ideas: keyIdeas(graded?.card(c.id) ?? compiled?.cards[i] ?? compileCard(c.card)),
      drawnChoice: c.card.choices ? null : shortAnswer(c.card),
      examples: examples.filter((e) => e.cardId === c.id).map(exampleView),
    }));
  }

  async function record(
    deckId: string,
    cardId: string,
    rawText: string,
    verdict: ExampleVerdict,
    roomId: string | null,
  ): Promise<ExampleResult> {
    const deck = await decks.record(deckId);
    if (!deck) return { ok: false, code: 'deck_not_found', message: `No deck "${deckId}".` };
    const card = deck.cards.find((c) => c.id === cardId);
    if (!card) return { ok: false, code: 'card_not_found', message: 'That card is not in the deck (any more).' };
    const text = cleanExample(rawText);
    if (text === '') return { ok: false, code: 'bad_example', message: 'An example needs some text.' };
    if (text.length > MAX_EXAMPLE_CHARS) {
      return { ok: false, code: 'bad_example', message: `Examples are at most ${MAX_EXAMPLE_CHARS} characters (this one has ${text.length}).` };
    }
    const key = answerGroupKey(text) || text.toLowerCase();
    const others = (await decks.cardExamples(cardId)).filter((e) => e.verdict === verdict && (answerGroupKey(e.text) || e.text.toLowerCase()) !== key);
    const own = (verdict === 'accept' ? card.card.accept : card.card.wrong)?.length ?? 0;
    if (own + others.length + 1 > MAX_CARD_VALUES) {
      return {
        ok: false,
        code: 'bad_example',
        message: `This card already has ${own + others.length} ${verdict === 'accept' ? 'accepted' : 'wrong'} answers (at most ${MAX_CARD_VALUES}); remove some first.`,
      };
    }
    const stored = await decks.upsertExample({ id: newId(), deckId, cardId, text, key, verdict, roomId });
    return { ok: true, example: exampleView(stored) };
  }

  function throwExample(r: ExampleResult & { ok: false }): never {
    const status = r.code === 'bad_example' ? 400 : 404;
    throw new ServiceError(r.code === 'bad_example' ? 'bad_request' : r.code, r.message, status);
  }

  return {
    list: () => decks.list(),
    get: (id: string) => decks.get(id),

    /** Parses Markdown deck text and stores it as a new deck, or replaces the caller's own deck. */
    async importText(text: string, fileName: string, opts: ImportOptions = {}): Promise<ImportOutcome> {
      const parsed = parseOrThrow(text, fileName);
      return this.importDeck(parsed.deck, { ...opts, warnings: parsed.warnings.map((w) => `line ${w.line}: ${w.message}`) });
    },

    /**
     * Stores a parsed deck. A taken id is never overwritten: with the deck's edit token the deck is
     * replaced; without it the deck is saved under a new id and the outcome says so.
     */
    async importDeck(deck: Deck, opts: ImportOptions = {}): Promise<ImportOutcome> {
      const warnings = opts.warnings ?? [];
      const wanted = opts.id ?? deck.id ?? slugifyDeckId(deck.title);
      const idCheck = DeckIdSchema.safeParse(wanted);
      if (!idCheck.success) throw new ServiceError('bad_request', `Bad deck id "${wanted}": ${idCheck.error.issues[0]?.message}`);
      const existing = await decks.record(wanted);
      if (!existing) return createNew(deck, wanted, warnings);
      if (opts.editToken) {
        const rec = await requireOwner(wanted, opts.editToken).catch(async (e: unknown) => {
          // A deleted deck can be brought back by its owner.
          if (existing.deletedAt !== null && existing.source !== 'builtin' && owns(existing, opts.editToken)) return existing;
          throw e;
        });
        await decks.save({ id: wanted, deck, source: 'import', cardIds: idsOf(wanted, deck), editTokenHash: rec.editTokenHash });
        log.info('deck replaced by its owner', { id: wanted, cards: deck.cards.length });
        return { id: wanted, title: deck.title, cards: deck.cards.length, warnings, replaced: true, notice: `Your deck "${wanted}" was replaced.` };
      }
      return createNew(deck, await freeId(wanted), warnings, wanted);
    },

    /** What an import of this text would store, card by card as players will see it; nothing is stored. */
    async preview(text: string, fileName: string, id?: string): Promise<PreviewResult> {
      const parsed = parseDeck(text, { fileName });
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const { deck } = parsed;
      const target = id ?? deck.id ?? slugifyDeckId(deck.title);
      const existing = DeckIdSchema.safeParse(target).success ? await decks.record(target) : null;
      const cards = await previews(
        deck.cards.map((card, position) => ({ id: cardIdFor(target, card.prompt, card.body), position, card })),
        [],
      );
      return {
        ok: true,
        title: deck.title,
        description: deck.description ?? null,
        cards,
        warnings: parsed.warnings,
        target: { id: target, taken: existing !== null, builtin: existing?.source === 'builtin' },
      };
    },

    /** A deck with every card rendered as players see it, its key ideas and learned examples. */
    async page(id: string): Promise<DeckPage | null> {
      const rec = await decks.record(id);
      if (!rec || rec.deletedAt !== null) return null;
      return {
        id: rec.id,
        title: rec.title,
        description: rec.description,
        source: rec.source,
        readOnly: rec.source === 'builtin' || rec.editTokenHash === null,
        deleted: false,
        updatedAt: rec.updatedAt.toISOString(),
        cards: await previews(rec.cards, await decks.examples(id), rec),
      };
    },

    /** Is `token` this deck's edit token? (The page asks before it shows the owner's buttons.) */
    async checkOwner(id: string, token: string | null): Promise<{ owner: true }> {
      await requireOwner(id, token);
      return { owner: true };
    },

    /** Replaces the owner's deck with new Markdown; its id stays whatever the text's `id:` line says. */
    async update(id: string, token: string | null, text: string, fileName = `${id}.md`): Promise<ImportOutcome> {
      const rec = await requireOwner(id, token);
      const parsed = parseOrThrow(text, fileName);
      const warnings = parsed.warnings.map((w) => `line ${w.line}: ${w.message}`);
      if (parsed.deck.id && parsed.deck.id !== id) warnings.push(`the text's "id: ${parsed.deck.id}" is ignored: this deck keeps the id "${id}"`);
      const deck = { ...parsed.deck, id };
      await decks.save({ id, deck, source: rec.source, cardIds: idsOf(id, deck), editTokenHash: rec.editTokenHash });
      log.info('deck edited', { id, cards: deck.cards.length });
      return { id, title: deck.title, cards: deck.cards.length, warnings, replaced: true };
    },

    /**
     * Deletes the owner's deck. It is hidden, not erased: rooms that played it keep their questions,
     * answers and results, and their card statistics keep pointing at its cards.
     */
    async remove(id: string, token: string | null): Promise<void> {
      await requireOwner(id, token);
      await decks.markDeleted(id, now());
      log.info('deck deleted', { id });
    },

    /** A copy anyone may make (built-in decks included), with its own edit token and the learned examples. */
    async clone(id: string, title?: string): Promise<ImportOutcome> {
      const source = await decks.get(id);
      if (!source) throw new ServiceError('deck_not_found', `No deck "${id}".`, 404);
      const deck: Deck = {
        title: title?.trim() || `${source.title} (copy)`,
        ...(source.description !== null && { description: source.description }),
        cards: source.cards.map((c) => c.card),
      };
      const newDeckId = await freeId(`${id.slice(0, 58)}-copy`, true);
      const out = await createNew({ ...deck, id: newDeckId }, newDeckId, []);
      const oldToNew = new Map(source.cards.map((c) => [c.id, cardIdFor(newDeckId, c.card.prompt, c.card.body)]));
      for (const e of await decks.examples(id)) {
        const cardId = oldToNew.get(e.cardId);
        if (cardId) await record(newDeckId, cardId, e.text, e.verdict, e.roomId);
      }
      return { ...out, notice: `A copy of "${source.title}" was saved as "${newDeckId}".` };
    },

    /** The deck as a Markdown file, learned examples included as `Accept:`/`Wrong:` lines. */
    async exportMarkdown(id: string): Promise<{ fileName: string; text: string }> {
      const rec = await decks.get(id);
      if (!rec) throw new ServiceError('deck_not_found', `No deck "${id}".`, 404);
      const examples = await decks.examples(id);
      const learned = new Map<number, LearnedLines>();
      rec.cards.forEach((c, i) => {
        const mine = examples.filter((e) => e.cardId === c.id);
        if (mine.length > 0) {
          learned.set(i, {
            accept: mine.filter((e) => e.verdict === 'accept').map((e) => e.text),
            wrong: mine.filter((e) => e.verdict === 'wrong').map((e) => e.text),
          });
        }
      });
      const deck: Deck = {
        id: rec.id,
        title: rec.title,
        ...(rec.description !== null && { description: rec.description }),
        cards: rec.cards.map((c) => c.card),
      };
      return { fileName: `${rec.id}.md`, text: serializeDeck(deck, { learned }) };
    },

    /** A card as a game's grader sees it: its learned examples added (null: no such deck or card). */
    async cardForGrading(id: string, cardId: string): Promise<Card | null> {
      const rec = await decks.get(id);
      const card = rec?.cards.find((c) => c.id === cardId);
      if (!card) return null;
      return cardWithExamples(card.card, await decks.cardExamples(cardId));
    },

    /** Grades a typed answer against one card of a deck as a game would (learned examples included). */
    async tryAnswer(id: string, cardId: string, text: string): Promise<TryResult> {
      const rec = await decks.get(id);
      if (!rec) throw new ServiceError('deck_not_found', `No deck "${id}".`, 404);
      const card = rec.cards.find((c) => c.id === cardId);
      if (!card) throw new ServiceError('card_not_found', 'That card is not in the deck (any more).', 404);
      if (text.trim() === '') throw new ServiceError('bad_request', 'Type an answer to try.');
      if (text.length > MAX_TRY_CHARS) throw new ServiceError('bad_request', `Answers are at most ${MAX_TRY_CHARS} characters.`);
      // The deck compiled as a room compiles it, learned examples included, so a try grades as a game would.
      const compiled = gradedDeck(rec, await decks.examples(id)).card(cardId) ?? compileCard(card.card);
      const g = gradeAnswer(compiled, text);
      return { verdict: g.verdict, score: g.score, matched: g.matched, missing: g.missing, explanation: g.explanation, unsure: g.unsure };
    },

    /** Grades against a card that is not stored (the editor's unsaved card). */
    tryCard(card: unknown, text: string): TryResult {
      const parsed = CardSchema.safeParse(card);
      if (!parsed.success) throw new ServiceError('bad_request', `Bad card: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      if (text.trim() === '') throw new ServiceError('bad_request', 'Type an answer to try.');
      const g = gradeAnswer(compileCard(parsed.data), text.slice(0, MAX_TRY_CHARS));
      return { verdict: g.verdict, score: g.score, matched: g.matched, missing: g.missing, explanation: g.explanation, unsure: g.unsure };
    },

    async examples(id: string): Promise<ExampleView[]> {
      if (!(await decks.get(id))) throw new ServiceError('deck_not_found', `No deck "${id}".`, 404);
      return (await decks.examples(id)).map(exampleView);
    },

    /**
     * Stores an answer the host settled in a game as a learned example of its card (accepted or wrong).
     * For the realtime layer: never throws for bad input, it answers with a code.
     */
    recordExample(deckId: string, cardId: string, text: string, verdict: ExampleVerdict, roomId: string | null): Promise<ExampleResult> {
      return record(deckId, cardId, text, verdict, roomId);
    },

    /**
     * What a host settled in a game (one answer or a group), stored as examples of the card [R7.4]; the next
     * room of the deck compiles them in. Examples a card has no room for are logged, not thrown.
     */
    async learn(learned: LearnedExamples): Promise<ExampleResult[]> {
      const out: ExampleResult[] = [];
      for (const e of learned.examples) {
        const r = await record(learned.deckId, learned.cardId, e.text, e.verdict, learned.roomId);
        if (!r.ok) log.warn('learned example not kept', { deck: learned.deckId, card: learned.cardId, code: r.code, message: r.message });
        out.push(r);
      }
      return out;
    },

    /** The owner adds an example by hand (from the deck page). */
    async addExample(id: string, token: string | null, cardId: string, text: string, verdict: ExampleVerdict): Promise<ExampleView> {
      await requireOwner(id, token);
      const r = await record(id, cardId, text, verdict, null);
      if (!r.ok) throwExample(r);
      return r.example;
    },

    async removeExample(id: string, token: string | null, exampleId: string): Promise<void> {
      await requireOwner(id, token);
      if (!(await decks.removeExample(id, exampleId))) throw new ServiceError('bad_request', 'No such example in this deck.', 404);
    },

    /** Inline HTML of deck texts (questions on the results page), undefined where a text has no markup. */
    inlineHtml(texts: readonly string[]): (string | undefined)[] {
      return texts.map((t) => renderInline(t));
    },

    /** Stores the decks under src/decks/builtin (on every start, so edits to them take effect). */
    async ensureBuiltin(dir: string = BUILTIN_DECKS_DIR): Promise<string[]> {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
      const ids: string[] = [];
      for (const f of files) {
        const parsed = parseDeck(await readFile(path.join(dir, f), 'utf8'), { fileName: f });
        if (!parsed.ok) throw new Error(`built-in deck ${f} is invalid:\n${formatDeckErrors(parsed.errors, f)}`);
        const id = parsed.deck.id ?? slugifyDeckId(parsed.deck.title);
        await decks.save({ id, deck: parsed.deck, source: 'builtin', cardIds: idsOf(id, parsed.deck), editTokenHash: null });
        ids.push(id);
      }
      return ids;
    },
  };
}
export type DeckService = ReturnType<typeof createDeckService>;
