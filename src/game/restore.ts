import type { AnswerRow, PlayerRow, QuestionRow } from './commands';
import { answerGroupKey } from './grading/group';
import { correctIdsAgain } from './kinds/open';
import { nicknameKey } from './nickname';
import { createGame, rescoreAll, type NewGameInput } from './reducer';
import type { AnswerRecord, AskedQuestion, GameState, Phase, PlayerState } from './types';

/**
 * Rebuilding a running room from what was stored [R8.3]: the rows the game itself emitted (src/game/commands.ts),
 * read back after the process that ran the room stopped. Scores, streaks and ranks are not read: they are worked
 * out again from the answers with the same replay the game uses after every close [R5, R6], so they cannot
 * disagree with the answers. Pure: the caller reads the rows and then sends `resume` to give the room its time.
 */

export interface StoredPlayer extends PlayerRow {
  removed: boolean;
  /** The team the player was dealt or picked [R15]; absent or null without teams. */
  team?: number | null;
}

export interface StoredQuestion extends QuestionRow {
  closedAt: number | null;
  skipped: boolean;
}

export interface StoredGame {
  /** The phase as last stored (null: never stored, a room of an older version). */
  phase: Phase | null;
  startedAt: number | null;
  players: readonly StoredPlayer[];
  /** In index order. */
  questions: readonly StoredQuestion[];
  answers: readonly AnswerRow[];
}

export type Restored = { ok: true; state: GameState } | { ok: false; reason: string };

export function restoreGame(input: NewGameInput, stored: StoredGame): Restored {
  const state = createGame(input);
  state.startedAt = stored.startedAt;

  for (const row of stored.players) {
    const p: PlayerState = {
      id: row.id,
      nickname: row.nickname,
      tokenHash: row.tokenHash,
      profileId: row.profileId,
      joinedAt: row.joinedAt,
      // Everyone comes back disconnected: their sockets went with the old process; they rejoin with their tokens.
      connected: false,
      // `resume` counts them as dropped at the restart, so the drop grace covers their reconnection [R4.5].
      droppedAt: null,
      removed: row.removed,
      team: row.team ?? null,
      score: 0,
      streak: 0,
      correctCount: 0,
      answeredCount: 0,
      correctMs: 0,
      rank: null,
      previousRank: null,
      lastPoints: 0,
    };
    state.players.set(p.id, p);
    if (p.removed) continue;
    state.activeCount += 1;
    state.nicknameKeys.add(nicknameKey(p.nickname));
  }

  for (const [i, row] of stored.questions.entries()) {
    if (row.index !== i) return { ok: false, reason: `question ${i} is missing` };
    if (state.plan[i] !== row.cardId || !state.cards.has(row.cardId)) {
      return { ok: false, reason: `question ${i} asks card ${row.cardId}, which the plan or the deck lacks` };
    }
    if (row.closedAt === null && i !== stored.questions.length - 1) {
      return { ok: false, reason: `question ${i} is open but is not the last` };
    }
    const card = state.cards.get(row.cardId)?.card;
    const correctIds = card && (row.kind === 'multi' || row.kind === 'order') ? correctIdsAgain(row.kind, card, row.choices) : null;
    if ((row.kind === 'multi' || row.kind === 'order') && correctIds === null) {
      return { ok: false, reason: `question ${i}'s options no longer match card ${row.cardId}` };
    }
    const q: AskedQuestion = {
      index: row.index,
      cardId: row.cardId,
      kind: row.kind,
      prompt: row.prompt,
      choices: row.choices.map((c) => ({ ...c })),
      correctChoiceId: row.correctChoiceId,
      ...(correctIds && { correctIds }),
      openedAt: row.openedAt,
      closesAt: row.closesAt,
      closedAt: row.closedAt,
      skipped: row.skipped,
      answers: new Map(),
      ungraded: [],
      // Pauses and extra time before the crash are already in the stored deadline; the lead-in is over once
      // a question is stored as open [R14].
      pausedMs: 0,
      addedMs: 0,
      leadIn: false,
    };
    state.questions.push(q);
  }

  for (const a of stored.answers) {
    const q = state.questions[a.questionIndex];
    if (!q || !state.players.has(a.playerId)) continue; // nothing to attach it to: it never counted
    q.answers.set(a.playerId, answerRecord(a));
    // A typed answer of the open question was stored with a placeholder verdict: the close grades it [R4.7].
    if (q.closedAt === null && a.text !== null) q.ungraded.push(a.playerId);
  }

  const last = state.questions[state.questions.length - 1];
  state.phase = phaseOf(stored.phase, last);
  if (state.phase === 'question' && last) state.phaseEndsAt = last.closesAt;

  const closed = state.questions.filter((q) => q.closedAt !== null);
  const lastClosed = closed[closed.length - 1];
  if (lastClosed) {
    // Ranked as after the question before the last one first, so "places moved" on the leaderboard is right.
    const closedAt = lastClosed.closedAt;
    lastClosed.closedAt = null;
    if (closed.length > 1) rescoreAll(state);
    lastClosed.closedAt = closedAt;
    rescoreAll(state);
  }
  return { ok: true, state };
}

/** The rows say whether the last question is open; the stored phase tells a reveal from a leaderboard. */
function phaseOf(stored: Phase | null, last: AskedQuestion | undefined): Phase {
  if (!last) return 'lobby';
  if (last.closedAt === null) return 'question';
  return stored === 'leaderboard' ? 'leaderboard' : 'reveal';
}

function answerRecord(a: AnswerRow): AnswerRecord {
  return {
    playerId: a.playerId,
    questionIndex: a.questionIndex,
    choiceId: a.choiceId,
    text: a.text,
    receivedAt: a.receivedAt,
    elapsedMs: a.elapsedMs,
    verdict: a.verdict,
    // The grader's reason and doubt are not stored; the group is the text's own key, as the grader makes it.
    explanation: '',
    unsure: false,
    group: a.text === null ? '' : answerGroupKey(a.text),
    gradeScore: a.gradeScore,
    matched: a.matched.slice(),
    // What was missing is not stored; the player's own result shows it only right after the close.
    missing: [],
    points: a.points,
    streakBonus: 0,
    overridden: a.overridden,
  };
}
