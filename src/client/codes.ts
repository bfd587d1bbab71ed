import { isRoomCode, ROOM_CODE_LENGTH } from '@/contract';

/** Upper-cases and strips spaces and dashes ("abc 123" -> "ABC123"). */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Room codes as the server issues them [R1.2] (src/contract/codes.ts). */
export function isValidCode(code: string): boolean {
  return isRoomCode(code);
}

/** Why a typed code can't be a room code, or null when it can. */
export function codeProblem(raw: string): string | null {
  const code = normalizeCode(raw);
  if (code.length === 0) return 'Enter the 6-character code shown on the big screen.';
  if (code.length !== ROOM_CODE_LENGTH) return `Room codes have 6 characters (you typed ${code.length}).`;
  if (!isRoomCode(code)) return 'Room codes never contain 0, 1, I, L or O. Check the code on the big screen.';
  return null;
}
