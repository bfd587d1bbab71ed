import { z } from 'zod';
import { cleanText } from '../contract';

/**
 * The deck model shared by the importer, the grader, the game and the database.
 * A deck crosses boundaries (file upload, CLI, database JSON), so its shape is a zod schema.
 */

/** One multiple-choice option as written in a deck (the game shuffles and ids them). */
export const ChoiceSchema = z.object({
  text: z.string().trim().min(1).max(300),
  correct: z.boolean(),
});
export type Choice = z.infer<typeof ChoiceSchema>;

/** A key idea a good open-text answer mentions; `terms` are synonyms / abbreviations / spellings. */
export const KeyIdeaSchema = z.object({
  label: z.string().trim().min(1).max(120),
  terms: z.array(z.string().trim().min(1).max(120)).max(40).default([]),
});
export type KeyIdea = z.infer<typeof KeyIdeaSchema>;

/**
 * A card's kind (`Mode:` in the file): `choice` and `text` are the two classic forms; the others are question
 * kinds of their own (docs/DECKS.md, rules [R12]): `order` arrange the `Order:` items, `multi` all that apply
 * among `Choices:`, `number` an estimate of `Number:` within `Tolerance:`, `truefalse` a statement that is
 * `Correct: true|false`, `poll` a vote among `Choices:` with no right answer, `cloud` typed words, no right answer.
 */
export const CARD_MODES = ['choice', 'text', 'order', 'multi', 'number', 'truefalse', 'poll', 'cloud'] as const;
export const CardModeSchema = z.enum(CARD_MODES);
export type CardMode = z.infer<typeof CardModeSchema>;

/** Most choices a `Choices:` list may hold (a multi-select or a poll as much as a classic choice). */
export const MAX_CHOICES = 6;
/** Most items an ordering question asks to arrange: more does not fit a phone without scrolling. */
export const MAX_ORDER_ITEMS = 8;

export const CardSchema = z.object({
  /** The question, as the deck words it. */
  prompt: z.string().trim().min(1).max(500),
  /**
   * Markdown shown under the question: fenced code blocks (fences included), written between the
   * `###` heading and the `>` answer (docs/DECKS.md). Plain text there is still an error.
   */
  body: z.string().trim().min(1).max(6000).optional(),
  /**
   * The reference answer / explanation shown at the reveal: Markdown, with single newlines kept as line
   * breaks and bullets stored as `• item`.
   */
  answer: z.string().trim().min(1).max(4000),
  /**
   * Curated choices: 2-6; exactly one correct (at least one for `multi`, none for `poll`: checked with the
   * card's mode below). Absent: the game draws distractors from other cards.
   */
  choices: z.array(ChoiceSchema).min(2).max(MAX_CHOICES).optional(),
  /** Accepted short answers for open text (each one alone is a correct answer). */
  accept: z.array(z.string().trim().min(1).max(200)).max(60).optional(),
  /** Key ideas a full answer covers (grader, issue 3). */
  ideas: z.array(KeyIdeaSchema).max(20).optional(),
  /** How many key ideas make an answer fully correct (default: grader decides). */
  need: z.number().int().min(1).max(20).optional(),
  /** Known wrong answers / common confusions: matching one makes an answer incorrect. */
  wrong: z.array(z.string().trim().min(1).max(200)).max(60).optional(),
  /**
   * On-topic terms that earn partial credit (never more) when an answer matches no key idea: the
   * vocabulary of a vague but on-track answer. They never count towards `need`.
   */
  hints: z.array(z.string().trim().min(1).max(200)).max(60).optional(),
  /** For answers that are a sequence: the items in order. */
  order: z.array(z.string().trim().min(1).max(120)).min(2).max(20).optional(),
  /** The card's kind: its preferred mode when the room plays "mixed", and its own kind beyond choice/text [R12.1]. */
  mode: CardModeSchema.optional(),
  /** `number` cards: the right value. */
  number: z.number().finite().min(-1e12).max(1e12).optional(),
  /** `number` cards: full points within this distance of `number` [R12.5]. */
  tolerance: z.number().finite().min(0).max(1e12).optional(),
  /** `number` cards: the unit shown beside the estimate ("km", "ms"). */
  unit: z.string().trim().min(1).max(20).optional(),
  /** `truefalse` cards: whether the statement is true. */
  truth: z.boolean().optional(),
  /** A topic for grouping insights. */
  topic: z.string().trim().min(1).max(80).optional(),
});
export type Card = z.infer<typeof CardSchema>;

/**
 * What a card of each kind must hold (the Markdown reader reports the same with lines; this catches decks that
 * arrive as JSON). One message per problem, keyed by the field it concerns.
 */
export function cardKindProblems(card: Card): { field: keyof Card; message: string }[] {
  const out: { field: keyof Card; message: string }[] = [];
  const correct = card.choices?.filter((c) => c.correct).length ?? 0;
  const mode = card.mode;
  if (card.choices) {
    if (mode === 'multi' && correct < 1) out.push({ field: 'choices', message: 'a multi-select card needs at least one correct choice "- [x]"' });
    else if (mode === 'poll' && correct > 0) out.push({ field: 'choices', message: 'a poll has no right answer: write its choices as "- [ ] text"' });
    else if (mode !== 'multi' && mode !== 'poll' && correct !== 1) out.push({ field: 'choices', message: `Choices need exactly one correct item "- [x]" (found ${correct})` });
  }
  if ((mode === 'multi' || mode === 'poll') && !card.choices) out.push({ field: 'mode', message: `"Mode: ${mode}" needs a "Choices:" list` });
  if (mode === 'order') {
    if (!card.order) out.push({ field: 'mode', message: '"Mode: order" needs an "Order: a > b > c" line' });
    else if (card.order.length > MAX_ORDER_ITEMS) out.push({ field: 'order', message: `an ordering card arranges at most ${MAX_ORDER_ITEMS} items (found ${card.order.length})` });
    else if (new Set(card.order.map((o) => o.toLowerCase())).size !== card.order.length) out.push({ field: 'order', message: 'an ordering card needs distinct items' });
  }
  if (mode === 'number' && card.number === undefined) out.push({ field: 'mode', message: '"Mode: number" needs a "Number:" line' });
  if (mode !== 'number') {
    for (const f of ['number', 'tolerance', 'unit'] as const) {
      if (card[f] !== undefined) out.push({ field: f, message: `"${f[0]?.toUpperCase()}${f.slice(1)}:" belongs to a "Mode: number" card` });
    }
  }
  if (mode === 'truefalse' && card.truth === undefined) out.push({ field: 'mode', message: '"Mode: truefalse" needs a "Correct: true" or "Correct: false" line' });
  if (mode !== 'truefalse' && card.truth !== undefined) out.push({ field: 'truth', message: '"Correct:" belongs to a "Mode: truefalse" card' });
  return out;
}

export const DeckIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'deck id: lowercase letters, digits and dashes');

export const DeckSchema = z.object({
  id: DeckIdSchema.optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(1000).optional(),
  cards: z.array(CardSchema).min(1).max(500),
}).superRefine(refuseControlCharacters).superRefine((deck, ctx) => {
  deck.cards.forEach((card, i) => {
    for (const p of cardKindProblems(card)) ctx.addIssue({ code: 'custom', path: ['cards', i, p.field], message: p.message });
  });
});
export type Deck = z.infer<typeof DeckSchema>;

/** A problem found while reading a deck file; `line` is 1-based. */
export interface DeckIssue {
  line: number;
  message: string;
}

export type ParseResult =
  { ok: true; deck: Deck; warnings: DeckIssue[] } | { ok: false; errors: DeckIssue[] };

export const BUILTIN_DECK_ID = 'kubernetes-networking';

/**
 * A deck that arrives as data rather than Markdown (JSON, the database) holds to the text policy too: no text
 * in it may carry a control character (src/contract/text-policy.ts; the Markdown reader checks each line).
 */
function refuseControlCharacters(deck: unknown, ctx: z.RefinementCtx): void {
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const r = cleanText(value.replace(/\r?\n/g, ' '), 'deckLine');
      if (!r.ok) ctx.addIssue({ code: 'custom', path, message: r.message });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(deck, []);
}
