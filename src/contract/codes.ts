/**
 * Room join codes [R1.2]: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a code read
 * off a projector is typed right the first time.
 */
export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ROOM_CODE_LENGTH = 6;
export const ROOM_CODE_PATTERN = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);

export function isRoomCode(code: string): boolean {
  return ROOM_CODE_PATTERN.test(code);
}

/**
 * How a stored room stands: created (`lobby`), started (`running`), over (`finished`), or left open by a server
 * process that stopped (`abandoned`, [R8.3]). `GET /api/rooms/:code` reports it for rooms no process runs.
 */
export const ROOM_STATUSES = ['lobby', 'running', 'finished', 'abandoned'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];
