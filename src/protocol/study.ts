import { z } from 'zod';
import { TEXT_ANSWER_INPUT_MAX } from '../contract';
import { RoomCodeSchema } from './index';
import { SAFE_ID_PATTERN } from './text';

/**
 * HTTP bodies, query parameters and answers of the personal review queue [R16] (docs/PROTOCOL.md, docs/STUDY.md):
 * the study service (src/server/services/study.ts) returns the answers' shapes, the browser's client
 * (src/client/study-api.ts) reads them. The profile's recovery code is the bearer token, as for the other
 * `/api/profiles/me` routes.
 */

/** The browser's `getTimezoneOffset()` in minutes: days (due today, streaks, the chart) are the player's own. */
export const TzSchema = z.coerce.number().int().min(-840).max(840).default(0);

/** When a review session started (ms since the epoch): a session serves each card due today once. */
const SinceSchema = z.coerce.number().int().min(0).max(8.64e15);

/** `?tz=-60&room=ABC123&since=...`: `room` limits a session to the cards missed in that finished game. */
export const ReviewQuerySchema = z.object({
  tz: TzSchema,
  room: RoomCodeSchema.optional(),
  since: SinceSchema.optional(),
});

const CardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a valid card id');

/** One review answer: a typed text or a choice, and the time it took on the phone (for the "easy" rating). */
export const ReviewAnswerBodySchema = z
  .object({
    cardId: CardIdSchema,
    text: z.string().max(TEXT_ANSWER_INPUT_MAX).optional(),
    choiceId: z.string().regex(/^[a-z][0-9]?$/).optional(),
    elapsedMs: z.number().int().min(0).max(3_600_000),
    tz: TzSchema,
    room: RoomCodeSchema.optional(),
    since: SinceSchema.optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.choiceId === undefined), 'send either text or choiceId');
export type ReviewAnswerBody = z.infer<typeof ReviewAnswerBodySchema>;

export const ReviewRatingSchema = z.enum(['again', 'hard', 'good', 'easy']);
export type ReviewRating = z.infer<typeof ReviewRatingSchema>;

/** "I knew it" (`good`) or another rating for a typed review answer's schedule; scores never change. */
export const SelfRateBodySchema = z.object({
  logId: z.string().regex(SAFE_ID_PATTERN, 'not a valid review id').max(100),
  rating: ReviewRatingSchema,
});

/** A profile's own export: its games and its review data. */
export const ProfileExportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});

// ---------- answers ----------

export const ReviewVerdictSchema = z.enum(['correct', 'partial', 'incorrect']);
export type ReviewVerdict = z.infer<typeof ReviewVerdictSchema>;

/** Where a card is in its schedule (FSRS's states). */
export const ReviewPhaseSchema = z.enum(['new', 'learning', 'review', 'relearning']);

/** A card to review: the question only (its answer comes with the reveal). */
export const ReviewCardViewSchema = z.object({
  cardId: z.string(),
  deckId: z.string(),
  deckTitle: z.string(),
  topic: z.string().nullable(),
  prompt: z.string(),
  body: z.string().nullable(),
  kind: z.enum(['text', 'choice']),
  choices: z.array(z.object({ id: z.string(), text: z.string() })).nullable(),
  phase: ReviewPhaseSchema,
  reps: z.number().int(),
});
export type ReviewCardView = z.infer<typeof ReviewCardViewSchema>;

/** A review answer's verdict and the card's new schedule. */
export const ReviewRevealSchema = z.object({
  logId: z.string(),
  cardId: z.string(),
  verdict: ReviewVerdictSchema,
  rating: ReviewRatingSchema,
  answer: z.string(),
  summary: z.string(),
  matched: z.array(z.string()),
  missing: z.array(z.string()),
  correctChoiceId: z.string().nullable(),
  chosenChoiceId: z.string().nullable(),
  due: z.string(),
  intervalMs: z.number(),
  interval: z.string(),
  /** A typed answer's reveal may be self-rated ("I knew it") for scheduling only. */
  canSelfRate: z.boolean(),
});
export type ReviewReveal = z.infer<typeof ReviewRevealSchema>;

export const MasterySeriesSchema = z.object({
  key: z.string(),
  label: z.string(),
  deckId: z.string(),
  topic: z.string().nullable(),
  cards: z.number().int(),
  /** Share of cards above 90 % recall at the end of each day (today: now), oldest first. */
  points: z.array(z.object({ day: z.string(), share: z.number() })),
});
export type MasterySeries = z.infer<typeof MasterySeriesSchema>;

/** `/me`'s review panel. */
export const StudySummarySchema = z.object({
  dueNow: z.number().int(),
  dueToday: z.number().int(),
  minutes: z.number(),
  /** "7 due today, 3 min" */
  reminder: z.string(),
  /** Consecutive study days ending today (or yesterday while today has no study yet), the longest, and today. */
  streak: z.object({ current: z.number().int(), longest: z.number().int(), studiedToday: z.boolean() }),
  cards: z.number().int(),
  mastery: z.object({ decks: z.array(MasterySeriesSchema), topics: z.array(MasterySeriesSchema) }),
  /** With `room`: the cards this profile missed in that game, and how many of them are due today. */
  room: z.object({ code: z.string(), missed: z.number().int(), due: z.number().int() }).nullable(),
});
export type StudySummary = z.infer<typeof StudySummarySchema>;
