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

export const CardModeSchema = z.enum(['choice', 'text']);
export type CardMode = z.infer<typeof CardModeSchema>;

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
  /** Curated choices: 2-6, exactly one correct. Absent: the game draws distractors from other cards. */
  choices: z
    .array(ChoiceSchema)
    .min(2)
    .max(6)
    .refine((cs) => cs.filter((c) => c.correct).length === 1, 'exactly one choice must be correct')
    .optional(),
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
  /** Preferred mode when the room plays "mixed". */
  mode: CardModeSchema.optional(),
  /** A topic for grouping insights. */
  topic: z.string().trim().min(1).max(80).optional(),
});
export type Card = z.infer<typeof CardSchema>;

export const DeckIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'deck id: lowercase letters, digits and dashes');

export const DeckSchema = z.object({
  id: DeckIdSchema.optional(),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(1000).optional(),
  cards: z.array(CardSchema).min(1).max(500),
}).superRefine(refuseControlCharacters);
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
