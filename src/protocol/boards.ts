import { z } from 'zod';
import { RoomCodeSchema } from './index';

/**
 * HTTP bodies and query parameters of profiles, groups, boards and exports [R11]. docs/PROTOCOL.md lists the
 * endpoints; the response shapes are the service types in src/server/services/leaderboards.ts.
 */

const SecretSchema = z.string().trim().min(16).max(128);
/** Ids made by the server (base64url) and deck ids (lowercase, dashes). */
export const PathIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id');

export const DisplayNameSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'a display name is 1 to 30 characters').max(30, 'a display name is 1 to 30 characters'));

export const CreateProfileBodySchema = z.object({ displayName: DisplayNameSchema });
export const RenameProfileBodySchema = z.object({ displayName: DisplayNameSchema });
export const RecoverProfileBodySchema = z.object({ recoveryCode: SecretSchema });

/** A game played on this device, proved by the player's own rejoin token. */
export const ClaimSeatBodySchema = z.object({
  code: RoomCodeSchema,
  playerId: PathIdSchema,
  rejoinToken: SecretSchema,
});

const GroupNameSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'a group name is 1 to 60 characters').max(60, 'a group name is 1 to 60 characters'));

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
  name: z
    .string()
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, 'a season name is 1 to 60 characters').max(60, 'a season name is 1 to 60 characters')),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
});

export const ExportQuerySchema = z.object({
  format: z.enum(['csv', 'json']).default('csv'),
  /** CSV only: one row per player, or one row per answer. */
  rows: z.enum(['players', 'answers']).default('players'),
  season: z.string().max(80).optional(),
});
