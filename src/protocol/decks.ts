import { z } from 'zod';

/**
 * The answers of the deck pages' HTTP API (src/app/api/decks, src/app/api/deck-tools; docs/PROTOCOL.md): what the
 * deck service (src/server/services/decks.ts) returns and the browser's client (src/client/decks-api.ts) reads.
 *
 * A previewed card carries the card itself in the deck format (`Card`, src/decks/types.ts). That format sits a
 * layer above this one, so the shapes that hold a card take its type as a parameter: `CardPreview<Card>`.
 */

/** A problem found while reading a deck file; `line` is 1-based. */
export const DeckIssueSchema = z.object({ line: z.number().int(), message: z.string() });
export type DeckIssue = z.infer<typeof DeckIssueSchema>;

/** A learned example: a typed answer a host accepted, or marked wrong, in a game [R7.4]. */
export const ExampleVerdictSchema = z.enum(['accept', 'wrong']);
export type ExampleVerdict = z.infer<typeof ExampleVerdictSchema>;

export const ExampleViewSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  text: z.string(),
  verdict: ExampleVerdictSchema,
  roomId: z.string().nullable(),
  createdAt: z.string(),
});
export type ExampleView = z.infer<typeof ExampleViewSchema>;

/** A card's Markdown rendered to sanitised HTML, as players see it. */
export const CardPreviewHtmlSchema = z.object({
  prompt: z.string(),
  body: z.string().nullable(),
  answer: z.string(),
  /** By choice index, or null for a card without curated choices. */
  choices: z.array(z.string()).nullable(),
});
export type CardPreviewHtml = z.infer<typeof CardPreviewHtmlSchema>;

/** One card as players will see it (`card`: the deck format's card, checked by its own schema, CardSchema). */
export const CardPreviewSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  card: z.unknown(),
  html: CardPreviewHtmlSchema,
  /** The key ideas the grader looks for, by label. */
  ideas: z.array(z.string()),
  /** Cards without curated choices: the option players see as the right one, among other cards' answers. */
  drawnChoice: z.string().nullable(),
  examples: z.array(ExampleViewSchema),
});
export type CardPreview<Card> = Omit<z.infer<typeof CardPreviewSchema>, 'card'> & { card: Card };

export const DeckPageSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  source: z.string(),
  /** Built-in decks, and decks imported before decks had owners, change only through a clone. */
  readOnly: z.boolean(),
  deleted: z.boolean(),
  updatedAt: z.string(),
  cards: z.array(CardPreviewSchema),
});
export type DeckPage<Card> = Omit<z.infer<typeof DeckPageSchema>, 'cards'> & { cards: CardPreview<Card>[] };

const PreviewOkSchema = z.object({
  ok: z.literal(true),
  title: z.string(),
  description: z.string().nullable(),
  cards: z.array(CardPreviewSchema),
  warnings: z.array(DeckIssueSchema),
  /** The id an import would ask for, and whether it is taken (then the import gets another, or replaces with the token). */
  target: z.object({ id: z.string(), taken: z.boolean(), builtin: z.boolean() }),
});
const PreviewFailedSchema = z.object({ ok: z.literal(false), errors: z.array(DeckIssueSchema) });

/** What an import of a text would store (nothing is stored), or the problems that stop it. */
export const PreviewResultSchema = z.discriminatedUnion('ok', [PreviewOkSchema, PreviewFailedSchema]);
export type PreviewResult<Card> =
  | (Omit<z.infer<typeof PreviewOkSchema>, 'cards'> & { cards: CardPreview<Card>[] })
  | z.infer<typeof PreviewFailedSchema>;

export const ImportOutcomeSchema = z.object({
  id: z.string(),
  title: z.string(),
  cards: z.number().int(),
  warnings: z.array(z.string()),
  /** True when an existing deck's content was replaced (its edit token was given). */
  replaced: z.boolean(),
  /** A new deck's edit token: shown this once, only its sha256 is stored. Absent when a deck was replaced. */
  editToken: z.string().optional(),
  /** Where the owner edits the deck: `/decks/<id>#edit=<token>` (the fragment never reaches a server). */
  editPath: z.string().optional(),
  /** The id the file asked for, when it was taken and the deck got `id` instead. */
  requestedId: z.string().optional(),
  /** What happened, in words, when it is not the obvious (a new id, a replaced deck). */
  notice: z.string().optional(),
});
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

/** A typed answer tried against a card, graded as a game would. */
export const TryResultSchema = z.object({
  verdict: z.enum(['correct', 'partial', 'incorrect']),
  score: z.number(),
  matched: z.array(z.string()),
  missing: z.array(z.string()),
  /** Why, in a few plain words (as the player's phone says it at the reveal). */
  explanation: z.string(),
  /** The grader is unsure: a host would be asked to settle it. */
  unsure: z.boolean(),
});
export type TryResult = z.infer<typeof TryResultSchema>;
