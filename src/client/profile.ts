/**
 * The profile kept in this browser (`quizroom:profile`): the private recovery code is the only proof of the
 * profile, so it never goes into a URL the server sees (the recovery link carries it in the `#` fragment).
 */
import { getPlayer, read, remove, seatCodes, write, type PlayerCredentials } from './storage';

export interface StoredProfile {
  profileId: string;
  displayName: string;
  recoveryCode: string;
}

const KEY = 'quizroom:profile';

export function getStoredProfile(): StoredProfile | null {
  const raw = read(KEY);
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (
      typeof v === 'object' &&
      v !== null &&
      'profileId' in v &&
      'displayName' in v &&
      'recoveryCode' in v &&
      typeof v.profileId === 'string' &&
      typeof v.displayName === 'string' &&
      typeof v.recoveryCode === 'string'
    ) {
      return { profileId: v.profileId, displayName: v.displayName, recoveryCode: v.recoveryCode };
    }
  } catch {
    /* corrupt entry */
  }
  return null;
}

export function setStoredProfile(p: StoredProfile): void {
  if (write(KEY, JSON.stringify(p))) window.dispatchEvent(new Event('quizroom:profile'));
}

export function clearStoredProfile(): void {
  if (remove(KEY)) window.dispatchEvent(new Event('quizroom:profile'));
}

/** For `player:join`: `{ profileToken }` when this browser has a profile, else nothing. */
export function profileTokenForJoin(): { profileToken?: string } {
  const p = getStoredProfile();
  return p ? { profileToken: p.recoveryCode } : {};
}

/** The link that restores the profile on another device (the code stays in the fragment). */
export function recoveryLink(origin: string, recoveryCode: string): string {
  return `${origin.replace(/\/$/, '')}/profiles/recover#code=${encodeURIComponent(recoveryCode)}`;
}

/** A pasted recovery link or bare code -> the code, or null. */
export function parseRecoveryInput(input: string): string | null {
  const s = input.trim();
  const fromLink = /[#&?]code=([^&#\s]+)/.exec(s);
  const code = fromLink ? decodeURIComponent(fromLink[1] ?? '') : s;
  return /^[A-Za-z0-9_-]{16,128}$/.test(code) ? code : null;
}

export interface DeviceSeat extends PlayerCredentials {
  code: string;
}

/** The games this browser joined (their seats are kept for rejoining), to add them to a profile later. */
export function listDeviceSeats(): DeviceSeat[] {
  return seatCodes().flatMap((code) => {
    const seat = getPlayer(code);
    return seat ? [{ code, ...seat }] : [];
  });
}
