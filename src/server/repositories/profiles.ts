import type { PrismaClient } from '../../generated/prisma/client';

/** Profiles (people across games) and groups (teams, meetups). Plain objects; no rules here. */
export interface ProfileRow {
  id: string;
  displayName: string;
  createdAt: Date;
}

/** A player's seat in a stored room, for claiming a played game into a profile. */
export interface SeatRow {
  playerId: string;
  roomId: string;
  roomStatus: string;
  groupId: string | null;
  rejoinTokenHash: string;
  profileId: string | null;
  removed: boolean;
}

export interface SeasonRow {
  id: string;
  groupId: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
}

export interface GroupRow {
  id: string;
  name: string;
  adminTokenHash: string;
  publicBoards: boolean;
  createdAt: Date;
}

export function createProfileRepository(prisma: PrismaClient) {
  return {
    async create(row: { id: string; displayName: string; recoveryHash: string }): Promise<ProfileRow> {
      return prisma.profile.create({ data: row, select: { id: true, displayName: true, createdAt: true } });
    },
    async byRecoveryHash(recoveryHash: string): Promise<ProfileRow | null> {
      return prisma.profile.findUnique({ where: { recoveryHash }, select: { id: true, displayName: true, createdAt: true } });
    },
    async byId(id: string): Promise<ProfileRow | null> {
      return prisma.profile.findUnique({ where: { id }, select: { id: true, displayName: true, createdAt: true } });
    },
    /** Deletes the profile: its games' results stay in their rooms without it, its review data goes with it. */
    async delete(id: string): Promise<boolean> {
      return (await prisma.profile.deleteMany({ where: { id } })).count > 0;
    },
    async rename(id: string, displayName: string): Promise<ProfileRow> {
      return prisma.profile.update({ where: { id }, data: { displayName }, select: { id: true, displayName: true, createdAt: true } });
    },
    async seat(code: string, playerId: string): Promise<SeatRow | null> {
      const p = await prisma.player.findFirst({
        where: { id: playerId, room: { code } },
        select: { id: true, roomId: true, rejoinTokenHash: true, profileId: true, removedAt: true, room: { select: { status: true, groupId: true } } },
      });
      return p
        ? {
            playerId: p.id,
            roomId: p.roomId,
            roomStatus: p.room.status,
            groupId: p.room.groupId,
            rejoinTokenHash: p.rejoinTokenHash,
            profileId: p.profileId,
            removed: p.removedAt !== null,
          }
        : null;
    },
    /** Whether another (not removed) player of the room already plays as this profile. */
    async profileInRoom(roomId: string, profileId: string, exceptPlayerId: string): Promise<boolean> {
      const n = await prisma.player.count({ where: { roomId, profileId, removedAt: null, id: { not: exceptPlayerId } } });
      return n > 0;
    },
    /** Links a seat to a profile unless it is linked to another one; returns whether it is now linked. */
    async linkSeat(playerId: string, profileId: string): Promise<boolean> {
      const r = await prisma.player.updateMany({
        where: { id: playerId, OR: [{ profileId: null }, { profileId }] },
        data: { profileId },
      });
      return r.count > 0;
    },
  };
}
export type ProfileRepository = ReturnType<typeof createProfileRepository>;

const seasonSelect = { id: true, groupId: true, name: true, startsAt: true, endsAt: true } as const;

export function createGroupRepository(prisma: PrismaClient) {
  const select = { id: true, name: true, adminTokenHash: true, publicBoards: true, createdAt: true } as const;
  return {
    async create(row: { id: string; name: string; adminTokenHash: string; publicBoards: boolean }): Promise<GroupRow> {
      return prisma.group.create({ data: row, select });
    },
    async get(id: string): Promise<GroupRow | null> {
      return prisma.group.findUnique({ where: { id }, select });
    },
    async update(id: string, data: { name?: string; publicBoards?: boolean }): Promise<GroupRow> {
      return prisma.group.update({ where: { id }, data, select });
    },
    /** Deletes the group and its seasons; its rooms stay (their results pages too) without a group. */
    async delete(id: string): Promise<void> {
      await prisma.group.delete({ where: { id } });
    },
    async seasons(groupId: string): Promise<SeasonRow[]> {
      return prisma.season.findMany({ where: { groupId }, select: seasonSelect, orderBy: [{ startsAt: 'desc' }, { id: 'asc' }] });
    },
    async season(groupId: string, id: string): Promise<SeasonRow | null> {
      return prisma.season.findFirst({ where: { id, groupId }, select: seasonSelect });
    },
    async addSeason(row: SeasonRow): Promise<SeasonRow> {
      return prisma.season.create({ data: row, select: seasonSelect });
    },
    async deleteSeason(groupId: string, id: string): Promise<boolean> {
      return (await prisma.season.deleteMany({ where: { id, groupId } })).count > 0;
    },
    /** Hides a profile's results in the group's games from its boards and insights; returns how many. */
    async hideProfileResults(groupId: string, profileId: string): Promise<number> {
      const r = await prisma.player.updateMany({
        where: { profileId, hiddenFromGroup: false, room: { groupId } },
        data: { hiddenFromGroup: true },
      });
      return r.count;
    },
  };
}
export type GroupRepository = ReturnType<typeof createGroupRepository>;
