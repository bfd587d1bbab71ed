/** localStorage helpers. Every access is guarded: private mode and blocked storage just mean "nothing kept". */

const hostKey = (code: string) => `quizroom:host:${code}`;
const PLAYER_PREFIX = 'quizroom:player:';
const playerKey = (code: string) => `${PLAYER_PREFIX}${code}`;

export function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
/** @returns false when storage is unavailable (nothing was kept) */
export function write(key: string, value: string): boolean {
  try {
    window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
/** @returns false when storage is unavailable */
export function remove(key: string): boolean {
  try {
    window.localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

export function getHostToken(code: string): string | null {
  return read(hostKey(code));
}
export function setHostToken(code: string, token: string): void {
  write(hostKey(code), token);
}

export interface PlayerCredentials {
  playerId: string;
  rejoinToken: string;
  nickname: string;
}

export function getPlayer(code: string): PlayerCredentials | null {
  const raw = read(playerKey(code));
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (
      typeof v === 'object' &&
      v !== null &&
      'playerId' in v &&
      'rejoinToken' in v &&
      typeof v.playerId === 'string' &&
      typeof v.rejoinToken === 'string'
    ) {
      const nickname = 'nickname' in v && typeof v.nickname === 'string' ? v.nickname : '';
      return { playerId: v.playerId, rejoinToken: v.rejoinToken, nickname };
    }
  } catch {
    /* corrupt entry */
  }
  remove(playerKey(code));
  return null;
}
export function setPlayer(code: string, creds: PlayerCredentials): void {
  write(playerKey(code), JSON.stringify(creds));
}
export function clearPlayer(code: string): void {
  remove(playerKey(code));
}

const NICK_KEY = 'quizroom:nickname';
/** The last nickname used, to prefill the next join form. */
export function getLastNickname(): string {
  return read(NICK_KEY) ?? '';
}
export function setLastNickname(nickname: string): void {
  write(NICK_KEY, nickname);
}

/** The codes of the games this browser holds a seat in (sorted). */
export function seatCodes(): string[] {
  const codes: string[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(PLAYER_PREFIX)) codes.push(key.slice(PLAYER_PREFIX.length));
    }
  } catch {
    return [];
  }
  return codes.sort();
}
