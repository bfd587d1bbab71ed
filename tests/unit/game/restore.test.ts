import { describe, expect, it } from 'vitest';
import type { AnswerRow, PersistOp } from '../../../src/game/commands';
import { checkInvariants } from '../../../src/game/invariants';
import { DROP_GRACE_MS, RESUME_GRACE_MS, RESUME_MIN_MS } from '../../../src/game/reducer';
import {
  restoreGame,
  type StoredGame,
  type StoredPlayer,
  type StoredQuestion,
} from '../../../src/game/restore';
import type { GameState, Phase } from '../../../src/game/types';
import { CARDS, Game, HOST } from './helpers';

/**
 * What a database would hold after these ops (the same mapping as src/server/room/store.ts and the room
 * repository: a locked answer is kept, the close writes the verdicts), read back as restoreGame reads it.
 */
function storedAfter(ops: readonly PersistOp[]): StoredGame {
  let phase: Phase | null = 'lobby';
  let startedAt: number | null = null;
  const players = new Map<string, StoredPlayer>();
  const questions: StoredQuestion[] = [];
  const answers = new Map<string, AnswerRow>();
  const key = (a: AnswerRow) => `${a.playerId}:${a.questionIndex}`;
  for (const op of ops) {
    switch (op.op) {
      case 'roomStarted':
        startedAt = op.at;
        break;
      case 'phaseChanged':
        phase = op.phase;
        break;
      case 'playerJoined':
        players.set(op.player.id, { ...op.player, removed: false });
        break;
      case 'playerRemoved':
        players.get(op.playerId)!.removed = true;
        break;
      case 'questionOpened':
        questions.push({ ...op.question, closedAt: null, skipped: false });
        break;
      case 'questionResumed':
        Object.assign(questions[op.index]!, { openedAt: op.openedAt, closesAt: op.closesAt });
        break;
      case 'answerLocked':
        if (!answers.has(key(op.answer))) answers.set(key(op.answer), op.answer);
        break;
      case 'questionClosed':
        Object.assign(questions[op.question.index]!, {
          closedAt: op.question.closedAt,
          skipped: op.question.skipped,
        });
        for (const a of op.answers) answers.set(key(a), a);
        break;
      case 'roomFinished':
        phase = 'finished';
        break;
      case 'teamsChanged':
        for (const t of op.assignments) {
          const p = players.get(t.playerId);
          if (p) players.set(t.playerId, { ...p, team: t.team });
        }
        break;
      case 'settingsChanged':
      case 'playerProfileLinked':
      case 'answerOverridden':
        break;
      default: {
        const never: never = op;
        throw new Error(`unhandled ${JSON.stringify(never)}`);
      }
    }
  }
  return { phase, startedAt, players: [...players.values()], questions, answers: [...answers.values()] };
}

/** A Game that records every op it emits. */
class LoggedGame extends Game {
  ops: PersistOp[] = [];
  override do(cmd: Parameters<Game['do']>[0]) {
    const r = super.do(cmd);
    for (const e of r.effects) if (e.type === 'persist') this.ops.push(e.op);
    return r;
  }

  restored(): GameState {
    const r = restoreGame(
      {
        roomId: 'room1',
        code: 'ABCDEF',
        title: 'Test deck',
        joinUrl: 'http://quiz.test/play/ABCDEF',
        deckId: 'test',
        hostTokenHash: HOST,
        settings: this.state.settings,
        cards: CARDS,
        plan: this.state.plan,
        now: 0,
      },
      storedAfter(this.ops),
    );
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  }
}

const summary = (s: GameState) =>
  [...s.players.values()].map((p) => ({
    id: p.id,
    score: p.score,
    streak: p.streak,
    rank: p.rank,
    previousRank: p.previousRank,
    correct: p.correctCount,
    answered: p.answeredCount,
    removed: p.removed,
  }));

/** Two closed questions and a third open with two answers locked in: a typed one and none yet graded. */
function midGame(): LoggedGame {
  const g = new LoggedGame({ mode: 'choice' }, ['c1', 'c3', 'c2']);
  const [a, b, c] = ['ann', 'bob', 'cat'].map((n) => g.join(n)) as [string, string, string];
  g.host('start');
  g.answerChoice(a, g.correct(), 1000);
  g.answerChoice(b, g.correct(), 3000);
  g.answerChoice(c, g.wrong(), 500);
  g.host('next'); // leaderboard
  g.host('next'); // question 2
  g.answerChoice(a, g.correct(), 2000);
  g.answerChoice(b, g.wrong(), 1000);
  g.answerChoice(c, g.correct(), 1000);
  g.host('next');
  g.host('next'); // question 3: one card with no choices in this deck is asked as text
  g.now += 1500;
  g.ok({
    type: 'answer',
    playerId: c,
    questionIndex: 2,
    ...(g.q.kind === 'text' ? { text: 'kube-proxy' } : { choiceId: g.correct() }),
  });
  return g;
}

describe('restoring a room from its stored rows', () => {
  it('[R8.3] an open question comes back open, with its locked answers, scores, streaks and ranks as they were', () => {
    const g = midGame();
    const back = g.restored();
    expect(back.phase).toBe('question');
    expect(back.questions).toHaveLength(3);
    expect(back.questions[2]!.answers.size).toBe(1);
    expect(summary(back)).toEqual(summary(g.state));
    expect(back.ranking).toEqual(g.state.ranking);
    // Everyone is back disconnected until they rejoin with their token.
    expect(back.connectedCount).toBe(0);
    expect([...back.players.values()].every((p) => !p.connected)).toBe(true);
    expect(checkInvariants({ ...back, connectedCount: 0 })).toEqual([]);
  });

  it('[R8.3] a leaderboard comes back as a leaderboard; a reveal as a reveal; a lobby as a lobby', () => {
    const g = new LoggedGame();
    g.join('ann');
    expect(g.restored().phase).toBe('lobby');
    g.host('start');
    g.answerChoice('p-ann', g.correct(), 100);
    expect(g.restored().phase).toBe('reveal');
    g.host('next');
    expect(g.restored().phase).toBe('leaderboard');
  });

  it('[R8.3] resume gives an open question back the time the server was down, from its last stored answer', () => {
    const g = midGame();
    const q = g.q;
    const left = q.closesAt - g.now; // the last answer came at g.now
    const back = new Game();
    back.state = g.restored();
    back.now = g.now + 60_000; // a minute down
    const r = back.ok({ type: 'restored' });
    const rq = back.q;
    expect(rq.closesAt - back.now).toBe(left);
    expect(rq.openedAt).toBe(q.openedAt + 60_000);
    expect(back.state.phaseEndsAt).toBe(rq.closesAt);
    expect(r.effects).toContainEqual({ type: 'timer', at: rq.closesAt });
    expect(r.effects).toContainEqual({
      type: 'persist',
      op: { op: 'questionResumed', index: 2, openedAt: rq.openedAt, closesAt: rq.closesAt },
    });
  });

  it('[R8.3] resume leaves at least RESUME_MIN_MS to answer, so players can reconnect', () => {
    const g = new LoggedGame({ timeLimitSec: 20 });
    g.join('ann');
    g.join('bob');
    g.host('start');
    g.answerChoice('p-ann', g.correct(), 19_000); // 1 s left at the last stored moment
    const back = new Game({ timeLimitSec: 20 });
    back.state = g.restored();
    back.now = g.now + 5_000;
    back.ok({ type: 'restored' });
    expect(back.q.closesAt).toBe(back.now + RESUME_MIN_MS);
  });

  it('[R8.3][R4.5] players dropped by the restart count for RESUME_GRACE_MS: the first back cannot close the question', () => {
    const g = midGame(); // question 3 open; cat has answered
    const back = new Game();
    back.state = g.restored();
    back.now = g.now;
    back.ok({ type: 'restored' });
    back.ok({ type: 'rejoin', playerId: 'p-ann', tokenHash: 't-ann' });
    back.now += 1000;
    const text = back.q.kind === 'text';
    const r = back.ok({
      type: 'answer',
      playerId: 'p-ann',
      questionIndex: 2,
      ...(text ? { text: 'dns' } : { choiceId: back.correct() }),
    });
    // Everyone connected has answered, but bob (still reconnecting) counts: the question waits for his grace.
    expect(back.state.phase).toBe('question');
    const graceEnds = back.now - 1000 + RESUME_GRACE_MS;
    expect(r.effects).toContainEqual({ type: 'timer', at: Math.min(graceEnds, back.q.closesAt) });
    back.now = g.now + DROP_GRACE_MS + 1; // a plain drop's grace would be over
    back.ok({ type: 'tick' });
    expect(back.state.phase).toBe('question');
    back.now = graceEnds;
    back.ok({ type: 'tick' });
    expect(back.state.phase).toBe('reveal');
  });

  it('[R8.3] after a restart the game goes on: rejoin, answer, close, and the totals match a game never stopped', () => {
    const g = midGame();
    const back = new Game();
    back.state = g.restored();
    back.now = g.now;
    back.ok({ type: 'restored' });
    for (const id of ['p-ann', 'p-bob', 'p-cat'])
      back.ok({ type: 'rejoin', playerId: id, tokenHash: `t-${id.slice(2)}` });
    // The same answers on both: the one never stopped and the restored one.
    for (const game of [g, back]) {
      const text = game.q.kind === 'text';
      game.ok({
        type: 'answer',
        playerId: 'p-ann',
        questionIndex: 2,
        ...(text ? { text: 'dns' } : { choiceId: game.correct() }),
      });
      game.ok({
        type: 'answer',
        playerId: 'p-bob',
        questionIndex: 2,
        ...(text ? { text: 'kube-proxy' } : { choiceId: game.wrong() }),
      });
      expect(game.state.phase).toBe('reveal');
    }
    expect(summary(back.state)).toEqual(summary(g.state));
    expect(checkInvariants(back.state)).toEqual([]);
  });

  it('[R8.3] rows that do not fit the plan or the deck are refused, not guessed', () => {
    const g = midGame();
    const stored = storedAfter(g.ops);
    const r = restoreGame(
      {
        roomId: 'room1',
        code: 'ABCDEF',
        title: 't',
        joinUrl: 'u',
        deckId: 'test',
        hostTokenHash: HOST,
        settings: g.state.settings,
        cards: CARDS.filter((c) => c.id !== 'c3'),
        plan: g.state.plan,
        now: 0,
      },
      stored,
    );
    expect(r.ok).toBe(false);
  });
});
