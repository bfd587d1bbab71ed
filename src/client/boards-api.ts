/** Typed fetch helpers for profiles, groups and boards (src/app/api/profiles, /groups). */
import type { ApiResult } from './api';

export type { ApiResult };

export async function call<T>(url: string, init: RequestInit = {}, token?: string | null): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store', ...init, headers });
  } catch {
    return { ok: false, status: 0, code: 'network', message: 'Could not reach the Quizroom server. Check your connection and try again.' };
  }
  let body: unknown = null;
  try {
    body = res.status === 204 ? null : await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok) return { ok: true, data: body as T, status: res.status };
  const err =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null
      ? (body.error as { code?: unknown; message?: unknown })
      : {};
  return {
    ok: false,
    status: res.status,
    code: typeof err.code === 'string' ? err.code : `http_${res.status}`,
    message: typeof err.message === 'string' ? err.message : `The server answered ${res.status}.`,
  };
}

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
