import type { GameErrorCode } from '../contract';
import type { Effect } from './commands';
import type { ApplyResult } from './reducer';
import type { AskedQuestion, GameState } from './types';

/**
 * The host's controls over time and the door [R14]: pause and resume, extra time, the room lock, and the
 * "get ready" lead-in before each question. Time is the caller's `now`, as everywhere in the game; the room's
 * scheduler hears about the next moment the game cares for through the `timer` effect.
 */

/** The "get ready" lead-in: the prompt is up this long before answers open [R14.5]. */
export const LEAD_IN_MS = 3000;
/** What one "add time" may add, in seconds [R14.3]. */
export const ADD_TIME_MAX_SEC = 60;

function refuse(state: GameState, code: GameErrorCode, message: string): ApplyResult {
  return { state, effects: [], error: { code, message } };
}

function current(state: GameState): AskedQuestion | undefined {
  return state.questions[state.questions.length - 1];
}

/** The lead-in a new question gets, from the room's settings. */
export function leadInMs(state: GameState): number {
  return state.settings.leadIn === true ? LEAD_IN_MS : 0;
}

/**
 * The next time the game wants a `tick`: the end of the lead-in while it runs (answers open), else the end of
 * the phase; never while paused [R14.1, R14.5].
 */
export function nextAlarm(state: GameState): number | null {
  if (state.pausedAt !== null) return null;
  const q = current(state);
  if (state.phase === 'question' && q?.leadIn) return q.openedAt;
  return state.phaseEndsAt;
}

/** Whether a question is still in its lead-in at `now` (answers not open yet). */
export function inLeadIn(q: AskedQuestion, now: number): boolean {
  return now < q.openedAt;
}

/** The answer time the server measures: from the opening, without the time spent paused [R14.2]. */
export function serverElapsedMs(q: AskedQuestion, now: number): number {
  return Math.max(0, Math.round(now - q.openedAt - q.pausedMs));
}

/** Answering time of a question: the limit plus the host's extra time, pauses excluded. */
export function answeringMs(q: AskedQuestion): number {
  return q.closesAt - q.openedAt - q.pausedMs;
}

/** Time left to answer as of `now` (frozen while paused, full during the lead-in). */
export function remainingMs(state: GameState, q: AskedQuestion, now: number): number {
  const at = state.pausedAt ?? now;
  return Math.max(0, Math.round(q.closesAt - Math.max(at, q.openedAt)));
}

const changed: Effect[] = [{ type: 'publicChanged' }, { type: 'hostChanged' }];

/** The host pauses: the question's clock (or the auto-advance countdown) stands still [R14.1]. */
export function pause(state: GameState, now: number): ApplyResult {
  if (state.phase === 'lobby' || state.phase === 'finished') {
    return refuse(state, 'wrong_phase', 'Only a running game can be paused.');
  }
  if (state.pausedAt !== null) return refuse(state, 'paused', 'The game is already paused.');
  state.pausedAt = now;
  return { state, effects: [...changed, { type: 'timer', at: null }] };
}

/**
 * Ends a pause without a command of its own: the time paused moves the question's deadlines on, and counts in
 * nobody's answer time [R14.2]. Also used when the host moves the game on while paused (show results, next,
 * skip, end): a phase never starts paused.
 */
export function unpause(state: GameState, now: number): void {
  const since = state.pausedAt;
  if (since === null) return;
  state.pausedAt = null;
  const shift = Math.max(0, now - since);
  const q = current(state);
  if (state.phase === 'question' && q && q.closedAt === null) {
    if (since < q.openedAt) {
      // Paused during the lead-in: the opening moves on, the answering time is untouched.
      q.openedAt += shift;
    } else {
      q.pausedMs += shift;
    }
    q.closesAt += shift;
  }
  if (state.phaseEndsAt !== null) state.phaseEndsAt += shift;
}

export function resume(state: GameState, now: number): ApplyResult {
  if (state.pausedAt === null) return refuse(state, 'wrong_phase', 'The game is not paused.');
  unpause(state, now);
  return { state, effects: [...changed, { type: 'timer', at: nextAlarm(state) }] };
}

/** Extra time for the open question, 1..ADD_TIME_MAX_SEC seconds at a time [R14.3]. */
export function addTime(state: GameState, seconds: number): ApplyResult {
  const q = current(state);
  if (state.phase !== 'question' || !q) return refuse(state, 'wrong_phase', 'Time can be added only to an open question.');
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > ADD_TIME_MAX_SEC) {
    return refuse(state, 'invalid_answer', `Add 1 to ${ADD_TIME_MAX_SEC} seconds at a time.`);
  }
  const ms = seconds * 1000;
  q.closesAt += ms;
  q.addedMs += ms;
  state.phaseEndsAt = q.closesAt;
  return { state, effects: [...changed, { type: 'timer', at: nextAlarm(state) }] };
}

/** The host locks or unlocks the door: a locked room takes no new player; rejoining still works [R14.4]. */
export function setLocked(state: GameState, locked: boolean): ApplyResult {
  if (state.phase === 'finished') return refuse(state, 'game_finished', 'The game has ended.');
  state.locked = locked;
  return { state, effects: changed.slice() };
}

/**
 * The lead-in is over (the alarm at `openedAt`): answers open, and everyone is told so at once [R14.5]. Returns
 * null when the tick is not about the lead-in.
 */
export function endLeadIn(state: GameState, now: number): ApplyResult | null {
  const q = current(state);
  if (state.phase !== 'question' || !q || !q.leadIn || state.pausedAt !== null || now < q.openedAt) return null;
  q.leadIn = false;
  return { state, effects: [...changed, { type: 'timer', at: nextAlarm(state) }] };
}
