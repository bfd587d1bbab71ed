/**
 * Groups kept in this browser: the ones it administers (`quizroom:groups`, with their admin tokens) and the ones
 * it joined through a join link (`quizroom:memberships`).
 */

export interface AdminGroup {
  id: string;
  name: string;
  adminToken: string;
}

export interface Membership {
  id: string;
  name: string;
}

const ADMIN_KEY = 'quizroom:groups';
const MEMBER_KEY = 'quizroom:memberships';
export const GROUPS_CHANGED = 'quizroom:groups-changed';

function readList(key: string): unknown[] {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function writeList(key: string, list: unknown[]): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(list));
    window.dispatchEvent(new Event(GROUPS_CHANGED));
  } catch {
    /* storage unavailable */
  }
}

const isStr = (o: Record<string, unknown>, k: string) => typeof o[k] === 'string';

export function getAdminGroups(): AdminGroup[] {
  return readList(ADMIN_KEY).flatMap((v) => {
    if (typeof v !== 'object' || v === null) return [];
    const o = v as Record<string, unknown>;
    return isStr(o, 'id') && isStr(o, 'name') && isStr(o, 'adminToken') ? [{ id: o.id as string, name: o.name as string, adminToken: o.adminToken as string }] : [];
  });
}

export function saveAdminGroup(g: AdminGroup): void {
  writeList(ADMIN_KEY, [g, ...getAdminGroups().filter((x) => x.id !== g.id)]);
}

export function removeAdminGroup(id: string): void {
  writeList(ADMIN_KEY, getAdminGroups().filter((x) => x.id !== id));
}

export function adminTokenFor(id: string): string | null {
  return getAdminGroups().find((g) => g.id === id)?.adminToken ?? null;
}

export function getMemberships(): Membership[] {
  return readList(MEMBER_KEY).flatMap((v) => {
    if (typeof v !== 'object' || v === null) return [];
    const o = v as Record<string, unknown>;
    return isStr(o, 'id') && isStr(o, 'name') ? [{ id: o.id as string, name: o.name as string }] : [];
  });
}

export function saveMembership(m: Membership): void {
  writeList(MEMBER_KEY, [m, ...getMemberships().filter((x) => x.id !== m.id)]);
}

export function removeMembership(id: string): void {
  writeList(MEMBER_KEY, getMemberships().filter((x) => x.id !== id));
}

/** Keeps a group's stored name current (after a rename). */
export function renameStoredGroup(id: string, name: string): void {
  const admin = getAdminGroups();
  if (admin.some((g) => g.id === id)) writeList(ADMIN_KEY, admin.map((g) => (g.id === id ? { ...g, name } : g)));
  const member = getMemberships();
  if (member.some((g) => g.id === id)) writeList(MEMBER_KEY, member.map((g) => (g.id === id ? { ...g, name } : g)));
}
