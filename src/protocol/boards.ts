import { z } from 'zod';
import { DISPLAY_NAME_MAX, GROUP_NAME_MAX, SEASON_NAME_MAX, type TextKind } from '../contract';
import { RoomCodeSchema } from './index';
import { policyText, SAFE_ID_PATTERN } from './text';

/**
 * HTTP bodies and query parameters of profiles, groups, boards and exports [R11]. docs/PROTOCOL.md lists the
 * endpoints; the response shapes are the service types in src/server/services/boards/.
 */

const SecretSchema = z.string().trim().min(16).max(128);
/** Ids made by the server (base64url) and deck ids (lowercase, dashes). */
export const PathIdSchema = z.string().regex(SAFE_ID_PATTERN, 'not a valid id');

/** A name under the text policy (src/contract/text-policy.ts), then 1 to `max` characters [R11.2, R11.6]. */
function nameSchema(what: string, max: number, kind: TextKind = 'name') {
  return policyText(kind, what, 1, max);
}

export const DisplayNameSchema = nameSchema('a display name', DISPLAY_NAME_MAX, 'personName');

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

/** Seasons live between these years: outside them a date is a typo (and year 0 is no date a database takes). */
export const SEASON_YEARS = { min: 1970, max: 9999 } as const;

/** A date (`YYYY-MM-DD`, midnight UTC) or an ISO date-time with an offset, in SEASON_YEARS. */
const InstantSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s))
  .refine((d) => {
    const y = d.getUTCFullYear();
    return Number.isFinite(d.getTime()) && y >= SEASON_YEARS.min && y <= SEASON_YEARS.max;
  }, `a date between ${SEASON_YEARS.min} and ${SEASON_YEARS.max}`);

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
