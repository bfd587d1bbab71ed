import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '../contract';

/**
 * The one id and token generator of the server. Secrets are stored only as their SHA-256 (`hashToken`).
 * Services take an `Ids` so tests can make ids they can predict.
 */
export interface Ids {
  /** A record id: 12 random bytes, base64url. */
  id(): string;
  /** A secret (host, rejoin, recovery, group admin): 32 random bytes, base64url. */
  token(): string;
  /** A join code [R1.2] (src/contract/codes.ts). */
  roomCode(): string;
}

export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newRoomCode(): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}

export const ids: Ids = { id: newId, token: newToken, roomCode: newRoomCode };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secret hashes without leaking where they differ (profile codes, group admin tokens, seats). */
export function tokensEqual(aHash: string, bHash: string): boolean {
  const a = Buffer.from(aHash);
  const b = Buffer.from(bHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
