import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { CODE_ALPHABET } from '../protocol';

/** The one id/token generator of the server. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** A secret for a host or a player's rejoin: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokensEqual(aHash: string, bHash: string): boolean {
  const a = Buffer.from(aHash);
  const b = Buffer.from(bHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A 6-character join code without ambiguous characters (no 0/O, 1/I/L) [R1.2]. */
export function newRoomCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
