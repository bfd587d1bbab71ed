/**
 * The limits every side agrees on: the game enforces them with a clear error, the protocol bounds raw input,
 * and the browser checks them before sending. Rule ids refer to docs/SPEC.md.
 */

/** A nickname is 1 to this many characters (code points) after folding whitespace [R2.2]. */
export const NICKNAME_MAX = 20;
/**
 * The longest raw nickname the socket accepts. Longer than NICKNAME_MAX on purpose: a nickname padded with
 * spaces is folded first and then measured, and one over the limit gets the game's `invalid_nickname` with a
 * message a player can act on rather than a schema error.
 */
export const NICKNAME_INPUT_MAX = 100;

/** A typed answer is at most this many characters (code points) after folding whitespace [R4.4]. */
export const TEXT_ANSWER_MAX = 200;
/** The longest raw typed answer the socket accepts (folded and measured by the game, as for nicknames). */
export const TEXT_ANSWER_INPUT_MAX = 1000;

/** A profile's display name, 1 to 30 characters [R11.2]. */
export const DISPLAY_NAME_MAX = 30;
/** A group's name and a season's name, 1 to 60 characters [R11.6]. */
export const GROUP_NAME_MAX = 60;
export const SEASON_NAME_MAX = 60;
