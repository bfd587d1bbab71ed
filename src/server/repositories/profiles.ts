import type { PrismaClient } from '../../generated/prisma/client';

/** Profiles (people across games) and groups (teams, meetups). Plain objects; no rules here. */
export interface ProfileRow {
  id: string;
  displayName: string;
  createdAt: Date;
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
  };
}
export type ProfileRepository = ReturnType<typeof createProfileRepository>;

export function createGroupRepository(prisma: PrismaClient) {
  const select = { id: true, name: true, adminTokenHash: true, publicBoards: true, createdAt: true } as const;
  return {
    async create(row: { id: string; name: string; adminTokenHash: string; publicBoards: boolean }): Promise<GroupRow> {
      return prisma.group.create({ data: row, select });
    },
    async get(id: string): Promise<GroupRow | null> {
      return prisma.group.findUnique({ where: { id }, select });
    },
  };
}
export type GroupRepository = ReturnType<typeof createGroupRepository>;
