import { charCount, cleanText, NICKNAME_MAX, TEXT_ANSWER_MAX, type GameErrorCode } from '../contract';
import type {
  AnswerRow,
  Expected,
  ClosedQuestionRow,
  Command,
  Ctx,
  Effect,
  GameError,
  Grades,
  PlayerRow,
  PointsRow,
  QuestionRow,
  TotalsRow,
} from './commands';
import { addTime, endLeadIn, leadInMs, nextAlarm, pause, resume, serverElapsedMs, setLocked, unpause } from './controls';
import { answerKind } from './kinds/answer';
import { isScored } from './kinds/kind';
import { openKind } from './kinds/open';
import { nicknameKey } from './nickname';
import { buildChoices, questionKind } from './questions';
import { compareForRanking, replayPlayer } from './scoring';
import { dealOnJoin, pickTeam, setTeams } from './teams';
import type { AnswerRecord, AskedQuestion, GameCard, GameState, PlayerState, RoomSettings } from './types';

/**
 * The game as a reducer: `apply(state, command, ctx) -> { state, effects, error? }`. No I/O, no clock, no
 * randomness but `ctx`. For speed with thousands of players the state is updated in place: the caller hands
 * over ownership of `state` and uses the returned one. A refused command returns `error` and changes nothing.
 * Effects are plain values (rows to save are copies), so carrying them out later never sees a later state.
 * Rule ids refer to docs/SPEC.md.
 */
export interface ApplyResult {
  state: GameState;
  effects: Effect[];
  error?: GameError;
}

/** How much network and queueing delay a client's own reaction time may make up for [R4.6]. */
export const LATENCY_CREDIT_MS = 1000;

/**
 * How long a player whose connection dropped still counts as present for closing a question early [R4.5]: a
 * refresh or a phone switching networks comes back well within it, so it cannot forfeit the question.
 */
export const DROP_GRACE_MS = 5000;

export interface NewGameInput {
  roomId: string;
  code: string;
  title: string;
  joinUrl: string;
  deckId: string;
  hostTokenHash: string;
  settings: RoomSettings;
  cards: GameCard[];
  plan: string[];
  now: number;
}

/** A room in the lobby [R1.1]. */
export function createGame(input: NewGameInput): GameState {
  return {
    roomId: input.roomId,
    code: input.code,
    title: input.title,
    joinUrl: input.joinUrl,
    deckId: input.deckId,
    hostTokenHash: input.hostTokenHash,
    settings: input.settings,
    phase: 'lobby',
    createdAt: input.now,
    cards: new Map(input.cards.map((c) => [c.id, c])),
    plan: input.plan,
    questions: [],
    players: new Map(),
    ranking: [],
    rankedAfter: 0,
    connectedCount: 0,
    activeCount: 0,
    nicknameKeys: new Set(),
    phaseEndsAt: null,
    pausedAt: null,
    locked: false,
    startedAt: null,
    endedAt: null,
  };
}

function refuse(state: GameState, code: GameErrorCode, message: string): ApplyResult {
  return { state, effects: [], error: { code, message } };
}

export { nicknameKey };

export function currentQuestion(state: GameState): AskedQuestion | undefined {
  return state.questions[state.questions.length - 1];
}

/** Players still in the game (not removed). */
export function activePlayers(state: GameState): PlayerState[] {
  const out: PlayerState[] = [];
  for (const p of state.players.values()) if (!p.removed) out.push(p);
  return out;
}

/**
 * The host check [R2.1], the only one: host commands here, and the room's `host:attach`. Compares the hashes in
 * time that does not depend on where they differ, so response times tell an attacker nothing about the token.
 */
export function isHost(state: Pick<GameState, 'hostTokenHash'>, hostTokenHash: string): boolean {
  const expected = state.hostTokenHash;
  if (hostTokenHash.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ hostTokenHash.charCodeAt(i);
  return diff === 0;
}

export function apply(state: GameState, command: Command, ctx: Ctx): ApplyResult {
  switch (command.type) {
    case 'join':
      return join(state, command, ctx);
    case 'rejoin':
      return rejoin(state, command);
    case 'linkProfile':
      return linkProfile(state, command);
    case 'disconnect':
      return disconnect(state, command.playerId, ctx);
    case 'answer':
      return answer(state, command, ctx);
    case 'tick':
      return tick(state, ctx);
    case 'pickTeam':
      return pickTeam(state, command.playerId, command.team);
    case 'restored':
      return restored(state, ctx);
    case 'withdraw':
      return withdraw(state, command.playerId, command.questionIndex);
    case 'start':
    case 'next':
    case 'reveal':
    case 'skip':
    case 'end':
    case 'kick':
    case 'override':
    case 'overrideGroup':
    case 'setAutoAdvance':
    case 'pause':
    case 'resume':
    case 'addTime':
    case 'setLocked':
    case 'setTeams':
      if (!isHost(state, command.hostTokenHash))
        return refuse(state, 'not_host', 'Only the host can do that.');
      return hostCommand(state, command, ctx);
    default: {
      const never: never = command;
      throw new Error(`unhandled command ${JSON.stringify(never)}`);
    }
  }
}

type HostCommand = Extract<Command, { hostTokenHash: string }>;

function hostCommand(state: GameState, command: HostCommand, ctx: Ctx): ApplyResult {
  const stale = staleness(state, command);
  if (stale) return refuse(state, 'stale_command', stale);
  switch (command.type) {
    case 'start':
      if (state.phase !== 'lobby') return refuse(state, 'wrong_phase', 'The game has already started.');
      return start(state, ctx);
    case 'next':
      return next(state, ctx, command.pastReveal === true);
    case 'reveal':
      if (state.phase !== 'question') return refuse(state, 'wrong_phase', 'No question is open.');
      return closeQuestion(state, ctx, false);
    case 'skip':
      return skip(state, ctx);
    case 'end':
      if (state.phase === 'finished') return refuse(state, 'game_finished', 'The game has already ended.');
      return finish(state, ctx, []);
    case 'kick':
      return kick(state, command.playerId, ctx);
    case 'override':
      return override(state, command);
    case 'overrideGroup':
      return overrideGroup(state, command);
    case 'setAutoAdvance':
      return setAutoAdvance(state, command.autoAdvance, ctx);
    case 'pause':
      return pause(state, ctx.now);
    case 'resume':
    case 'addTime': {
      // Everyone may have answered just before, while the close waited for its alarm, which these commands
      // replace with the question's own [R4.5].
      const done = command.type === 'resume' ? resume(state, ctx.now) : addTime(state, command.seconds);
      if (done.error || state.phase !== 'question') return done;
      return closeIfAllAnswered(done.state, ctx, done.effects);
    }
    case 'setLocked':
      return setLocked(state, command.locked);
    case 'setTeams':
      return setTeams(state, command.count);
    default: {
      const never: never = command;
      throw new Error(`unhandled host command ${JSON.stringify(never)}`);
    }
  }
}

/** Where the room is, in words, for a stale command's refusal. */
function whereNow(state: GameState): string {
  const n = (currentQuestion(state)?.index ?? 0) + 1;
  switch (state.phase) {
    case 'lobby':
      return 'the lobby';
    case 'question':
      return `question ${n}, open`;
    case 'reveal':
      return `the results of question ${n}`;
    case 'leaderboard':
      return `the leaderboard after question ${n}`;
    case 'finished':
      return 'the end of the game';
    default: {
      const never: never = state.phase;
      throw new Error(`unknown phase ${String(never)}`);
    }
  }
}

/**
 * A host command that names the phase or the current question it acts on must name the room's [R3.8]: two
 * `next` sent at once from the leaderboard open the next question once, and the second is refused rather than
 * closing that question with nobody's answer in. Commands that name neither act on whatever is current.
 */
function staleness(state: GameState, command: HostCommand): string | null {
  switch (command.type) {
    case 'start':
    case 'next':
    case 'reveal':
    case 'skip':
    case 'end':
      return stalenessOf(state, command);
    case 'kick':
    case 'override':
    case 'overrideGroup':
    case 'setAutoAdvance':
    case 'pause':
    case 'resume':
    case 'addTime':
    case 'setLocked':
    case 'setTeams':
      // A removal names its player, an override its question (any closed one), auto-advance its setting; the
      // controls act on the room as it is (a pause twice is refused on its own, extra time adds up).
      return null;
    default: {
      const never: never = command;
      throw new Error(`unhandled host command ${JSON.stringify(never)}`);
    }
  }
}

function stalenessOf(state: GameState, { phase, questionIndex }: Expected): string | null {
  const current = currentQuestion(state)?.index;
  const phaseMoved = phase !== undefined && phase !== state.phase;
  const questionMoved = questionIndex !== undefined && questionIndex !== current;
  if (!phaseMoved && !questionMoved) return null;
  return `The game has already moved on: it is at ${whereNow(state)} now.`;
}

function join(state: GameState, cmd: Extract<Command, { type: 'join' }>, ctx: Ctx): ApplyResult {
  if (state.phase === 'finished') return refuse(state, 'game_finished', 'This game has ended.');
  // The text policy [R2.2]: control characters refused, invisible ones removed, NFKC, whitespace folded.
  const cleaned = cleanText(cmd.nickname, 'nickname');
  if (!cleaned.ok) return refuse(state, 'invalid_nickname', `This nickname ${cleaned.message}.`);
  const nickname = cleaned.text;
  if (nickname.length < 1 || charCount(nickname) > NICKNAME_MAX) {
    return refuse(state, 'invalid_nickname', `Nicknames are 1 to ${NICKNAME_MAX} characters.`);
  }
  const key = nicknameKey(nickname);
  if (state.nicknameKeys.has(key)) {
    return refuse(state, 'nickname_taken', `"${nickname}" is taken in this room. Pick another nickname.`);
  }
  if (state.activeCount >= state.settings.maxPlayers) return refuse(state, 'room_full', 'This room is full.');
  if (state.locked) return refuse(state, 'room_locked', 'The host has locked this room: no new players.');
  if (cmd.profileId && activePlayers(state).some((p) => p.profileId === cmd.profileId)) {
    return refuse(state, 'bad_token', 'That profile is already playing in this room.');
  }
  if (state.players.has(cmd.playerId)) return refuse(state, 'bad_token', 'Player id already in use.');
  const player: PlayerState = {
    id: cmd.playerId,
    nickname,
    tokenHash: cmd.tokenHash,
    profileId: cmd.profileId ?? null,
    joinedAt: ctx.now,
    team: null,
    connected: true,
    droppedAt: null,
    removed: false,
    score: 0,
    streak: 0,
    correctCount: 0,
    answeredCount: 0,
    correctMs: 0,
    rank: null,
    previousRank: null,
    lastPoints: 0,
  };
  state.players.set(player.id, player);
  state.connectedCount += 1;
  state.activeCount += 1;
  state.nicknameKeys.add(key);
  // A late joiner enters the leaderboard at the bottom until the next close re-ranks [R2.6].
  if (state.ranking.length > 0) state.ranking.push(player.id);
  const effects: Effect[] = [
    { type: 'persist', op: { op: 'playerJoined', player: playerRow(player) } },
    { type: 'countsChanged' },
    { type: 'hostChanged' },
    { type: 'playersChanged', playerIds: [player.id] },
  ];
  const dealt = dealOnJoin(state, player);
  if (dealt) effects.splice(1, 0, dealt);
  if (state.phase === 'lobby') effects.push({ type: 'lobbyChanged' });
  return { state, effects };
}

function rejoin(state: GameState, cmd: Extract<Command, { type: 'rejoin' }>): ApplyResult {
  const player = state.players.get(cmd.playerId);
  if (!player || player.tokenHash !== cmd.tokenHash) {
    return refuse(state, 'bad_token', 'That rejoin link is not valid for this room.');
  }
  if (player.removed) return refuse(state, 'removed', 'The host removed you from this game.');
  const wasConnected = player.connected;
  player.connected = true;
  player.droppedAt = null;
  if (!wasConnected) state.connectedCount += 1;
  const effects: Effect[] = [{ type: 'playersChanged', playerIds: [player.id] }];
  if (!wasConnected) effects.push({ type: 'hostChanged' }, { type: 'countsChanged' });
  return { state, effects };
}

/** A player claims a profile (already verified by the caller) to be tracked across games [R2.9]. */
function linkProfile(state: GameState, cmd: Extract<Command, { type: 'linkProfile' }>): ApplyResult {
  const player = state.players.get(cmd.playerId);
  if (!player) return refuse(state, 'unknown_player', 'You are not in this room.');
  if (player.removed) return refuse(state, 'removed', 'The host removed you from this game.');
  for (const p of state.players.values()) {
    if (p.id !== player.id && !p.removed && p.profileId === cmd.profileId) {
      return refuse(state, 'bad_token', 'That profile is already playing in this room.');
    }
  }
  player.profileId = cmd.profileId;
  return {
    state,
    effects: [
      { type: 'persist', op: { op: 'playerProfileLinked', playerId: player.id, profileId: cmd.profileId } },
      { type: 'playersChanged', playerIds: [player.id] },
    ],
  };
}

/**
 * A player's last connection dropped [R2.8]. It never closes the question by itself [R4.5]: the player still
 * counts for DROP_GRACE_MS, and if by then everyone else has answered, the tick at the end of the grace closes it.
 */
function disconnect(state: GameState, playerId: string, ctx: Ctx): ApplyResult {
  const player = state.players.get(playerId);
  if (!player || !player.connected) return { state, effects: [] };
  player.connected = false;
  player.droppedAt = ctx.now;
  state.connectedCount -= 1;
  const effects: Effect[] = [{ type: 'hostChanged' }, { type: 'countsChanged' }];
  const check = closeCheck(state, ctx.now);
  // 'close' cannot come from a drop (the player still counts); should it, time closes it, not the drop.
  if (check.kind !== 'open') effects.push({ type: 'timer', at: check.kind === 'wait' ? check.at : ctx.now });
  return { state, effects };
}

function withEffects(result: ApplyResult, before: Effect[]): ApplyResult {
  return { ...result, effects: [...before, ...result.effects] };
}

/**
 * When a dropped player's grace ends [R4.5]: DROP_GRACE_MS after the drop, or, for players dropped by a restart,
 * RESUME_GRACE_MS after the room came back [R8.3].
 */
function graceEnd(state: GameState, droppedAt: number): number {
  return Math.max(droppedAt + DROP_GRACE_MS, state.resumeGraceEndsAt ?? 0);
}

/** Whether a player counts for an early close [R4.5]: connected, or dropped and still in their grace. */
function counts(state: GameState, p: PlayerState, now: number): boolean {
  if (p.removed) return false;
  return p.connected || (p.droppedAt !== null && now < graceEnd(state, p.droppedAt));
}

/**
 * Whether the open question may close early [R4.5]: `close` when every player who counts has answered (at least
 * one counts); `wait` when the only ones missing are players in their grace, with the time the first grace
 * ends (or the question's end, if sooner); `open` otherwise.
 */
type CloseCheck = { kind: 'close' } | { kind: 'wait'; at: number } | { kind: 'open' };

function closeCheck(state: GameState, now: number): CloseCheck {
  const q = currentQuestion(state);
  if (!q || state.phase !== 'question') return { kind: 'open' };
  // Cheap test first: with thousands of players this runs on every answer, and the full scan below only when
  // the answers could cover everyone connected.
  if (q.answers.size < state.connectedCount) return { kind: 'open' };
  let counted = 0;
  let graceEnds = Infinity;
  for (const p of state.players.values()) {
    if (!counts(state, p, now)) continue;
    counted += 1;
    if (q.answers.has(p.id)) continue;
    if (p.connected || p.droppedAt === null) return { kind: 'open' };
    graceEnds = Math.min(graceEnds, graceEnd(state, p.droppedAt));
  }
  if (graceEnds !== Infinity) return { kind: 'wait', at: Math.min(graceEnds, q.closesAt) };
  return counted > 0 ? { kind: 'close' } : { kind: 'open' };
}

/**
 * After an answer or a removal, or on a tick: close the question if everyone who counts has answered, else maybe
 * wait for a grace. With `ctx.closeOnAlarm` the close comes on an alarm due now [R4.5], unless `inline` (the
 * alarm's own tick).
 */
function closeIfAllAnswered(state: GameState, ctx: Ctx, effects: Effect[], inline = !ctx.closeOnAlarm): ApplyResult {
  const check = closeCheck(state, ctx.now);
  switch (check.kind) {
    case 'close':
      if (!inline) return { state, effects: [...effects, { type: 'timer', at: ctx.now }] };
      return withEffects(closeQuestion(state, ctx, false), effects);
    case 'wait':
      return { state, effects: [...effects, { type: 'timer', at: check.at }] };
    case 'open':
      return { state, effects };
    default: {
      const never: never = check;
      throw new Error(`unknown check ${JSON.stringify(never)}`);
    }
  }
}

function start(state: GameState, ctx: Ctx): ApplyResult {
  state.startedAt = ctx.now;
  const opened = openQuestion(state, 0, ctx);
  return { state, effects: [{ type: 'persist', op: { op: 'roomStarted', at: ctx.now } }, ...opened] };
}

function openQuestion(state: GameState, index: number, ctx: Ctx): Effect[] {
  const cardId = state.plan[index];
  const gameCard = cardId === undefined ? undefined : state.cards.get(cardId);
  if (!gameCard) throw new Error(`plan has no card at ${index}`);
  let kind = questionKind(state.settings.mode, gameCard.card, index);
  let choices: AskedQuestion['choices'] = [];
  let correctChoiceId: string | null = null;
  let correctIds: string[] | null = null;
  if (kind !== 'choice' && kind !== 'text') {
    // The other kinds build their own options [R12.2]; a card that cannot be one is asked as open text.
    const built = openKind(kind, gameCard, ctx.rng);
    if (built) ({ choices, correctChoiceId, correctIds } = built);
    else kind = 'text';
  } else if (kind === 'choice') {
    const built = buildChoices(gameCard, state.cards.values(), ctx.rng);
    // A one-card deck has nothing to draw distractors from: ask it as open text instead [R3.3].
    if (built.choices.length >= 2) {
      choices = built.choices;
      correctChoiceId = built.correctChoiceId;
    } else {
      kind = 'text';
    }
  }
  const limitMs = state.settings.timeLimitSec * 1000;
  unpause(state, ctx.now);
  const lead = leadInMs(state);
  const question: AskedQuestion = {
    index,
    cardId: gameCard.id,
    kind,
    prompt: gameCard.card.prompt,
    choices,
    correctChoiceId,
    ...(correctIds && { correctIds }),
    openedAt: ctx.now + lead,
    closesAt: ctx.now + lead + limitMs,
    closedAt: null,
    skipped: false,
    answers: new Map(),
    ungraded: [],
    pausedMs: 0,
    addedMs: 0,
    leadIn: lead > 0,
  };
  state.questions.push(question);
  state.phase = 'question';
  state.phaseEndsAt = question.closesAt;
  return [
    { type: 'persist', op: { op: 'questionOpened', question: questionRow(question) } },
    { type: 'persist', op: { op: 'phaseChanged', phase: 'question' } },
    { type: 'publicChanged' },
    { type: 'hostChanged' },
    // No player:you here: a player's score and rank do not change when a question opens, and the last
    // answer and result carry their question index, so clients tell they belong to the previous one [R9.5].
    { type: 'timer', at: nextAlarm(state) },
  ];
}

function answer(state: GameState, cmd: Extract<Command, { type: 'answer' }>, ctx: Ctx): ApplyResult {
  const player = state.players.get(cmd.playerId);
  if (!player) return refuse(state, 'unknown_player', 'You are not in this room.');
  if (player.removed) return refuse(state, 'removed', 'The host removed you from this game.');
  const q = currentQuestion(state);
  if (state.phase !== 'question' || !q) {
    // Covers before the first question, during reveal/leaderboard and after the end [R4.3].
    return refuse(state, 'question_closed', 'No question is open right now.');
  }
  if (cmd.questionIndex !== q.index) {
    return refuse(
      state,
      'wrong_question',
      `That answer is for question ${cmd.questionIndex + 1}, but question ${q.index + 1} is open.`,
    );
  }
  if (state.pausedAt !== null) return refuse(state, 'paused', 'The game is paused: answer when it resumes.');
  if (ctx.now < q.openedAt) return refuse(state, 'question_closed', 'Get ready: answers open in a moment.');
  if (ctx.now > q.closesAt) return refuse(state, 'question_closed', 'Time is up for this question.');
  if (q.answers.has(player.id))
    return refuse(state, 'already_answered', 'You have already answered this question.');

  // Time paused is nobody's answer time [R14.2].
  const serverElapsed = serverElapsedMs(q, ctx.now);
  // Delivery and queueing delay must not cost a player points, but the browser is not trusted either:
  // its reaction time counts only within LATENCY_CREDIT_MS below the server's own measure.
  const elapsedMs =
    cmd.reactionMs === undefined
      ? serverElapsed
      : Math.min(serverElapsed, Math.max(Math.round(cmd.reactionMs), serverElapsed - LATENCY_CREDIT_MS, 0));
  let record: AnswerRecord;
  const effects: Effect[] = [{ type: 'countsChanged' }, { type: 'hostChanged' }];
  if (q.kind !== 'choice' && q.kind !== 'text') {
    const card = state.cards.get(q.cardId);
    if (!card) throw new Error(`question ${q.index} lost its card`);
    const r = answerKind(q, card, cmd);
    if (!r.ok) return refuse(state, r.code, r.message);
    const a = r.answer;
    record = makeRecord(player.id, q.index, ctx.now, elapsedMs, a.choiceId, a.text, a.verdict, a.score, [], []);
  } else if (q.kind === 'choice') {
    if (cmd.choiceIds !== undefined || cmd.value !== undefined) {
      return refuse(state, 'invalid_answer', 'This question takes one of the choices.');
    }
    if (cmd.choiceId === undefined || cmd.text !== undefined) {
      return refuse(state, 'invalid_answer', 'This question takes one of the choices.');
    }
    if (!q.choices.some((c) => c.id === cmd.choiceId)) {
      return refuse(state, 'invalid_choice', 'That choice does not exist for this question.');
    }
    const correct = cmd.choiceId === q.correctChoiceId;
    record = makeRecord(
      player.id,
      q.index,
      ctx.now,
      elapsedMs,
      cmd.choiceId,
      null,
      correct ? 'correct' : 'incorrect',
      correct ? 1 : 0,
      [],
      [],
    );
  } else {
    if (cmd.text === undefined || cmd.choiceId !== undefined || cmd.choiceIds !== undefined || cmd.value !== undefined) {
      return refuse(state, 'invalid_answer', 'This question takes a typed answer.');
    }
    // The text policy [R4.4]: nothing that cannot be stored, nothing invisible; blank is no answer.
    const cleaned = cleanText(cmd.text, 'answer');
    if (!cleaned.ok) return refuse(state, 'invalid_answer', `This answer ${cleaned.message}.`);
    const text = cleaned.text;
    if (text === '') return refuse(state, 'invalid_answer', 'Type an answer before sending it.');
    if (charCount(text) > TEXT_ANSWER_MAX) {
      return refuse(state, 'invalid_answer', `Answers are at most ${TEXT_ANSWER_MAX} characters.`);
    }
    // Locked in now, graded at the close: the ack does not wait for the grader, and nobody sees a verdict
    // before the close [R4.7, R9.1]. Until then the record holds a placeholder; the room may grade the text
    // ahead so the close finds the grade ready.
    record = makeRecord(player.id, q.index, ctx.now, elapsedMs, null, text, 'incorrect', 0, [], []);
    q.ungraded.push(player.id);
    effects.push({ type: 'gradeAhead', cardId: q.cardId, text });
  }
  q.answers.set(player.id, record);
  // Stored before the ack (group commit), so an acknowledged answer survives a crash [R8.2, R8.3].
  effects.push({ type: 'persist', op: { op: 'answerLocked', cardId: q.cardId, answer: answerRow(record) } });
  // No per-answer message to the player: the ack already says "locked in" (one socket write, not two).
  return closeIfAllAnswered(state, ctx, effects);
}

function makeRecord(
  playerId: string,
  questionIndex: number,
  receivedAt: number,
  elapsedMs: number,
  choiceId: string | null,
  text: string | null,
  verdict: AnswerRecord['verdict'],
  gradeScore: number,
  matched: string[],
  missing: string[],
): AnswerRecord {
  return {
    playerId,
    questionIndex,
    choiceId,
    text,
    receivedAt,
    elapsedMs,
    verdict,
    gradeScore,
    matched,
    missing,
    explanation: '',
    unsure: false,
    group: '',
    points: 0,
    streakBonus: 0,
    overridden: false,
  };
}

/** Grades the open question's typed answers still waiting for a verdict [R4.7]. */
function gradePending(state: GameState, q: AskedQuestion, grades: Grades): void {
  if (q.ungraded.length === 0) return;
  const card = state.cards.get(q.cardId);
  if (!card) throw new Error(`question ${q.index} lost its card`);
  for (const id of q.ungraded) {
    const a = q.answers.get(id);
    if (!a || a.text === null) continue;
    const g = grades.grade(card, a.text);
    a.verdict = g.verdict;
    a.gradeScore = g.score;
    a.matched = g.matched;
    a.missing = g.missing;
    a.explanation = g.explanation;
    a.unsure = g.unsure;
    a.group = g.group;
  }
  q.ungraded = [];
}

/**
 * Closes the open question: scores every player by replaying their answers, ranks once, and moves to the
 * reveal [R4.5, R5, R6]. `skipped` voids the question instead [R3.6].
 */
function closeQuestion(state: GameState, ctx: Ctx, skipped: boolean): ApplyResult {
  const q = currentQuestion(state);
  if (!q) return refuse(state, 'wrong_phase', 'No question is open.');
  unpause(state, ctx.now);
  // Every typed answer is graded before anything is scored or shown [R4.7].
  gradePending(state, q, ctx.grades);
  q.closedAt = Math.min(ctx.now, q.closesAt);
  q.skipped = skipped;
  rescoreAll(state);
  state.phase = 'reveal';
  state.phaseEndsAt = state.settings.autoAdvance ? q.closedAt + state.settings.autoAdvanceSec * 1000 : null;
  const players = activePlayers(state);
  return {
    state,
    effects: [
      {
        type: 'persist',
        op: { op: 'questionClosed', question: closedRow(q), answers: answerRows(q), totals: players.map(totalsRow) },
      },
      { type: 'persist', op: { op: 'phaseChanged', phase: 'reveal' } },
      { type: 'publicChanged' },
      { type: 'hostChanged' },
      { type: 'playersChanged', playerIds: 'all' },
      { type: 'timer', at: state.phaseEndsAt },
    ],
  };
}

/** Re-scores every player from their answers and ranks once [R6.1]. */
export function rescoreAll(state: GameState): void {
  const closed = state.questions.filter((q) => q.closedAt !== null);
  const last = closed[closed.length - 1];
  for (const p of state.players.values()) {
    const before = p.score;
    const totals = replayPlayer(
      state.settings,
      // A question with no right answer (poll, word cloud) scores as a skipped one: no points, no streak change [R12.7].
      closed.map((q) => (q.skipped || !isScored(q.kind) ? 'skipped' : (q.answers.get(p.id) ?? null))),
    );
    Object.assign(p, totals);
    const lastAnswer = last && !last.skipped ? last.answers.get(p.id) : undefined;
    p.lastPoints = lastAnswer ? lastAnswer.points : 0;
    if (before !== p.score && !lastAnswer) p.lastPoints = p.score - before;
  }
  rank(state, closed.length);
}

/** One sort; `previousRank` moves on only when a new question has closed (not on an override or the end). */
function rank(state: GameState, closedCount: number): void {
  const players = activePlayers(state).sort(compareForRanking);
  const newRound = closedCount !== state.rankedAfter;
  state.ranking = players.map((p) => p.id);
  state.rankedAfter = closedCount;
  players.forEach((p, i) => {
    if (newRound) p.previousRank = p.rank;
    p.rank = i + 1;
  });
}

/** The step after a running phase, taken by the host's "next" or when the phase's time is up [R3]. */
function moveOn(state: GameState, phase: 'question' | 'reveal' | 'leaderboard', ctx: Ctx): ApplyResult {
  switch (phase) {
    case 'question':
      return closeQuestion(state, ctx, false);
    case 'reveal':
      return showLeaderboard(state, ctx);
    case 'leaderboard':
      return advance(state, ctx);
    default: {
      const never: never = phase;
      throw new Error(`unknown phase ${String(never)}`);
    }
  }
}

function next(state: GameState, ctx: Ctx, pastReveal = false): ApplyResult {
  if (state.phase === 'lobby') return start(state, ctx);
  if (state.phase === 'finished') return refuse(state, 'game_finished', 'The game has ended.');
  if (state.phase === 'question' && pastReveal) {
    // "Next" is not "Show results": the question closes (everyone still gets their own result) and the room
    // goes on past the reveal, to the leaderboard or the final results [R14.6].
    const closed = closeQuestion(state, ctx, false);
    if (closed.error) return closed;
    const moved = showLeaderboard(closed.state, ctx);
    return { state: moved.state, effects: [...closed.effects.filter((e) => e.type !== 'timer'), ...moved.effects] };
  }
  return moveOn(state, state.phase, ctx);
}

function showLeaderboard(state: GameState, ctx: Ctx): ApplyResult {
  unpause(state, ctx.now);
  const isLast = state.questions.length >= state.plan.length;
  if (isLast) return finish(state, ctx, []);
  state.phase = 'leaderboard';
  state.phaseEndsAt = state.settings.autoAdvance ? ctx.now + state.settings.autoAdvanceSec * 1000 : null;
  return {
    state,
    // Scores and ranks were sent with the reveal; the leaderboard changes nothing per player [R9.5].
    effects: [
      { type: 'persist', op: { op: 'phaseChanged', phase: 'leaderboard' } },
      { type: 'publicChanged' },
      { type: 'hostChanged' },
      { type: 'timer', at: state.phaseEndsAt },
    ],
  };
}

function advance(state: GameState, ctx: Ctx): ApplyResult {
  const nextIndex = state.questions.length;
  if (nextIndex >= state.plan.length) return finish(state, ctx, []);
  return { state, effects: openQuestion(state, nextIndex, ctx) };
}

function skip(state: GameState, ctx: Ctx): ApplyResult {
  if (state.phase === 'question') {
    const closed = closeQuestion(state, ctx, true);
    // A skipped question has nothing to reveal: go straight on [R3.6].
    const moved = advance(closed.state, ctx);
    return {
      state: moved.state,
      effects: [...closed.effects.filter((e) => e.type === 'persist'), ...moved.effects],
    };
  }
  if (state.phase === 'reveal' || state.phase === 'leaderboard') return advance(state, ctx);
  return refuse(state, 'wrong_phase', 'There is no question to skip.');
}

function finish(state: GameState, ctx: Ctx, before: Effect[]): ApplyResult {
  unpause(state, ctx.now);
  const effects = [...before];
  const q = currentQuestion(state);
  if (state.phase === 'question' && q) {
    // Ending during a question voids it: nobody had the full time to answer [R3.7].
    gradePending(state, q, ctx.grades); // stored with their verdicts all the same
    q.closedAt = ctx.now;
    q.skipped = true;
    effects.push({
      type: 'persist',
      op: { op: 'questionClosed', question: closedRow(q), answers: answerRows(q), totals: [] },
    });
  }
  rescoreAll(state);
  state.phase = 'finished';
  state.phaseEndsAt = null;
  state.endedAt = ctx.now;
  effects.push(
    { type: 'persist', op: { op: 'roomFinished', at: ctx.now, totals: activePlayers(state).map(totalsRow) } },
    { type: 'publicChanged' },
    { type: 'hostChanged' },
    { type: 'playersChanged', playerIds: 'all' },
    { type: 'timer', at: null },
  );
  return { state, effects };
}

function kick(state: GameState, playerId: string, ctx: Ctx): ApplyResult {
  const player = state.players.get(playerId);
  if (!player || player.removed) return refuse(state, 'unknown_player', 'No such player in this room.');
  player.removed = true;
  if (player.connected) state.connectedCount -= 1;
  state.activeCount -= 1;
  state.nicknameKeys.delete(nicknameKey(player.nickname));
  player.connected = false;
  state.ranking = state.ranking.filter((id) => id !== playerId);
  const effects: Effect[] = [
    { type: 'persist', op: { op: 'playerRemoved', playerId, at: ctx.now } },
    { type: 'kick', playerId, reason: 'The host removed you from this game.' },
    { type: 'countsChanged' },
    { type: 'hostChanged' },
    { type: 'publicChanged' },
  ];
  return closeIfAllAnswered(state, ctx, effects);
}

/** A closed, not skipped question, or the refusal. */
function closedQuestion(state: GameState, index: number): AskedQuestion | ApplyResult {
  const q = state.questions[index];
  if (!q || q.closedAt === null || q.skipped) {
    return refuse(state, 'wrong_phase', 'Verdicts can be changed only on a question that has closed.');
  }
  if (!isScored(q.kind)) return refuse(state, 'wrong_phase', 'A poll or word cloud has no verdict to change.');
  return q;
}

/** How many distinct texts of one settled group the deck learns (the group's most common spellings). */
export const LEARNED_PER_GROUP = 5;

function override(state: GameState, cmd: Extract<Command, { type: 'override' }>): ApplyResult {
  const q = closedQuestion(state, cmd.questionIndex);
  if (!('index' in q)) return q;
  const a = q.answers.get(cmd.playerId);
  if (!a) return refuse(state, 'no_such_answer', 'That player did not answer this question.');
  const player = state.players.get(cmd.playerId);
  if (!player || player.removed) return refuse(state, 'unknown_player', 'No such player in this room.');
  return settle(state, q, [a], cmd.accept);
}

/** Settles every typed answer of a group at once [R7.3]: the same as one override per answer. */
function overrideGroup(state: GameState, cmd: Extract<Command, { type: 'overrideGroup' }>): ApplyResult {
  const q = closedQuestion(state, cmd.questionIndex);
  if (!('index' in q)) return q;
  const answers = [...q.answers.values()].filter(
    (a) => a.text !== null && a.group === cmd.group && state.players.get(a.playerId)?.removed === false,
  );
  if (answers.length === 0) return refuse(state, 'no_such_answer', 'No answer of this question is in that group.');
  return settle(state, q, answers, cmd.accept);
}

/**
 * The host's verdict on answers of one closed question [R7.1, R7.2]: each becomes correct (score 1) or
 * incorrect (score 0), overridden; everything is re-scored once; the deck learns the typed texts [R7.4].
 */
function settle(state: GameState, q: AskedQuestion, answers: AnswerRecord[], accept: boolean): ApplyResult {
  const players = new Set(answers.map((a) => a.playerId));
  for (const a of answers) {
    a.verdict = accept ? 'correct' : 'incorrect';
    a.gradeScore = accept ? 1 : 0;
    a.overridden = true;
    a.unsure = false;
    a.explanation = accept ? 'accepted by the host' : 'marked wrong by the host';
  }
  // The streak chain may change the points of the players' later answers [R7.2]: note them before and after.
  const later = state.questions.filter((lq) => lq.index > q.index && lq.closedAt !== null);
  const before = later.map((lq) => new Map([...players].map((id) => [id, lq.answers.get(id)?.points])));
  rescoreAll(state);
  const totals = activePlayers(state).map(totalsRow);
  const effects: Effect[] = answers.map((a) => {
    const laterPoints: PointsRow[] = [];
    later.forEach((lq, i) => {
      const la = lq.answers.get(a.playerId);
      if (la && la.points !== before[i]!.get(a.playerId)) {
        laterPoints.push({ playerId: a.playerId, questionIndex: lq.index, points: la.points });
      }
    });
    return { type: 'persist', op: { op: 'answerOverridden', answer: answerRow(a), laterPoints, totals } };
  });
  const texts = new Map<string, number>();
  for (const a of answers) if (a.text !== null) texts.set(a.text, (texts.get(a.text) ?? 0) + 1);
  if (q.kind === 'text' && texts.size > 0) {
    const verdict = accept ? ('accept' as const) : ('wrong' as const);
    const examples = [...texts.entries()]
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .slice(0, LEARNED_PER_GROUP)
      .map(([text]) => ({ text, verdict }));
    effects.push({ type: 'learn', deckId: state.deckId, cardId: q.cardId, examples });
  }
  effects.push({ type: 'publicChanged' }, { type: 'hostChanged' }, { type: 'playersChanged', playerIds: 'all' });
  return { state, effects };
}

function setAutoAdvance(state: GameState, on: boolean, ctx: Ctx): ApplyResult {
  state.settings = { ...state.settings, autoAdvance: on };
  if (state.phase === 'reveal' || state.phase === 'leaderboard') {
    state.phaseEndsAt = on ? ctx.now + state.settings.autoAdvanceSec * 1000 : null;
  }
  return {
    state,
    effects: [
      { type: 'persist', op: { op: 'settingsChanged', settings: { ...state.settings } } },
      { type: 'hostChanged' },
      { type: 'publicChanged' },
      ...(state.phase === 'question' ? [] : [{ type: 'timer' as const, at: nextAlarm(state) }]),
    ],
  };
}

/**
 * The timer fired: close a question whose time is up, or auto-advance [R4.3, R3.5]. Before the question's end,
 * a tick closes it only if everyone who counts has answered now that a grace has ended [R4.5]. Other early ticks
 * do nothing.
 */
function tick(state: GameState, ctx: Ctx): ApplyResult {
  if (state.pausedAt !== null) return { state, effects: [] };
  const opened = endLeadIn(state, ctx.now);
  if (opened) return opened;
  if (state.phase === 'question' && state.phaseEndsAt !== null && ctx.now < state.phaseEndsAt) {
    // The next alarm is the lead-in's end while it runs, else the question's [R14.5].
    return closeIfAllAnswered(state, ctx, [{ type: 'timer', at: nextAlarm(state) ?? state.phaseEndsAt }], true);
  }
  if (state.phaseEndsAt === null || ctx.now < state.phaseEndsAt) {
    const at = nextAlarm(state);
    return { state, effects: at === null ? [] : [{ type: 'timer', at }] };
  }
  if (state.phase === 'lobby' || state.phase === 'finished') return { state, effects: [] };
  return moveOn(state, state.phase, ctx);
}

/** An answer whose row the database refused is taken back while its question is open [R8.2]. */
function withdraw(state: GameState, playerId: string, questionIndex: number): ApplyResult {
  const q = currentQuestion(state);
  if (state.phase !== 'question' || !q || q.index !== questionIndex || !q.answers.has(playerId)) {
    return refuse(state, 'question_closed', 'That answer can no longer be taken back.');
  }
  q.answers.delete(playerId);
  q.ungraded = q.ungraded.filter((id) => id !== playerId);
  return { state, effects: [{ type: 'countsChanged' }, { type: 'hostChanged' }] };
}

/** At least this long to answer after a restart, so players have time to reconnect [R8.3]. */
export const RESUME_MIN_MS = 10_000;
/** How long players dropped by a restart still count for an early close [R8.3, R4.5]. */
export const RESUME_GRACE_MS = 15_000;

/**
 * The room was rebuilt from storage after its process stopped [R8.3]. An open question gets back the time the
 * server was down: its open time and deadline move later by the gap since the room was last known alive (its
 * last stored answer, or its opening), with at least RESUME_MIN_MS left. A reveal or leaderboard on auto-advance
 * starts its wait again. Players come back disconnected, dropped at the restart; they count for an early close
 * [R4.5] for RESUME_GRACE_MS, time to rejoin with their tokens.
 */
function restored(state: GameState, ctx: Ctx): ApplyResult {
  const q = currentQuestion(state);
  const effects: Effect[] = [{ type: 'publicChanged' }, { type: 'hostChanged' }];
  // Everyone's socket went with the old process: they dropped now, and count for an early close until
  // RESUME_GRACE_MS have passed (a phone's reconnection back-off alone can be 5 s) [R4.5].
  for (const p of state.players.values()) if (!p.removed && !p.connected) p.droppedAt = ctx.now;
  state.resumeGraceEndsAt = ctx.now + RESUME_GRACE_MS;
  switch (state.phase) {
    case 'lobby':
    case 'finished':
      return { state, effects };
    case 'question': {
      if (!q) return { state, effects };
      let aliveAt = q.openedAt;
      for (const a of q.answers.values()) aliveAt = Math.max(aliveAt, a.receivedAt);
      const gap = Math.max(0, ctx.now - aliveAt);
      q.openedAt += gap;
      q.closesAt = Math.max(q.closesAt + gap, ctx.now + RESUME_MIN_MS);
      state.phaseEndsAt = q.closesAt;
      effects.push(
        { type: 'persist', op: { op: 'questionResumed', index: q.index, openedAt: q.openedAt, closesAt: q.closesAt } },
        { type: 'timer', at: q.closesAt },
      );
      return { state, effects };
    }
    case 'reveal':
    case 'leaderboard':
      state.phaseEndsAt = state.settings.autoAdvance ? ctx.now + state.settings.autoAdvanceSec * 1000 : null;
      effects.push({ type: 'timer', at: state.phaseEndsAt });
      return { state, effects };
    default: {
      const never: never = state.phase;
      throw new Error(`unknown phase ${String(never)}`);
    }
  }
}

// ---------- rows to save (copies of the live records) ----------

function playerRow(p: PlayerState): PlayerRow {
  return { id: p.id, nickname: p.nickname, tokenHash: p.tokenHash, profileId: p.profileId, joinedAt: p.joinedAt };
}

function totalsRow(p: PlayerState): TotalsRow {
  return { id: p.id, score: p.score, correctCount: p.correctCount, answeredCount: p.answeredCount, rank: p.rank };
}

function questionRow(q: AskedQuestion): QuestionRow {
  return {
    index: q.index,
    cardId: q.cardId,
    kind: q.kind,
    prompt: q.prompt,
    choices: q.choices.map((c) => ({ id: c.id, text: c.text })),
    // Several right ids are stored as one value, as answers store them ("a,c") [R12.2].
    correctChoiceId: q.correctChoiceId ?? q.correctIds?.join(',') ?? null,
    openedAt: q.openedAt,
    closesAt: q.closesAt,
  };
}

function closedRow(q: AskedQuestion): ClosedQuestionRow {
  return { index: q.index, cardId: q.cardId, closedAt: q.closedAt, skipped: q.skipped };
}

function answerRow(a: AnswerRecord): AnswerRow {
  return {
    playerId: a.playerId,
    questionIndex: a.questionIndex,
    choiceId: a.choiceId,
    text: a.text,
    receivedAt: a.receivedAt,
    elapsedMs: a.elapsedMs,
    verdict: a.verdict,
    gradeScore: a.gradeScore,
    matched: a.matched.slice(),
    points: a.points,
    overridden: a.overridden,
  };
}

function answerRows(q: AskedQuestion): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const a of q.answers.values()) rows.push(answerRow(a));
  return rows;
}
