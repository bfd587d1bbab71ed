import { ServiceError } from '../errors';
import { hashToken, newId, newToken, tokensEqual } from '../ids';
import type { GroupRepository, ProfileRepository } from '../repositories/profiles';

/**
 * Identity without sign-up: a profile is a display name plus a private recovery code shown once (kept in the
 * browser). Nicknames are not identities: two "Alex" players are two profiles.
 */
export function createProfileService(profiles: ProfileRepository) {
  return {
    async create(displayName: string): Promise<{ id: string; displayName: string; recoveryCode: string }> {
      const recoveryCode = newToken();
      const p = await profiles.create({ id: newId(), displayName: displayName.trim(), recoveryHash: hashToken(recoveryCode) });
      return { id: p.id, displayName: p.displayName, recoveryCode };
    },
    async byToken(token: string): Promise<{ id: string; displayName: string } | null> {
      const p = await profiles.byRecoveryHash(hashToken(token));
      return p ? { id: p.id, displayName: p.displayName } : null;
    },
    byId: (id: string) => profiles.byId(id),
  };
}
export type ProfileService = ReturnType<typeof createProfileService>;

/** Groups: a study team or meetup; the admin token (shown once) guards its admin actions. */
export function createGroupService(groups: GroupRepository) {
  return {
    async create(name: string, publicBoards = false): Promise<{ id: string; name: string; adminToken: string }> {
      const adminToken = newToken();
      const g = await groups.create({ id: newId(), name: name.trim(), adminTokenHash: hashToken(adminToken), publicBoards });
      return { id: g.id, name: g.name, adminToken };
    },
    async get(id: string) {
      const g = await groups.get(id);
      if (!g) return null;
      const { adminTokenHash: _hidden, ...rest } = g;
      return rest;
    },
    /** Throws a ServiceError unless `token` is the group's admin token. */
    async requireAdmin(id: string, token: string): Promise<void> {
      const g = await groups.get(id);
      if (!g) throw new ServiceError('bad_request', 'No such group.', 404);
      if (!tokensEqual(hashToken(token), g.adminTokenHash)) {
        throw new ServiceError('bad_request', 'That group admin link is not valid.', 403);
      }
    },
  };
}
export type GroupService = ReturnType<typeof createGroupService>;
