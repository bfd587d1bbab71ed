import { seasonRangeProblem } from '../../boards/seasons';
import { ServiceError } from '../errors';
import { hashToken, newId, newToken, tokensEqual } from '../ids';
import type { GroupRepository, ProfileRepository, SeasonRow } from '../repositories/profiles';

export interface ProfileInfo {
  id: string;
  displayName: string;
}

/**
 * Identity without sign-up: a profile is a display name plus a private recovery code shown once (kept in the
 * browser). Nicknames are not identities: two "Alex" players are two profiles [R2.9, R11.1].
 */
export function createProfileService(
  profiles: ProfileRepository,
  opts: {
    onGroupChange?: (groupId: string) => void;
    /** A finished game was added to a profile: its answers join the profile's review queue [R16.3]. */
    onSeatLinked?: (roomId: string) => void;
  } = {},
) {
  async function byToken(token: string): Promise<ProfileInfo | null> {
    const p = await profiles.byRecoveryHash(hashToken(token));
    return p ? { id: p.id, displayName: p.displayName } : null;
  }

  /** The profile a recovery code proves, or a 401 the client can show. */
  async function requireByToken(token: string | null): Promise<ProfileInfo> {
    const p = token ? await byToken(token) : null;
    if (!p) throw new ServiceError('bad_request', 'That profile code is not valid. Open your recovery link again or create a profile.', 401);
    return p;
  }

  return {
    async create(displayName: string): Promise<{ id: string; displayName: string; recoveryCode: string }> {
      const recoveryCode = newToken();
      const p = await profiles.create({ id: newId(), displayName: displayName.trim(), recoveryHash: hashToken(recoveryCode) });
      return { id: p.id, displayName: p.displayName, recoveryCode };
    },
    byToken,
    requireByToken,
    byId: (id: string) => profiles.byId(id),

    async rename(token: string | null, displayName: string): Promise<ProfileInfo> {
      const p = await requireByToken(token);
      const r = await profiles.rename(p.id, displayName.trim());
      return { id: r.id, displayName: r.displayName };
    },

    /**
     * Deletes the profile the recovery code proves [R16.7]: its review queue and log go with it (the database
     * cascades), its games' results stay in their rooms as anonymous players.
     */
    async delete(token: string | null): Promise<void> {
      const p = await requireByToken(token);
      await profiles.delete(p.id);
    },

    /**
     * Adds a game played on this device to the profile [R11.2]: the player's own rejoin token proves the seat.
     * Only finished games (a live room links through the game itself, `player:linkProfile`). A seat already
     * claimed by another profile stays theirs; a profile has at most one result per room [R2.9].
     */
    async claimSeat(
      token: string | null,
      seat: { code: string; playerId: string; rejoinToken: string },
    ): Promise<{ code: string; profileId: string; alreadyLinked: boolean }> {
      const p = await requireByToken(token);
      const row = await profiles.seat(seat.code, seat.playerId);
      if (!row || !tokensEqual(hashToken(seat.rejoinToken), row.rejoinTokenHash)) {
        throw new ServiceError('bad_request', 'This device has no valid seat in that game.', 403);
      }
      if (row.removed) throw new ServiceError('bad_request', 'The host removed this player from that game.', 409);
      if (row.roomStatus === 'lobby' || row.roomStatus === 'running') {
        throw new ServiceError('bad_request', 'That game is still running: save it to your profile from the game screen, or once it ends.', 409);
      }
      if (row.profileId === p.id) return { code: seat.code, profileId: p.id, alreadyLinked: true };
      if (row.profileId !== null) throw new ServiceError('bad_request', 'That result already belongs to another profile.', 409);
      if (await profiles.profileInRoom(row.roomId, p.id, row.playerId)) {
        throw new ServiceError('bad_request', 'Your profile already has a result in that game.', 409);
      }
      if (!(await profiles.linkSeat(row.playerId, p.id))) {
        throw new ServiceError('bad_request', 'That result already belongs to another profile.', 409);
      }
      if (row.groupId) opts.onGroupChange?.(row.groupId);
      opts.onSeatLinked?.(row.roomId);
      return { code: seat.code, profileId: p.id, alreadyLinked: false };
    },
  };
}
export type ProfileService = ReturnType<typeof createProfileService>;

export interface GroupInfo {
  id: string;
  name: string;
  publicBoards: boolean;
  createdAt: Date;
}

export interface SeasonInfo {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
}

const seasonInfo = ({ groupId: _g, ...s }: SeasonRow): SeasonInfo => s;

/**
 * Groups: a study team or meetup; the admin token (shown once) guards its admin actions [R11.6]. `onChange`
 * tells live boards that something they show changed.
 */
export function createGroupService(groups: GroupRepository, opts: { onChange?: (groupId: string) => void } = {}) {
  const changed = (id: string) => opts.onChange?.(id);

  async function get(id: string): Promise<GroupInfo | null> {
    const g = await groups.get(id);
    if (!g) return null;
    const { adminTokenHash: _hidden, ...rest } = g;
    return rest;
  }

  /** Throws a ServiceError unless `token` is the group's admin token. */
  async function requireAdmin(id: string, token: string | null): Promise<GroupInfo> {
    const g = await groups.get(id);
    if (!g) throw new ServiceError('bad_request', 'No such group.', 404);
    if (!token || !tokensEqual(hashToken(token), g.adminTokenHash)) {
      throw new ServiceError('bad_request', 'That group admin link is not valid.', 403);
    }
    const { adminTokenHash: _hidden, ...rest } = g;
    return rest;
  }

  return {
    async create(name: string, publicBoards = false): Promise<{ id: string; name: string; adminToken: string }> {
      const adminToken = newToken();
      const g = await groups.create({ id: newId(), name: name.trim(), adminTokenHash: hashToken(adminToken), publicBoards });
      return { id: g.id, name: g.name, adminToken };
    },
    get,
    async requireAdmin(id: string, token: string | null): Promise<void> {
      await requireAdmin(id, token);
    },

    async update(id: string, token: string | null, patch: { name?: string | undefined; publicBoards?: boolean | undefined }): Promise<GroupInfo> {
      await requireAdmin(id, token);
      const data: { name?: string; publicBoards?: boolean } = {};
      if (patch.name !== undefined) data.name = patch.name.trim();
      if (patch.publicBoards !== undefined) data.publicBoards = patch.publicBoards;
      const { adminTokenHash: _hidden, ...rest } = await groups.update(id, data);
      changed(id);
      return rest;
    },

    async delete(id: string, token: string | null): Promise<void> {
      await requireAdmin(id, token);
      await groups.delete(id);
      changed(id);
    },

    async seasons(id: string): Promise<SeasonInfo[]> {
      return (await groups.seasons(id)).map(seasonInfo);
    },

    async season(id: string, seasonId: string): Promise<SeasonInfo | null> {
      const s = await groups.season(id, seasonId);
      return s ? seasonInfo(s) : null;
    },

    async addSeason(id: string, token: string | null, s: { name: string; startsAt: Date; endsAt: Date }): Promise<SeasonInfo> {
      await requireAdmin(id, token);
      const problem = seasonRangeProblem(s.startsAt, s.endsAt);
      if (problem) throw new ServiceError('bad_request', problem, 400);
      const row = await groups.addSeason({ id: newId(), groupId: id, name: s.name.trim(), startsAt: s.startsAt, endsAt: s.endsAt });
      changed(id);
      return seasonInfo(row);
    },

    async deleteSeason(id: string, token: string | null, seasonId: string): Promise<void> {
      await requireAdmin(id, token);
      if (!(await groups.deleteSeason(id, seasonId))) throw new ServiceError('bad_request', 'No such season in this group.', 404);
      changed(id);
    },

    /** Removes a player's (profile's) results from the group's boards and insights [R11.6]. */
    async hideResults(id: string, token: string | null, profileId: string): Promise<{ hidden: number }> {
      await requireAdmin(id, token);
      const hidden = await groups.hideProfileResults(id, profileId);
      changed(id);
      return { hidden };
    },
  };
}
export type GroupService = ReturnType<typeof createGroupService>;
