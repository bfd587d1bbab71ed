import { z } from 'zod';
import { TEXT_ANSWER_INPUT_MAX } from '../contract';
import { RoomCodeSchema } from './index';
import { SAFE_ID_PATTERN } from './text';

/**
 * HTTP bodies and query parameters of the personal review queue [R16] (docs/PROTOCOL.md, docs/STUDY.md). The
 * response shapes are the service types in src/server/services/study.ts. The profile's recovery code is the
 * bearer token, as for the other `/api/profiles/me` routes.
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

/** "I knew it" (`good`) or another rating for a typed review answer's schedule; scores never change. */
export const SelfRateBodySchema = z.object({
  logId: z.string().regex(SAFE_ID_PATTERN, 'not a valid review id').max(100),
  rating: ReviewRatingSchema,
});

/** A profile's own export: its games and its review data. */
export const ProfileExportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});
