import { randomInt } from 'node:crypto';
import {
  checkAnswer,
  checkDeadline,
  checkNickname,
  checkTypedAnswer,
  closedAtOf,
  isFinished,
  rankSeats,
  scoreAnswer,
  serve,
  type AssignmentFacts,
  type SeatFacts,
} from '../../game/assignment';
import type { Grades } from '../../game/commands';
import { buildChoices, questionKind, shuffle, textAnswerSummary } from '../../game/questions';
import type { GameCard, RoomSettings } from '../../game/types';
import type {
  AssignAckData,
  AssignmentProgress,
  AssignmentSource,
  AssignQuestion,
  AssignResult,
  AssignSeat,
  CreateAssignmentBody,
  CreateAssignmentResponse,
  ErrorPayload,
} from '../../protocol';
import type { Clock } from '../clock';
import { ServiceError } from '../errors';
import type { EventBus } from '../events';
import { hashToken, tokensEqual, type Ids } from '../ids';
import type { Logger } from '../log';
import { gameCardsOf } from '../markdown/cards';
import type { DeckRepository } from '../repositories/decks';
import type { AssignmentRepository, AssignmentRow } from '../repositories/assignments';
import { RoomGrades, type TextGrader } from '../room/grades';
import { AssignmentWriter } from './assignment-writer';

/** Kinds with no right answer: nothing to play alone [R13.1]. */
const NOT_SELF_PACED: ReadonlySet<string> = new Set(['poll', 'cloud']);

/**
 * Self-paced assignments (docs/ASSIGNMENTS.md, R13): creating one from a deck, a choice of its cards or a group's
 * "cards we miss most"; seats opened and resumed with a seat token or a profile; answers graded with the game's
 * grader, stored, and only then acknowledged with the player's reveal; the host's progress; closing at the
 * deadline (or by the host) so the results count on the group's boards like a finished live game.
 *
 * Nothing of a player lives only in memory: a seat's place is its stored answers and the question it was shown
 * (AssignmentSeat), so any device and any process can resume it. Memory holds caches only: each assignment's
 * questions and cards, grades per deck version, and the seats in play (a few hundred bytes each).
 */

export interface AssignmentServiceDeps {
  repo: AssignmentRepository;
  decks: Pick<DeckRepository, 'get'>;
  /** The group's "cards we miss most" (src/server/services/boards/insights.ts). */
  practice(groupId: string): Promise<{ deckId: string; positions: number[] } | null>;
  requireGroupAdmin(groupId: string, token: string): Promise<void>;
  profiles: { byToken(token: string): Promise<{ id: string; displayName: string } | null> };
  clock: Clock;
  ids: Ids;
  log: Logger;
  events?: EventBus;
  publicUrl?: string | undefined;
  maxPlayers: number;
  rng?: () => number;
  grader?: TextGrader;
  /** How long the writer gathers rows into one statement, from the first of a batch (ms; default BATCH_MS, 0: the next turn). */
  batchMs?: number;
}

/** What a refused socket request answers (the adapter passes it on as is). */
export type Refusal = { ok: false; error: ErrorPayload };
export type Result<T> = { ok: true; data: T } | Refusal;

const refuse = (code: ErrorPayload['code'], message: string): Refusal => ({ ok: false, error: { code, message } });

const cryptoRng = () => randomInt(0, 2 ** 32) / 2 ** 32;

/** Caches: assignments held in memory, decks' grades, seats in play. Oldest dropped first. */
const MAX_ASSIGNMENTS = 512;
const MAX_DECK_GRADES = 64;
const MAX_SEATS = 50_000;
/** How long an assignment's facts are trusted before they are read again (another process may have closed it). */
const FACTS_TTL_MS = 10_000;
/**
 * Writer (assignment-writer.ts): rows gathered for BATCH_MS from the first of a batch, at most MAX_BATCH rows per
 * statement, one statement in flight (four transactions in flight deadlocked under load in the bench). The tick
 * costs an ack about half of it on average and saves a statement, a commit and their CPU per row that shares it.
 */
const BATCH_MS = 10;
const MAX_BATCH = 500;
/** A row written alone after its batch was refused (a deadlock with another process, a dropped connection). */
const WRITE_RETRIES = 2;

interface Loaded {
  row: AssignmentRow;
  facts: AssignmentFacts;
  cards: Map<string, GameCard>;
  grades: Grades;
  readAt: number;
}

interface SeatState {
  playerId: string;
  assignmentId: string;
  roomId: string;
  nickname: string;
  profileId: string | null;
  facts: SeatFacts;
  score: number;
  /** Requests of this seat run one after the other (two devices, or a double tap). */
  chain: Promise<unknown>;
}

function setLimited<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function createAssignmentService(deps: AssignmentServiceDeps) {
  const { repo, clock } = deps;
  const rng = deps.rng ?? cryptoRng;
  const loaded = new Map<string, Loaded>();
  const deckGrades = new Map<string, RoomGrades>();
  const seats = new Map<string, SeatState>();
  const base = () => (deps.publicUrl ?? '').replace(/\/$/, '');

  // ---------- the writer: answers and serves of every seat, one statement per tick [R13.9] ----------
  const writer = new AssignmentWriter(repo, {
    clock,
    log: deps.log,
    tickMs: deps.batchMs ?? BATCH_MS,
    maxBatch: MAX_BATCH,
    retries: WRITE_RETRIES,
  });
  const flushed = () => writer.flushed();

  // ---------- caches ----------

  /** Reads in flight, so the players of one assignment share one read when its cached facts expire. */
  const reading = new Map<string, Promise<Loaded | null>>();

  function load(id: string, fresh = false): Promise<Loaded | null> {
    const cached = loaded.get(id);
    if (cached && !fresh && clock.now() - cached.readAt < FACTS_TTL_MS) return Promise.resolve(cached);
    const inFlight = reading.get(id);
    if (inFlight && !fresh) return inFlight;
    const read = readAssignment(id, cached).finally(() => reading.delete(id));
    reading.set(id, read);
    return read;
  }

  async function readAssignment(id: string, cached: Loaded | undefined): Promise<Loaded | null> {
    const now = clock.now();
    const row = await repo.get(id);
    if (!row) return null;
    const facts: AssignmentFacts = {
      questionCount: row.questions.length,
      deadline: row.deadline?.getTime() ?? null,
      timerSec: row.timerSec,
      closedAt: row.closedAt?.getTime() ?? null,
    };
    if (cached && cached.row.deckId === row.deckId) {
      cached.row = row;
      cached.facts = facts;
      cached.readAt = now;
      return cached;
    }
    const deck = await deps.decks.get(row.deckId);
    const cards = new Map<string, GameCard>();
    let grades: RoomGrades;
    if (deck) {
      for (const c of gameCardsOf(deck)) cards.set(c.id, c);
      const key = `${deck.id}:${deck.updatedAt.getTime()}`;
      grades = deckGrades.get(key) ?? new RoomGrades(deps.grader);
      setLimited(deckGrades, key, grades, MAX_DECK_GRADES);
    } else {
      grades = new RoomGrades(deps.grader);
    }
    const entry: Loaded = { row, facts, cards, grades, readAt: now };
    setLimited(loaded, id, entry, MAX_ASSIGNMENTS);
    return entry;
  }

  function seatState(a: Loaded, s: { playerId: string; nickname: string; profileId: string | null; answered: number; score: number; servedIndex: number | null; servedAt: Date | null }): SeatState {
    const state: SeatState = {
      playerId: s.playerId,
      assignmentId: a.row.id,
      roomId: a.row.roomId,
      nickname: s.nickname,
      profileId: s.profileId,
      facts: { answered: s.answered, servedIndex: s.servedIndex, servedAt: s.servedAt?.getTime() ?? null },
      score: s.score,
      chain: Promise.resolve(),
    };
    setLimited(seats, s.playerId, state, MAX_SEATS);
    return state;
  }

  /** The seat in play, from memory or the database. */
  async function seatOf(a: Loaded, playerId: string): Promise<SeatState | null> {
    const cached = seats.get(playerId);
    if (cached) return cached.assignmentId === a.row.id ? cached : null;
    const row = await repo.seat(playerId);
    if (!row || row.assignmentId !== a.row.id) return null;
    return seatState(a, row);
  }

  /** Runs `fn` after the seat's earlier requests (each sees the state the previous one left). */
  function serial<T>(seat: SeatState, fn: () => Promise<T>): Promise<T> {
    const run = seat.chain.then(fn, fn);
    seat.chain = run.catch(() => undefined);
    return run;
  }

  // ---------- views ----------

  function questionView(a: Loaded, index: number, remainingMs: number | null): AssignQuestion {
    const q = a.row.questions[index];
    if (!q) throw new Error(`assignment ${a.row.id} has no question ${index}`);
    const html = a.cards.get(q.cardId)?.html;
    const inline = html?.inline;
    return {
      index,
      kind: q.kind,
      prompt: q.prompt,
      ...(html?.prompt ? { promptHtml: html.prompt } : {}),
      ...(html?.body ? { bodyHtml: html.body } : {}),
      // Choices only: the correct one is never sent before the player's answer is stored [R13.9].
      choices: q.choices.map((c) => (inline?.[c.text] ? { ...c, html: inline[c.text] } : c)),
      timeLimitMs: a.facts.timerSec === null ? null : a.facts.timerSec * 1000,
      remainingMs,
    };
  }

  function seatView(a: Loaded, seat: SeatState, question: AssignQuestion | null, status: AssignSeat['status']): AssignSeat {
    return {
      assignmentId: a.row.id,
      playerId: seat.playerId,
      nickname: seat.nickname,
      title: a.row.title,
      total: a.facts.questionCount,
      answered: seat.facts.answered,
      score: seat.score,
      deadline: a.row.deadline?.toISOString() ?? null,
      timerSec: a.facts.timerSec,
      status,
      question,
    };
  }

  /** Shows the seat its next card (storing when it was first shown) [R13.3]. */
  async function present(a: Loaded, seat: SeatState): Promise<AssignSeat> {
    const now = clock.now();
    const d = serve(a.facts, seat.facts, now);
    switch (d.kind) {
      case 'finished':
        return seatView(a, seat, null, 'finished');
      case 'closed':
        return seatView(a, seat, null, 'closed');
      case 'question':
        if (d.fresh) {
          await writer.serve({ playerId: seat.playerId, servedIndex: d.index, servedAt: d.servedAt });
          seat.facts = { ...seat.facts, servedIndex: d.index, servedAt: d.servedAt };
        }
        return seatView(a, seat, questionView(a, d.index, d.remainingMs), 'playing');
      default: {
        const never: never = d;
        throw new Error(`unknown serve decision ${String(never)}`);
      }
    }
  }

  function reveal(a: Loaded, index: number, graded: { verdict: AssignResult['verdict']; gradeScore: number; points: number }, late: boolean, g: { matched: string[]; missing: string[]; explanation: string } | null): AssignResult {
    const q = a.row.questions[index];
    if (!q) throw new Error(`assignment ${a.row.id} has no question ${index}`);
    const card = a.cards.get(q.cardId);
    const correctText =
      q.kind === 'choice'
        ? (q.choices.find((c) => c.id === q.correctChoiceId)?.text ?? '')
        : card
          ? textAnswerSummary(card.card)
          : '';
    const correctHtml = card?.html?.inline?.[correctText];
    return {
      questionIndex: index,
      verdict: graded.verdict,
      gradeScore: graded.gradeScore,
      points: graded.points,
      late,
      matched: g?.matched ?? [],
      missing: g?.missing ?? [],
      why: late ? 'Time was up for this question.' : (g?.explanation ?? ''),
      correctChoiceId: q.correctChoiceId,
      correctText,
      ...(correctHtml ? { correctTextHtml: correctHtml } : {}),
      accepted: card?.card.accept ?? [],
      explanation: card?.card.answer ?? '',
      ...(card?.html?.answer ? { explanationHtml: card.html.answer } : {}),
    };
  }

  // ---------- use cases ----------

  async function uniqueCode(): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = deps.ids.roomCode();
      if (!(await repo.codeInUse(code))) return code;
    }
    throw new ServiceError('internal', 'Could not find a free code; try again.', 500);
  }

  async function requireHost(id: string, hostToken: string | null): Promise<Loaded> {
    const a = await load(id, true);
    if (!a) throw new ServiceError('room_not_found', 'No such assignment.', 404);
    if (!hostToken || !tokensEqual(hashToken(hostToken), a.row.hostTokenHash))
      throw new ServiceError('not_host', 'Only the host of this assignment may see its progress.', 403);
    return a;
  }

  async function progressOf(a: Loaded): Promise<AssignmentProgress> {
    const { seats: rows, cards } = await repo.progress(a.row.id);
    const ranked = rankSeats(
      rows.map((r) => ({ ...r, id: r.playerId, startedAt: r.joinedAt.getTime() })),
    );
    const byIndex = new Map(cards.map((c) => [c.index, c]));
    const answered = rows.reduce((n, r) => n + r.answered, 0);
    const correct = rows.reduce((n, r) => n + r.correct, 0);
    const closed = closedAtOf(a.facts, clock.now());
    return {
      id: a.row.id,
      code: a.row.code,
      title: a.row.title,
      link: `${base()}/a/${a.row.id}`,
      source: a.row.source as AssignmentSource,
      groupId: a.row.groupId,
      deadline: a.row.deadline?.toISOString() ?? null,
      timerSec: a.facts.timerSec,
      createdAt: a.row.createdAt.toISOString(),
      closedAt: closed === null ? null : new Date(closed).toISOString(),
      total: a.facts.questionCount,
      players: ranked.map(({ seat: r, rank }) => ({
        playerId: r.playerId,
        nickname: r.nickname,
        profile: r.profileId !== null,
        startedAt: r.joinedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        answered: r.answered,
        correct: r.correct,
        partial: r.partial,
        score: r.score,
        accuracy: ratio(r.correct, r.answered),
        rank,
      })),
      cards: a.row.questions.map((q) => {
        const c = byIndex.get(q.index);
        return {
          index: q.index,
          prompt: q.prompt,
          kind: q.kind,
          answered: c?.answered ?? 0,
          correct: c?.correct ?? 0,
          partial: c?.partial ?? 0,
          accuracy: c ? ratio(c.correct, c.answered) : null,
        };
      }),
      totals: {
        started: rows.length,
        finished: rows.filter((r) => r.finishedAt !== null).length,
        answered,
        correct,
        accuracy: ratio(correct, answered),
      },
    };
  }

  /** Closes an assignment (deadline passed, or the host): totals and ranks stored, the room finished [R13.7]. */
  async function closeNow(a: Loaded, closedAt: number): Promise<boolean> {
    await flushed();
    const { seats: rows } = await repo.progress(a.row.id);
    const ranked = rankSeats(rows.map((r) => ({ ...r, id: r.playerId, startedAt: r.joinedAt.getTime() })));
    const closed = await repo.close(
      { id: a.row.id, roomId: a.row.roomId },
      new Date(closedAt),
      ranked.map(({ seat: r, rank }) => ({
        id: r.playerId,
        score: r.score,
        correct: r.correct,
        answered: r.answered,
        answerMs: r.answerMs,
        rank,
      })),
    );
    a.facts = { ...a.facts, closedAt };
    if (closed) {
      deps.log.info('assignment closed', { id: a.row.id, players: rows.length });
      // `groupChanged`, not `roomFinished`: the review queue schedules a finished room's answers on
      // `roomFinished`, and an assignment's answers were each scheduled already as they were stored.
      if (a.row.groupId) deps.events?.publish({ type: 'groupChanged', groupId: a.row.groupId });
    }
    return closed;
  }

  return {
    async create(body: CreateAssignmentBody, origin: string): Promise<CreateAssignmentResponse> {
      const now = clock.now();
      const deadline = checkDeadline(body.deadline ? Date.parse(body.deadline) : null, now);
      if (!deadline.ok) throw new ServiceError('bad_request', deadline.message);
      if (body.group) await deps.requireGroupAdmin(body.group.id, body.group.adminToken);
      let deckId = body.deckId;
      let positions = body.source === 'cards' ? body.positions : undefined;
      if (body.source === 'missed') {
        const groupId = body.group?.id;
        if (!groupId) throw new ServiceError('bad_request', 'A group is required for its missed cards.');
        const practice = await deps.practice(groupId);
        if (!practice) throw new ServiceError('bad_request', 'This group has not missed any card yet.');
        deckId = practice.deckId;
        positions = practice.positions;
      }
      if (!deckId) throw new ServiceError('bad_request', 'A deck is required.');
      const deck = await deps.decks.get(deckId);
      if (!deck) throw new ServiceError('deck_not_found', `No deck "${deckId}".`, 404);
      let planCards = deck.cards;
      if (positions) {
        const wanted = new Set(positions);
        planCards = deck.cards.filter((c) => wanted.has(c.position));
        if (planCards.length === 0) throw new ServiceError('bad_request', 'None of those cards are in the deck.');
      }
      // Self-paced play asks choice and typed questions; a poll or word cloud has no answer to learn from, and
      // the other live-only kinds (order, multi, number, true/false) are asked as typed questions for now.
      planCards = planCards.filter((c) => !NOT_SELF_PACED.has(c.card.mode ?? ''));
      if (planCards.length === 0) throw new ServiceError('bad_request', 'None of those cards can be played alone.');
      if (body.shuffle || body.source === 'missed') planCards = shuffle(planCards, rng);
      const pool = gameCardsOf(deck);
      const byId = new Map(pool.map((c) => [c.id, c]));
      // Every player gets the same questions (and the same order of choices): the host compares like with like.
      const questions = planCards.map((c, index) => {
        const gameCard = byId.get(c.id) ?? { id: c.id, card: c.card };
        const asked = questionKind(body.mode, c.card, index);
        const kind: 'choice' | 'text' = asked === 'choice' ? 'choice' : 'text';
        const built = kind === 'choice' ? buildChoices(gameCard, pool, rng) : null;
        return {
          index,
          cardId: c.id,
          kind,
          prompt: c.card.prompt,
          choices: built?.choices ?? [],
          correctChoiceId: built?.correctChoiceId ?? null,
        };
      });
      const hostToken = deps.ids.token();
      const id = deps.ids.id();
      const code = await uniqueCode();
      const settings: RoomSettings = {
        mode: body.mode,
        timeLimitSec: body.timerSec ?? 300,
        points: true,
        speedBonus: false,
        autoAdvance: false,
        autoAdvanceSec: 8,
        maxPlayers: deps.maxPlayers,
      };
      await repo.create({
        assignment: {
          id,
          source: body.source,
          deadline: deadline.deadline === null ? null : new Date(deadline.deadline),
          timerSec: body.timerSec ?? null,
          createdAt: new Date(now),
        },
        room: {
          id: deps.ids.id(),
          code,
          deckId: deck.id,
          title: deck.title,
          settings,
          hostTokenHash: hashToken(hostToken),
          groupId: body.group?.id ?? null,
        },
        questions,
      });
      const root = (deps.publicUrl ?? origin).replace(/\/$/, '');
      deps.log.info('assignment created', { id, deck: deck.id, questions: questions.length, source: body.source });
      return {
        id,
        code,
        hostToken,
        link: `${root}/a/${id}`,
        hostUrl: `${root}/a/${id}/host#host=${hostToken}`,
        questionCount: questions.length,
      };
    },

    /** Opens or resumes a seat [R13.8]: seat token, else the profile's seat, else a new seat under a nickname. */
    async open(p: {
      assignmentId: string;
      seatToken?: string | undefined;
      profileToken?: string | undefined;
      nickname?: string | undefined;
    }): Promise<Result<AckData['assign:open']>> {
      const a = await load(p.assignmentId);
      if (!a) return refuse('room_not_found', 'No such assignment. Check the link.');
      let seat: SeatState | null = null;
      let seatToken = p.seatToken ?? null;
      if (p.seatToken) {
        const playerId = p.seatToken.slice(0, p.seatToken.indexOf('.'));
        const row = await repo.seat(playerId);
        if (!row || row.assignmentId !== a.row.id || !tokensEqual(hashToken(p.seatToken), row.tokenHash))
          return refuse('bad_token', 'That seat link is not valid for this assignment.');
        seat = seats.get(row.playerId) ?? seatState(a, row);
      }
      let profile: { id: string; displayName: string } | null = null;
      if (!seat && p.profileToken) {
        profile = await deps.profiles.byToken(p.profileToken);
        if (!profile) return refuse('bad_token', 'That profile code is not valid. Check it or create a new profile.');
        const row = await repo.seatOfProfile(a.row.id, profile.id);
        if (row) {
          seat = seats.get(row.playerId) ?? seatState(a, row);
          // The profile proves the seat; a fresh seat token is made for this device (the old one stays valid).
          seatToken = null;
        }
      }
      if (!seat) {
        if (closedAtOf(a.facts, clock.now()) !== null)
          return refuse('question_closed', 'This assignment is closed: new players cannot start it.');
        const name = checkNickname(p.nickname ?? profile?.displayName ?? '');
        if (!name.ok) return refuse('invalid_nickname', name.message);
        const playerId = deps.ids.id();
        const token = `${playerId}.${deps.ids.token()}`;
        await repo.createSeat({
          playerId,
          assignmentId: a.row.id,
          roomId: a.row.roomId,
          nickname: name.text,
          tokenHash: hashToken(token),
          profileId: profile?.id ?? null,
          joinedAt: new Date(clock.now()),
        });
        seatToken = token;
        seat = seatState(a, {
          playerId,
          nickname: name.text,
          profileId: profile?.id ?? null,
          answered: 0,
          score: 0,
          servedIndex: null,
          servedAt: null,
        });
      }
      const current = seat;
      const view = await serial(current, () => present(a, current));
      // A seat resumed through its profile gets no token: only a hash is stored, and the phone keeps the profile.
      return { ok: true, data: seatToken ? { ...view, seatToken } : view };
    },

    /** What anyone with the link may see before starting: the title, how many cards, the deadline. */
    async summary(id: string): Promise<{ id: string; title: string; total: number; deadline: string | null; timerSec: number | null; closed: boolean } | null> {
      const a = await load(id);
      if (!a) return null;
      return {
        id: a.row.id,
        title: a.row.title,
        total: a.facts.questionCount,
        deadline: a.row.deadline?.toISOString() ?? null,
        timerSec: a.facts.timerSec,
        closed: closedAtOf(a.facts, clock.now()) !== null,
      };
    },

    /** The next card after a reveal. */
    async next(assignmentId: string, playerId: string | undefined): Promise<Result<AssignSeat>> {
      const a = await load(assignmentId);
      if (!a) return refuse('room_not_found', 'No such assignment. Check the link.');
      const seat = playerId ? await seatOf(a, playerId) : null;
      if (!seat) return refuse('unknown_player', 'Open the assignment first.');
      return { ok: true, data: await serial(seat, () => present(a, seat)) };
    },

    /**
     * Grades an answer with the game's grader and stores it; the reply (the player's reveal) goes out only once
     * the answer is stored [R13.9]. Publishes `cardsAnswered` for a profile's answer.
     */
    async answer(
      p: { assignmentId: string; questionIndex: number; choiceId?: string | undefined; text?: string | undefined; reactionMs?: number | undefined },
      playerId: string | undefined,
    ): Promise<Result<AckData['assign:answer']>> {
      const a = await load(p.assignmentId);
      if (!a) return refuse('room_not_found', 'No such assignment. Check the link.');
      const seat = playerId ? await seatOf(a, playerId) : null;
      if (!seat) return refuse('unknown_player', 'Open the assignment before answering.');
      return serial(seat, async (): Promise<Result<AckData['assign:answer']>> => {
        const now = clock.now();
        const check = checkAnswer(a.facts, seat.facts, p.questionIndex, now, p.reactionMs);
        if (!check.ok) return refuse(check.code, check.message);
        const q = a.row.questions[p.questionIndex];
        if (!q) return refuse('wrong_question', 'No such question.');
        let grade: { verdict: AssignResult['verdict']; score: number; matched: string[]; missing: string[]; explanation: string };
        let text: string | null = null;
        if (q.kind === 'choice') {
          if (p.choiceId === undefined) return refuse('invalid_answer', 'This question takes one of the choices.');
          if (!q.choices.some((c) => c.id === p.choiceId))
            return refuse('invalid_choice', 'That choice does not exist for this question.');
          const right = p.choiceId === q.correctChoiceId;
          grade = { verdict: right ? 'correct' : 'incorrect', score: right ? 1 : 0, matched: [], missing: [], explanation: '' };
        } else {
          if (p.text === undefined) return refuse('invalid_answer', 'This question takes a typed answer.');
          const typed = checkTypedAnswer(p.text);
          if (!typed.ok) return refuse('invalid_answer', typed.message);
          text = typed.text;
          const card = a.cards.get(q.cardId);
          if (!card) return refuse('internal', 'This card is no longer in its deck.');
          grade = a.grades.grade(card, text);
        }
        const scored = scoreAnswer(grade, check.late);
        const answered = seat.facts.answered + 1;
        const finished = answered >= a.facts.questionCount;
        const stored = await writer.answer({
          playerId: seat.playerId,
          roomId: a.row.roomId,
          questionIndex: q.index,
          cardId: q.cardId,
          choiceId: q.kind === 'choice' ? (p.choiceId ?? null) : null,
          text,
          receivedAt: now,
          elapsedMs: check.elapsedMs,
          verdict: scored.verdict,
          gradeScore: scored.gradeScore,
          points: scored.points,
          matched: q.kind === 'text' ? grade.matched : [],
          finishedAt: finished ? now : null,
        });
        if (!stored) {
          // Another device (on another process) stored this card's answer first: that one stands.
          const row = await repo.seat(seat.playerId);
          if (row) seat.facts = { answered: row.answered, servedIndex: row.servedIndex, servedAt: row.servedAt?.getTime() ?? null };
          return refuse('already_answered', 'You have already answered this question (on another device).');
        }
        seat.facts = { ...seat.facts, answered };
        seat.score += scored.points;
        if (seat.profileId) {
          deps.events?.publish({
            type: 'cardsAnswered',
            profileId: seat.profileId,
            source: 'assignment',
            items: [
              {
                deckId: a.row.deckId,
                cardId: q.cardId,
                verdict: scored.verdict,
                elapsedMs: check.elapsedMs,
                timeLimitMs: a.facts.timerSec === null ? null : a.facts.timerSec * 1000,
                answeredAt: now,
              },
            ],
          });
        }
        return {
          ok: true,
          data: {
            result: reveal(a, q.index, scored, check.late, q.kind === 'text' ? grade : null),
            answered,
            score: seat.score,
            finished: isFinished(a.facts, seat.facts),
          },
        };
      });
    },

    async progress(id: string, hostToken: string | null): Promise<AssignmentProgress> {
      const a = await requireHost(id, hostToken);
      const due = a.facts.closedAt === null ? closedAtOf(a.facts, clock.now()) : null;
      if (due !== null) await closeNow(a, due);
      return progressOf(a);
    },

    async close(id: string, hostToken: string | null): Promise<AssignmentProgress> {
      const a = await requireHost(id, hostToken);
      if (a.facts.closedAt === null) await closeNow(a, closedAtOf(a.facts, clock.now()) ?? clock.now());
      return progressOf(a);
    },

    /** Closes the assignments whose deadline has passed (run every minute and at start-up) [R13.7]. */
    async closeDue(): Promise<number> {
      let n = 0;
      for (const id of await repo.dueIds(new Date(clock.now()))) {
        const a = await load(id, true);
        const at = a ? closedAtOf(a.facts, clock.now()) : null;
        if (a && at !== null && (await closeNow(a, at))) n += 1;
      }
      return n;
    },

    /** A seat dropped from memory (its socket closed); its state stays stored. */
    forget(playerId: string): void {
      seats.delete(playerId);
    },

    flushed,
    /** Seats held in memory (the bench reports it). */
    get seatsInMemory(): number {
      return seats.size;
    },
  };
}
export type AssignmentService = ReturnType<typeof createAssignmentService>;

type AckData = AssignAckData;
