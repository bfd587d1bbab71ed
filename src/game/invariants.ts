import { charCount, cleanText, NICKNAME_MAX, TEXT_ANSWER_MAX } from '../contract';
import { nicknameKey } from './nickname';
import { PHASES, type GameState } from './types';

/**
 * What must hold of every GameState the reducer returns, whatever commands came before: the counters agree with
 * the players, nicknames are clean and unique by their key [R2.2, R2.3], the questions follow the plan and only
 * the last may be open [R1.3], answers are one per player and within the rules [R4], and scores are the sum of
 * the points of the answers that count [R5.5]. Returns the violations (empty: valid). The fuzz tests run it after
 * every step; it is a check, not a rule, and the game never calls it.
 */
export function checkInvariants(state: Readonly<GameState>): string[] {
  const problems: string[] = [];
  const fail = (m: string) => problems.push(m);

  if (!PHASES.includes(state.phase)) fail(`unknown phase ${String(state.phase)}`);

  let active = 0;
  let connected = 0;
  const keys = new Set<string>();
  for (const [id, p] of state.players) {
    if (p.id !== id) fail(`player ${id} is filed under another id (${p.id})`);
    const cleaned = cleanText(p.nickname, 'nickname');
    if (!cleaned.ok || cleaned.text !== p.nickname) fail(`player ${id}: nickname ${JSON.stringify(p.nickname)} is not clean`);
    const n = charCount(p.nickname);
    if (n < 1 || n > NICKNAME_MAX) fail(`player ${id}: nickname of ${n} characters`);
    if (!Number.isInteger(p.score) || p.score < 0) fail(`player ${id}: score ${p.score}`);
    if (p.correctCount < 0 || p.correctCount > p.answeredCount) fail(`player ${id}: ${p.correctCount} correct of ${p.answeredCount}`);
    if (p.connected && p.droppedAt !== null) fail(`player ${id} is connected but has dropped`);
    if (p.removed) {
      if (p.connected) fail(`player ${id} is removed but connected`);
      continue;
    }
    active += 1;
    if (p.connected) connected += 1;
    const key = nicknameKey(p.nickname);
    if (keys.has(key)) fail(`nickname key ${JSON.stringify(key)} is taken twice`);
    keys.add(key);
  }
  if (state.activeCount !== active) fail(`activeCount ${state.activeCount}, but ${active} players are active`);
  if (state.connectedCount !== connected) fail(`connectedCount ${state.connectedCount}, but ${connected} are connected`);
  if (state.nicknameKeys.size !== keys.size || [...keys].some((k) => !state.nicknameKeys.has(k))) {
    fail('nicknameKeys differ from the active players\' nickname keys');
  }

  const ranked = new Set<string>();
  for (const id of state.ranking) {
    if (ranked.has(id)) fail(`player ${id} ranked twice`);
    ranked.add(id);
    const p = state.players.get(id);
    if (!p || p.removed) fail(`ranking holds ${id}, who is not an active player`);
  }

  if (state.questions.length > state.plan.length) fail(`${state.questions.length} questions asked of a plan of ${state.plan.length}`);
  const closedCount = state.questions.filter((q) => q.closedAt !== null).length;
  state.questions.forEach((q, i) => {
    if (q.index !== i) fail(`question ${i} has index ${q.index}`);
    if (q.cardId !== state.plan[i]) fail(`question ${i} asks ${q.cardId}, the plan says ${state.plan[i]}`);
    const last = i === state.questions.length - 1;
    if (q.closedAt === null && !(last && state.phase === 'question')) fail(`question ${i} is open in phase ${state.phase}`);
    if (q.closedAt !== null && q.ungraded.length > 0) fail(`question ${i} closed with ungraded answers`);
    if (q.kind === 'choice' && !q.choices.some((c) => c.id === q.correctChoiceId)) fail(`question ${i}: no correct choice`);
    for (const [pid, a] of q.answers) {
      if (a.playerId !== pid || a.questionIndex !== i) fail(`question ${i}: an answer is filed under the wrong key`);
      if (!state.players.has(pid)) fail(`question ${i}: answer of unknown player ${pid}`);
      if ((a.choiceId === null) === (a.text === null)) fail(`question ${i}: answer of ${pid} is not one of choice or text`);
      if (a.choiceId !== null && !q.choices.some((c) => c.id === a.choiceId)) fail(`question ${i}: choice ${a.choiceId} not offered`);
      if (a.text !== null) {
        const c = cleanText(a.text, 'answer');
        if (!c.ok || c.text !== a.text || a.text === '' || charCount(a.text) > TEXT_ANSWER_MAX) {
          fail(`question ${i}: answer text ${JSON.stringify(a.text.slice(0, 40))} breaks the text policy`);
        }
      }
      if (!(a.gradeScore >= 0 && a.gradeScore <= 1)) fail(`question ${i}: grade score ${a.gradeScore}`);
      if (!Number.isInteger(a.points) || a.points < 0) fail(`question ${i}: ${a.points} points`);
      if (a.elapsedMs < 0) fail(`question ${i}: negative answer time`);
    }
    for (const pid of q.ungraded) if (!q.answers.get(pid)?.text) fail(`question ${i}: ungraded ${pid} has no typed answer`);
  });

  // Scores are the replayed sum of the points of answers to closed questions that were not voided [R5.5].
  if (closedCount > 0) {
    for (const p of state.players.values()) {
      let sum = 0;
      for (const q of state.questions) if (q.closedAt !== null && !q.skipped) sum += q.answers.get(p.id)?.points ?? 0;
      if (sum !== p.score) fail(`player ${p.id}: score ${p.score}, answers add up to ${sum}`);
    }
  }

  switch (state.phase) {
    case 'lobby':
      if (state.questions.length > 0 || state.startedAt !== null) fail('lobby after the start');
      break;
    case 'question': {
      const q = state.questions[state.questions.length - 1];
      if (!q || q.closedAt !== null) fail('phase question without an open question');
      else if (state.phaseEndsAt !== q.closesAt) fail('an open question ends at another time than its phase');
      break;
    }
    case 'reveal':
    case 'leaderboard':
      if (state.questions.length === 0) fail(`${state.phase} before any question`);
      break;
    case 'finished':
      if (state.endedAt === null || state.phaseEndsAt !== null) fail('finished without an end, or with a timer');
      break;
  }
  return problems;
}
