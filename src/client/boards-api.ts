/** Typed fetch helpers for profiles, groups and boards (src/app/api/profiles, /groups). */
import { call, type ApiResult } from './api';

export type { ApiResult };
/** The one JSON call (api.ts), also for the clients that import it from here. */
export { call };

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

export interface CreatedProfile {
  id: string;
  displayName: string;
  recoveryCode: string;
}

export const createProfile = (displayName: string) => call<CreatedProfile>('/api/profiles', post({ displayName }));
export const recoverProfile = (recoveryCode: string) => call<{ id: string; displayName: string }>('/api/profiles/recover', post({ recoveryCode }));
export const renameProfile = (token: string, displayName: string) =>
  call<{ id: string; displayName: string }>('/api/profiles/me', { method: 'PATCH', body: JSON.stringify({ displayName }) }, token);
export const claimSeat = (token: string, seat: { code: string; playerId: string; rejoinToken: string }) =>
  call<{ code: string; profileId: string; alreadyLinked: boolean }>('/api/profiles/me/games', post(seat), token);
export const loadPersonal = <T>(token: string) => call<T>('/api/profiles/me', {}, token);

export interface CreatedGroup {
  id: string;
  name: string;
  adminToken: string;
  publicBoards: boolean;
  joinUrl: string;
  boardUrl: string;
  adminUrl: string;
}

export const createGroup = (name: string, publicBoards: boolean) => call<CreatedGroup>('/api/groups', post({ name, publicBoards }));
export const getGroup = (id: string) => call<{ id: string; name: string; publicBoards: boolean }>(`/api/groups/${encodeURIComponent(id)}`);
export const updateGroup = (id: string, token: string, patch: { name?: string; publicBoards?: boolean }) =>
  call<{ id: string; name: string; publicBoards: boolean }>(`/api/groups/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(patch) }, token);
export const deleteGroup = (id: string, token: string) => call<null>(`/api/groups/${encodeURIComponent(id)}`, { method: 'DELETE' }, token);
export const addSeason = (id: string, token: string, s: { name: string; startsAt: string; endsAt: string }) =>
  call<{ id: string; name: string }>(`/api/groups/${encodeURIComponent(id)}/seasons`, post(s), token);
export const deleteSeason = (id: string, token: string, seasonId: string) =>
  call<null>(`/api/groups/${encodeURIComponent(id)}/seasons/${encodeURIComponent(seasonId)}`, { method: 'DELETE' }, token);
export const hidePlayer = (id: string, token: string, profileId: string) =>
  call<{ hidden: number }>(`/api/groups/${encodeURIComponent(id)}/players/${encodeURIComponent(profileId)}`, { method: 'DELETE' }, token);

export interface PracticeRoomInput {
  deckId: string;
  positions: number[];
  group: { id: string; adminToken: string } | null;
}

/** "Play the cards we miss most": a room of those cards (counted for the group when this browser administers it). */
export const createPracticeRoom = (input: PracticeRoomInput) =>
  call<{ code: string; hostToken: string; joinUrl: string; hostUrl: string }>(
    '/api/rooms',
    post({
      deckId: input.deckId,
      settings: { mode: 'mixed', timeLimitSec: 20, points: true, speedBonus: true, autoAdvance: false, autoAdvanceSec: 8 },
      positions: input.positions,
      shuffle: true,
      ...(input.group ? { group: input.group } : {}),
    }),
  );
