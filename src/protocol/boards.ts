import { z } from 'zod';
import { DISPLAY_NAME_MAX, foldSpaces, GROUP_NAME_MAX, SEASON_NAME_MAX } from '../contract';
import { RoomCodeSchema } from './index';

/**
 * HTTP bodies and query parameters of profiles, groups, boards and exports [R11]. docs/PROTOCOL.md lists the
 * endpoints; the response shapes are the service types in src/server/services/boards/.
 */

const SecretSchema = z.string().trim().min(16).max(128);
/** Ids made by the server (base64url) and deck ids (lowercase, dashes). */
export const PathIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id');

/** A name folded like the browser folds it (src/contract/text.ts), then 1 to `max` characters. */
function nameSchema(what: string, max: number) {
  const message = `${what} is 1 to ${max} characters`;
  return z.string().transform(foldSpaces).pipe(z.string().min(1, message).max(max, message));
}

export const DisplayNameSchema = nameSchema('a display name', DISPLAY_NAME_MAX);

export const CreateProfileBodySchema = z.object({ displayName: DisplayNameSchema });
export const RenameProfileBodySchema = z.object({ displayName: DisplayNameSchema });
export const RecoverProfileBodySchema = z.object({ recoveryCode: SecretSchema });

/** A game played on this device, proved by the player's own rejoin token. */
export const ClaimSeatBodySchema = z.object({
  code: RoomCodeSchema,
  playerId: PathIdSchema,
  rejoinToken: SecretSchema,
});

const GroupNameSchema = nameSchema('a group name', GROUP_NAME_MAX);

export const CreateGroupBodySchema = z.object({
  name: GroupNameSchema,
  /** Show the group's best games on the public per-deck boards. */
  publicBoards: z.boolean().default(false),
});

export const UpdateGroupBodySchema = z
  .object({ name: GroupNameSchema.optional(), publicBoards: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.publicBoards !== undefined, { message: 'send name and/or publicBoards' });

/** A date (`YYYY-MM-DD`, midnight UTC) or an ISO date-time with an offset. */
const InstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s));

/** A season covers the games that ended in [startsAt, endsAt). */
export const CreateSeasonBodySchema = z.object({
  name: nameSchema('a season name', SEASON_NAME_MAX),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
});

export const ExportQuerySchema = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  /** CSV only: one row per player, or one row per answer. */
  rows: z.enum(['players', 'answers']).default('players'),
  season: z.string().max(80).optional(),
});
