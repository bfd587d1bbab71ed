/**
 * The contract every part of Quizroom shares: limits, room codes, text normalisation and error codes. It sits
 * at the bottom: it imports nothing of ours and no library, so the game, the protocol, the server and the phone's
 * bundle can all use it.
 */
export * from './codes';
export * from './errors';
export * from './limits';
export * from './text';
export * from './text-policy';
