/**
 * Error codes: what a refusal is called on the socket, over HTTP and in the browser. Every error travels as
 * `{ code, message }` with a message fit to show as is.
 */

/** Refusals the game's rules decide (src/game). */
export const GAME_ERROR_CODES = [
  'not_host',
  'wrong_phase',
  'unknown_player',
  'bad_token',
  'removed',
  'nickname_taken',
  'invalid_nickname',
  'room_full',
  'game_finished',
  'already_answered',
  'wrong_question',
  'question_closed',
  'invalid_choice',
  'invalid_answer',
  'no_such_answer',
  /** A host command named a phase or question the room has already left (a double tap, a second device) [R3.8]. */
  'stale_command',
  // Host controls and teams (issue 12): a locked room, a paused game, a full or unknown team.
  'room_locked',
  'paused',
  'team_full',
] as const;
export type GameErrorCode = (typeof GAME_ERROR_CODES)[number];

/** Refusals of the transport around the game: a malformed message, no such room, too many messages, a bug. */
export const TRANSPORT_ERROR_CODES = ['bad_request', 'room_not_found', 'rate_limited', 'internal'] as const;

/** Every code a socket ack or `server:error` can carry (docs/PROTOCOL.md, "Error codes"). */
export const ERROR_CODES = [...GAME_ERROR_CODES, ...TRANSPORT_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes of the HTTP API's `{ error: { code, message } }` bodies. */
export const HTTP_ERROR_CODES = [
  'bad_request',
  'deck_not_found',
  'room_not_found',
  'too_large',
  /** A live game's results and exports are the host's until the game ends (bearer host token). */
  'not_host',
  /** Too many requests from one address; `Retry-After` says when to try again. */
  'rate_limited',
  'internal',
  // Decks: a change by someone without the deck's edit token; a built-in deck; an unknown card.
  'not_owner',
  'read_only',
  'card_not_found',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];
