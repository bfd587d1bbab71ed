import { describe, expect, it } from 'vitest';
import { apply, DROP_GRACE_MS, nicknameKey } from '../../../src/game/reducer';
import { basePoints, streakBonus } from '../../../src/game/scoring';
import { buildChoices, questionKind, shortAnswer } from '../../../src/game/questions';
import { CARDS, Game, HOST, seededRng, settings } from './helpers';

describe('rooms and phases', () => {
  it('[R1.1] a new room is in the lobby with no questions', () => {
    const g = new Game();
    expect(g.state.phase).toBe('lobby');
    expect(g.state.questions).toHaveLength(0);
  });

  it('[R1.3] phases go lobby -> question -> reveal -> leaderboard -> question ... -> finished', () => {
    const g = new Game({}, ['c1', 'c2']);
    const a = g.join('ann');
    g.host('start');
    expect(g.state.phase).toBe('question');
    g.answerChoice(a, g.correct(), 100);
    expect(g.state.phase).toBe('reveal');
    g.host('next');
    expect(g.state.phase).toBe('leaderboard');
    g.host('next');
    expect(g.state.phase).toBe('question');
    expect(g.q.index).toBe(1);
    g.host('next'); // close
    expect(g.state.phase).toBe('reveal');
    g.host('next'); // last question: straight to the podium
    expect(g.state.phase).toBe('finished');
  });
});

describe('host authority', () => {
  it('[R2.1] every host command with a wrong token is refused and changes nothing', () => {
    const g = new Game();
    const a = g.join('ann');
    const bad = 'x'.repeat(64);
    const cmds = [
      { type: 'start', hostTokenHash: bad },
      { type: 'next', hostTokenHash: bad },
      { type: 'reveal', hostTokenHash: bad },
      { type: 'skip', hostTokenHash: bad },
      { type: 'end', hostTokenHash: bad },
      { type: 'kick', hostTokenHash: bad, playerId: a },
      { type: 'override', hostTokenHash: bad, questionIndex: 0, playerId: a, accept: true },
      { type: 'overrideGroup', hostTokenHash: bad, questionIndex: 0, group: 'g', accept: true },
      { type: 'setAutoAdvance', hostTokenHash: bad, autoAdvance: true },
    ] as const;
    for (const cmd of cmds) {
      const before = structuredClone(g.state);
      const r = g.do(cmd);
      expect(r.error?.code, cmd.type).toBe('not_host');
      expect(r.effects).toEqual([]);
      expect(g.state).toEqual(before);
    }
  });
});

describe('joining', () => {
  it('[R2.2] nicknames are trimmed and 1-20 characters', () => {
    const g = new Game();
    g.ok({ type: 'join', playerId: 'p1', nickname: '   Ann   Lee  ', tokenHash: 't' });
    expect(g.state.players.get('p1')?.nickname).toBe('Ann Lee');
    expect(g.do({ type: 'join', playerId: 'p2', nickname: '   ', tokenHash: 't' }).error?.code).toBe(
      'invalid_nickname',
    );
    expect(g.do({ type: 'join', playerId: 'p3', nickname: 'x'.repeat(21), tokenHash: 't' }).error?.code).toBe(
      'invalid_nickname',
    );
    expect(
      g.do({ type: 'join', playerId: 'p4', nickname: 'x'.repeat(20), tokenHash: 't' }).error,
    ).toBeUndefined();
  });

  it('[R2.3] a nickname clash (case, accents, spaces) is refused', () => {
    const g = new Game();
    g.join('José');
    for (const n of ['josé', 'JOSE', ' jose ']) {
      const r = g.do({ type: 'join', playerId: `p-${n}`, nickname: n, tokenHash: 't' });
      expect(r.error?.code).toBe('nickname_taken');
      expect(r.error?.message).toMatch(/taken/);
    }
    expect(nicknameKey('  Ann   LEE ')).toBe('ann lee');
  });

  it('[R2.4] a full room and a finished room refuse joins', () => {
    const g = new Game({ maxPlayers: 2 });
    g.join('a');
    g.join('b');
    expect(g.do({ type: 'join', playerId: 'p-c', nickname: 'c', tokenHash: 't' }).error?.code).toBe(
      'room_full',
    );
    g.host('end');
    expect(g.do({ type: 'join', playerId: 'p-d', nickname: 'd', tokenHash: 't' }).error?.code).toBe(
      'game_finished',
    );
  });

  it('[R2.5] rejoin with the right token restores the same player; a wrong token is refused', () => {
    const g = new Game();
    const a = g.join('ann');
    g.host('start');
    g.answerChoice(a, g.correct(), 1000);
    const score = g.score(a);
    expect(score).toBeGreaterThan(0);
    g.do({ type: 'disconnect', playerId: a });
    expect(g.state.players.get(a)?.connected).toBe(false);
    expect(g.do({ type: 'rejoin', playerId: a, tokenHash: 'wrong' }).error?.code).toBe('bad_token');
    g.ok({ type: 'rejoin', playerId: a, tokenHash: 't-ann' });
    expect(g.state.players.get(a)?.connected).toBe(true);
    expect(g.score(a)).toBe(score);
    expect(g.state.players.get(a)?.streak).toBe(1);
  });

  it('[R2.9] a profile is linked at join or later, at most once per room', () => {
    const g = new Game();
    g.ok({ type: 'join', playerId: 'p1', nickname: 'Alex', tokenHash: 't1', profileId: 'prof-1' });
    expect(g.state.players.get('p1')?.profileId).toBe('prof-1');
    expect(
      g.do({ type: 'join', playerId: 'p2', nickname: 'Alex 2', tokenHash: 't2', profileId: 'prof-1' }).error
        ?.code,
    ).toBe('bad_token');
    g.ok({ type: 'join', playerId: 'p3', nickname: 'Sam', tokenHash: 't3' });
    expect(g.state.players.get('p3')?.profileId).toBeNull();
    expect(g.do({ type: 'linkProfile', playerId: 'p3', profileId: 'prof-1' }).error?.code).toBe('bad_token');
    const r = g.ok({ type: 'linkProfile', playerId: 'p3', profileId: 'prof-2' });
    expect(r.effects).toContainEqual({
      type: 'persist',
      op: { op: 'playerProfileLinked', playerId: 'p3', profileId: 'prof-2' },
    });
    expect(g.do({ type: 'linkProfile', playerId: 'nobody', profileId: 'prof-3' }).error?.code).toBe(
      'unknown_player',
    );
  });

  it('[R2.6] a late joiner can answer the open question', () => {
    const g = new Game();
    g.join('ann');
    g.host('start');
    const b = g.join('bob');
    expect(g.answerChoice(b, g.correct(), 500).error).toBeUndefined();
  });

  it('[R2.7] a removed player is kicked, cannot rejoin, and frees the nickname', () => {
    const g = new Game();
    const a = g.join('ann');
    g.join('bob');
    const r = g.ok({ type: 'kick', hostTokenHash: HOST, playerId: a });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'kick', playerId: a }));
    expect(g.do({ type: 'rejoin', playerId: a, tokenHash: 't-ann' }).error?.code).toBe('removed');
    expect(g.do({ type: 'join', playerId: 'p-ann2', nickname: 'Ann', tokenHash: 't' }).error).toBeUndefined();
  });
});

describe('answers', () => {
  it('[R4.1] one answer per player per question', () => {
    const g = new Game();
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.answerChoice(a, g.wrong());
    const r = g.answerChoice(a, g.correct());
    expect(r.error?.code).toBe('already_answered');
    expect(g.q.answers.get(a)?.verdict).toBe('incorrect');
  });

  it('[R4.2] an answer for another question is refused', () => {
    const g = new Game();
    const a = g.join('ann');
    g.host('start');
    const r = g.do({ type: 'answer', playerId: a, questionIndex: 1, choiceId: 'a' });
    expect(r.error?.code).toBe('wrong_question');
    expect(g.q.answers.size).toBe(0);
  });

  it('[R4.3] answers before the start, during the reveal, after the time limit and after the end are refused', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    expect(g.do({ type: 'answer', playerId: a, questionIndex: 0, choiceId: 'a' }).error?.code).toBe(
      'question_closed',
    );
    g.host('start');
    g.now += 20_001; // past the limit, before the timer tick arrives
    expect(g.answerChoice(a, g.correct()).error?.code).toBe('question_closed');
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
    expect(g.answerChoice(b, g.correct()).error?.code).toBe('question_closed');
    g.host('end');
    expect(g.do({ type: 'answer', playerId: a, questionIndex: 0, choiceId: 'a' }).error?.code).toBe(
      'question_closed',
    );
  });

  it('[R4.4] a choice that does not exist, or the wrong kind of answer, is refused', () => {
    const g = new Game();
    const a = g.join('ann');
    g.host('start');
    expect(g.answerChoice(a, 'z').error?.code).toBe('invalid_choice');
    expect(g.do({ type: 'answer', playerId: a, questionIndex: 0, text: 'cni' }).error?.code).toBe(
      'invalid_answer',
    );
    expect(g.q.answers.size).toBe(0);
  });

  it('[R4.4] a text question refuses choices and over-long text', () => {
    const g = new Game({ mode: 'text' });
    const a = g.join('ann');
    g.host('start');
    expect(g.do({ type: 'answer', playerId: a, questionIndex: 0, choiceId: 'a' }).error?.code).toBe(
      'invalid_answer',
    );
    expect(g.do({ type: 'answer', playerId: a, questionIndex: 0, text: 'x'.repeat(201) }).error?.code).toBe(
      'invalid_answer',
    );
    expect(
      g.do({ type: 'answer', playerId: a, questionIndex: 0, text: 'container network interface' }).error,
    ).toBeUndefined();
  });

  it('[R4.5] the question closes when every connected player has answered', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cat');
    g.host('start');
    g.do({ type: 'disconnect', playerId: c });
    g.now += DROP_GRACE_MS; // cat's grace is over: only ann and bob count
    g.answerChoice(a, g.correct());
    expect(g.state.phase).toBe('question');
    g.answerChoice(b, g.correct());
    expect(g.state.phase).toBe('reveal');
  });

  it('[R4.5] as the room runs it, the last answer asks for an alarm due now; the close happens on that tick', () => {
    const g = new Game();
    g.closeOnAlarm = true;
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct());
    expect(g.effects).not.toContainEqual({ type: 'timer', at: g.now });
    const last = g.answerChoice(b, g.correct());
    expect(g.state.phase).toBe('question');
    expect(last.effects).toContainEqual({ type: 'timer', at: g.now });
    expect(last.effects.some((e) => e.type === 'persist' && e.op.op === 'questionClosed')).toBe(false);
    const tick = g.do({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
    expect(tick.effects.some((e) => e.type === 'persist' && e.op.op === 'questionClosed')).toBe(true);
  });

  /** A room's game (`closeOnAlarm`) whose only player has just answered: the close waits for its alarm. */
  function lastAnswerAwaitingItsAlarm(): Game {
    const g = new Game();
    g.closeOnAlarm = true;
    const a = g.join('ann');
    g.host('start');
    g.answerChoice(a, g.correct());
    return g;
  }

  it('[R4.5][R14.1] a pause between the last answer and its alarm: the question closes on resume', () => {
    const g = lastAnswerAwaitingItsAlarm();
    g.ok({ type: 'pause', hostTokenHash: HOST });
    expect(g.do({ type: 'tick' }).effects).toEqual([]); // the alarm comes while paused: nothing happens
    const resumed = g.ok({ type: 'resume', hostTokenHash: HOST });
    expect(resumed.effects).toContainEqual({ type: 'timer', at: g.now });
    g.do({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
  });

  it('[R4.5][R14.3] extra time given right after the last answer does not cancel the close', () => {
    const g = lastAnswerAwaitingItsAlarm();
    const added = g.ok({ type: 'addTime', hostTokenHash: HOST, seconds: 10 });
    // The room keeps the last alarm asked for: the one due now comes after the question's new end.
    expect(added.effects.filter((e) => e.type === 'timer').at(-1)).toEqual({ type: 'timer', at: g.now });
    g.do({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
  });

  it('[R4.5] a disconnect never closes the question by itself, even when everyone else has answered', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 1000);
    const dropped = g.do({ type: 'disconnect', playerId: b });
    expect(g.state.phase).toBe('question');
    expect(dropped.effects.some((e) => e.type === 'persist' || e.type === 'publicChanged')).toBe(false);
    // The room is asked for a tick when bob's grace ends.
    expect(dropped.effects).toContainEqual({ type: 'timer', at: g.now + DROP_GRACE_MS });
  });

  it('[R4.5] a player who drops and comes back within the grace still answers: a refresh cannot forfeit', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 1000);
    g.do({ type: 'disconnect', playerId: b });
    g.now += DROP_GRACE_MS - 1;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('question');
    g.ok({ type: 'rejoin', playerId: b, tokenHash: 't-bob' });
    expect(g.state.players.get(b)).toMatchObject({ connected: true, droppedAt: null });
    // The tick asked for at the end of the grace finds bob back and changes nothing.
    g.now += 1;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('question');
    g.answerChoice(b, g.correct(), 500);
    expect(g.state.phase).toBe('reveal');
    expect(g.q.answers.has(b)).toBe(true);
  });

  it('[R4.5] when the grace ends with everyone else answered, the tick closes the question then', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 1000);
    g.do({ type: 'disconnect', playerId: b });
    const graceEnds = g.now + DROP_GRACE_MS;
    g.now = graceEnds;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
    expect(g.q.closedAt).toBe(graceEnds);
    expect(g.q.answers.has(b)).toBe(false);
  });

  it('[R4.5] answers that leave only players in their grace ask for a tick at the first grace end', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cat');
    g.host('start');
    g.now += 1000;
    g.do({ type: 'disconnect', playerId: b });
    const bobBack = g.now + DROP_GRACE_MS;
    g.now += 2000;
    g.do({ type: 'disconnect', playerId: c });
    const answered = g.answerChoice(a, g.correct(), 100);
    expect(g.state.phase).toBe('question');
    expect(answered.effects).toContainEqual({ type: 'timer', at: bobBack });
    g.now = bobBack;
    const early = g.ok({ type: 'tick' });
    // Cat is still in her grace: wait for it.
    expect(g.state.phase).toBe('question');
    expect(early.effects.filter((e) => e.type === 'timer').at(-1)).toEqual({ type: 'timer', at: bobBack + 2000 });
    g.now = bobBack + 2000;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
  });

  it('[R4.5] a grace never runs past the question\'s time limit', () => {
    const g = new Game({ timeLimitSec: 20 });
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 1000);
    g.now += 17_000;
    const dropped = g.do({ type: 'disconnect', playerId: b });
    expect(dropped.effects).toContainEqual({ type: 'timer', at: g.q.closesAt });
    g.now = g.q.closesAt;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
    expect(g.q.closedAt).toBe(g.q.closesAt);
  });

  it('[R4.5] nobody connected and nobody in a grace: the question waits for its time', () => {
    const g = new Game();
    const a = g.join('ann');
    g.host('start');
    g.do({ type: 'disconnect', playerId: a });
    g.now += DROP_GRACE_MS;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('question');
  });

  it('[R4.5] the connected count follows joins, drops, rejoins and removals', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cat');
    const count = () => [...g.state.players.values()].filter((p) => p.connected && !p.removed).length;
    expect(g.state.connectedCount).toBe(3);
    g.do({ type: 'disconnect', playerId: a });
    g.do({ type: 'disconnect', playerId: a });
    expect(g.state.connectedCount).toBe(count());
    g.ok({ type: 'rejoin', playerId: a, tokenHash: 't-ann' });
    g.ok({ type: 'rejoin', playerId: a, tokenHash: 't-ann' });
    expect(g.state.connectedCount).toBe(count());
    g.ok({ type: 'kick', hostTokenHash: HOST, playerId: b });
    g.do({ type: 'disconnect', playerId: c });
    g.ok({ type: 'kick', hostTokenHash: HOST, playerId: c });
    expect(g.state.connectedCount).toBe(count());
    expect(count()).toBe(1);
    expect(g.state.activeCount).toBe(1);
    expect([...g.state.nicknameKeys]).toEqual(['ann']);
  });

  it('[R4.5] the timer closes the question; an early tick does nothing', () => {
    const g = new Game();
    g.join('ann');
    g.host('start');
    g.now += 19_999;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('question');
    g.now += 1;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
  });

  it('[R4.6] answer time is measured on the server clock from the question opening', () => {
    const g = new Game();
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 4321);
    expect(g.q.answers.get(a)?.elapsedMs).toBe(4321);
  });

  it('[R4.6] a client reaction time is credited only within 1 s below the server measure', () => {
    const g = new Game();
    const ids = ['a', 'b', 'c', 'd'].map((n) => g.join(n));
    g.host('start');
    g.now += 3000;
    const send = (id: string, reactionMs: number) =>
      g.ok({ type: 'answer', playerId: id, questionIndex: 0, choiceId: g.correct(), reactionMs });
    send(ids[0]!, 2400); // 600 ms of delay made up
    send(ids[1]!, 0); // claims instant: gets at most 1 s
    send(ids[2]!, 9999); // claims slower than the server saw: the server's measure stands
    expect(g.q.answers.get(ids[0]!)?.elapsedMs).toBe(2400);
    expect(g.q.answers.get(ids[1]!)?.elapsedMs).toBe(2000);
    expect(g.q.answers.get(ids[2]!)?.elapsedMs).toBe(3000);
  });

  it('[R4.7] open-text answers are graded on the server', () => {
    const g = new Game({ mode: 'text' });
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: '  Container   Network Interface ' });
    g.ok({ type: 'answer', playerId: b, questionIndex: 0, text: 'Cluster Network Interface' });
    expect(g.q.answers.get(a)?.verdict).toBe('correct');
    expect(g.q.answers.get(b)?.verdict).toBe('incorrect');
  });

  it('[R4.7] a typed answer is locked in first and graded at the close; the room may grade it ahead', () => {
    const g = new Game({ mode: 'text' });
    const ids = ['a', 'b', 'c', 'd'].map((n) => g.join(n));
    g.host('start');
    const texts = [
      'container network interface',
      'cluster network interface',
      'cni',
      'container network interface',
    ];
    const first = g.ok({ type: 'answer', playerId: ids[0]!, questionIndex: 0, text: texts[0]! });
    // Locked in with a placeholder; its text handed to the room to grade ahead, nothing graded yet.
    expect(g.q.answers.get(ids[0]!)).toMatchObject({ verdict: 'incorrect', gradeScore: 0, matched: [] });
    expect(first.effects.filter((e) => e.type === 'gradeAhead')).toEqual([
      { type: 'gradeAhead', cardId: g.q.cardId, text: texts[0] },
    ]);
    const second = g.ok({ type: 'answer', playerId: ids[1]!, questionIndex: 0, text: texts[1]! });
    expect(second.effects.filter((e) => e.type === 'gradeAhead')).toHaveLength(1);
    expect(g.q.ungraded).toEqual([ids[0], ids[1]]);
    expect(g.q.answers.get(ids[1]!)?.verdict).toBe('incorrect');
    // Two more arrive and the question closes when all have answered: the close grades every one of them.
    g.ok({ type: 'answer', playerId: ids[2]!, questionIndex: 0, text: texts[2]! });
    g.ok({ type: 'answer', playerId: ids[3]!, questionIndex: 0, text: texts[3]! });
    expect(g.state.phase).toBe('reveal');
    expect(g.q.ungraded).toEqual([]);
    expect(g.q.answers.get(ids[0]!)?.verdict).toBe('correct');
    expect(g.q.answers.get(ids[1]!)?.verdict).toBe('incorrect');
    expect(g.q.answers.get(ids[3]!)?.verdict).toBe('correct');
    expect(g.score(ids[3]!)).toBeGreaterThan(0);
  });

  it('[R4.7] the close grades through the grades it is given (the room\'s, graded ahead or not)', () => {
    const g = new Game({ mode: 'text' });
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'anything at all' });
    const asked: string[] = [];
    const grades = { grade: (_card: unknown, text: string) => (asked.push(text), { verdict: 'partial' as const, score: 0.5, matched: ['m'], missing: [], unsure: false, explanation: '', group: 'g' }) };
    const r = apply(g.state, { type: 'reveal', hostTokenHash: HOST }, { ...g.ctx(), grades });
    expect(asked).toEqual(['anything at all']);
    expect(r.state.questions[0]?.answers.get(a)).toMatchObject({ verdict: 'partial', gradeScore: 0.5, matched: ['m'] });
  });

  it('[R4.7] identical texts share one grading, but an override changes only that player', () => {
    const g = new Game({ mode: 'text' });
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'cluster network interface' });
    g.ok({ type: 'answer', playerId: b, questionIndex: 0, text: 'cluster network interface' });
    expect(g.state.phase).toBe('reveal');
    expect(g.q.answers.get(a)).toMatchObject({ verdict: 'incorrect', gradeScore: 0 });
    expect(g.q.answers.get(b)).toMatchObject({ verdict: 'incorrect', gradeScore: 0 });
    g.ok({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: a, accept: true });
    expect(g.q.answers.get(a)).toMatchObject({ verdict: 'correct', gradeScore: 1, overridden: true });
    expect(g.q.answers.get(b)).toMatchObject({ verdict: 'incorrect', gradeScore: 0, overridden: false });
    expect(g.score(a)).toBeGreaterThan(0);
    expect(g.score(b)).toBe(0);
  });

  it('[R4.7] choice answers need no grading; ending mid-question still stores graded verdicts', () => {
    const c = new Game();
    const p = c.join('ann');
    c.join('bob');
    c.host('start');
    expect(c.answerChoice(p, c.correct()).effects.some((e) => e.type === 'gradeAhead')).toBe(false);
    expect(c.q.ungraded).toEqual([]);

    const g = new Game({ mode: 'text' });
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'container network interface' });
    const ended = g.host('end');
    const closed = ended.effects.find((e) => e.type === 'persist' && e.op.op === 'questionClosed');
    expect(
      closed?.type === 'persist' && closed.op.op === 'questionClosed' && closed.op.answers[0]?.verdict,
    ).toBe('correct');
  });
});

describe('scoring', () => {
  const s = settings();
  it('[R5.1] 1000 when instant, 500 at the limit, linear between, clamped', () => {
    expect(basePoints(s, 0, 1)).toBe(1000);
    expect(basePoints(s, 10_000, 1)).toBe(750);
    expect(basePoints(s, 20_000, 1)).toBe(500);
    expect(basePoints(s, 99_000, 1)).toBe(500);
    expect(basePoints(s, -5, 1)).toBe(1000);
  });

  it('[R5.2] partial answers earn their share; wrong answers earn 0', () => {
    expect(basePoints(s, 0, 0.5)).toBe(500);
    expect(basePoints(s, 0, 0)).toBe(0);
  });

  it('[R5.3] speed bonus off gives 1000 flat; points off gives 0', () => {
    expect(basePoints(settings({ speedBonus: false }), 15_000, 1)).toBe(1000);
    expect(basePoints(settings({ points: false }), 0, 1)).toBe(0);
    expect(streakBonus(settings({ points: false }), 5)).toBe(0);
  });

  it('[R5.4] streak bonus +100 per earlier consecutive correct answer, capped at +500', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => streakBonus(s, n))).toEqual([
      0, 100, 200, 300, 400, 500, 500, 500,
    ]);
  });

  it('[R5.4] a wrong answer resets the streak; a skipped question does not', () => {
    const g = new Game({ speedBonus: false }, ['c1', 'c2', 'c3', 'c4']);
    const a = g.join('ann');
    g.host('start');
    g.answerChoice(a, g.correct()); // 1000
    g.host('next');
    g.host('next');
    g.answerChoice(a, g.correct()); // 1000 + 100
    expect(g.score(a)).toBe(2100);
    g.host('next');
    g.host('next');
    g.host('skip'); // question 3 voided: streak stays 2
    expect(g.state.players.get(a)?.streak).toBe(2);
    g.answerChoice(a, g.correct()); // third in a row: +200
    expect(g.score(a)).toBe(2100 + 1200);
  });

  it('[R5.5] missing an answer earns 0 and resets the streak', () => {
    const g = new Game({ speedBonus: false });
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct());
    g.answerChoice(b, g.correct());
    g.host('next');
    g.host('next');
    g.answerChoice(b, g.correct());
    g.now += 20_000;
    g.ok({ type: 'tick' });
    expect(g.state.players.get(a)?.streak).toBe(0);
    expect(g.score(a)).toBe(1000);
    expect(g.score(b)).toBe(2100);
  });
});

describe('ranking', () => {
  it('[R6.1][R6.2] ranks by score, then correct answers, then time, then join order', () => {
    const g = new Game({ speedBonus: false });
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cat');
    g.host('start');
    g.answerChoice(b, g.correct(), 3000);
    g.answerChoice(a, g.correct(), 1000); // same points as bob (no speed bonus) but slower total time
    g.answerChoice(c, g.wrong(), 10);
    expect(g.state.ranking).toEqual([b, a, c]);
    expect(g.state.players.get(b)?.rank).toBe(1);
    expect(g.state.players.get(c)?.rank).toBe(3);
  });
});

describe('host flow', () => {
  it('[R3.1] start only from the lobby', () => {
    const g = new Game();
    g.join('ann');
    g.host('start');
    expect(g.do({ type: 'start', hostTokenHash: HOST }).error?.code).toBe('wrong_phase');
  });

  it('[R3.2] mixed mode follows the card preference, else alternates', () => {
    expect(questionKind('mixed', { prompt: 'p', answer: 'a', mode: 'text' }, 0)).toBe('text');
    expect(questionKind('mixed', { prompt: 'p', answer: 'a' }, 0)).toBe('choice');
    expect(questionKind('mixed', { prompt: 'p', answer: 'a' }, 1)).toBe('text');
    expect(questionKind('choice', { prompt: 'p', answer: 'a', mode: 'text' }, 1)).toBe('choice');
  });

  it('[R3.3] curated choices are used and shuffled; otherwise distractors come from other cards', () => {
    const [c1, c2] = CARDS;
    if (!c1 || !c2) throw new Error('cards');
    const curated = buildChoices(c1, CARDS, seededRng(1));
    expect(curated.choices.map((c) => c.text).sort()).toEqual(c1.card.choices?.map((c) => c.text).sort());
    expect(curated.choices.find((c) => c.id === curated.correctChoiceId)?.text).toBe(
      'Container Network Interface',
    );
    const orders = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        buildChoices(c1, CARDS, seededRng(seed))
          .choices.map((c) => c.text)
          .join('|'),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
    const drawn = buildChoices(c2, CARDS, seededRng(3));
    expect(drawn.choices).toHaveLength(4);
    expect(drawn.choices.find((c) => c.id === drawn.correctChoiceId)?.text).toBe(shortAnswer(c2.card));
    expect(new Set(drawn.choices.map((c) => c.text)).size).toBe(4);
  });

  it('[R3.3] a one-card deck asks open text instead of a one-option choice', () => {
    const g = new Game({ mode: 'choice' }, ['c2']);
    g.state.cards = new Map([['c2', CARDS[1]!]]);
    g.join('ann');
    g.host('start');
    expect(g.q.kind).toBe('text');
  });

  it('[R3.4] reveal closes the open question now', () => {
    const g = new Game();
    g.join('ann');
    g.host('start');
    g.now += 5000;
    g.host('reveal');
    expect(g.state.phase).toBe('reveal');
    expect(g.q.closedAt).toBe(g.now);
    expect(g.do({ type: 'reveal', hostTokenHash: HOST }).error?.code).toBe('wrong_phase');
  });

  it('[R3.5] auto-advance moves from reveal to leaderboard to the next question', () => {
    const g = new Game({ autoAdvance: true, autoAdvanceSec: 5 });
    const a = g.join('ann');
    g.host('start');
    g.answerChoice(a, g.correct(), 1000);
    expect(g.effects).toContainEqual({ type: 'timer', at: g.now + 5000 });
    g.now += 5000;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('leaderboard');
    g.now += 5000;
    g.ok({ type: 'tick' });
    expect(g.state.phase).toBe('question');
    expect(g.q.index).toBe(1);
  });

  it('[R3.6] skip voids the open question and opens the next', () => {
    const g = new Game();
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct());
    g.host('skip');
    expect(g.state.phase).toBe('question');
    expect(g.q.index).toBe(1);
    expect(g.state.questions[0]?.skipped).toBe(true);
    expect(g.score(a)).toBe(0);
  });

  it('[R3.7] end finishes from any phase and voids an open question', () => {
    const g = new Game();
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct());
    g.host('end');
    expect(g.state.phase).toBe('finished');
    expect(g.state.questions[0]?.skipped).toBe(true);
    expect(g.score(a)).toBe(0);
    expect(g.effects).toContainEqual(
      expect.objectContaining({ type: 'persist', op: expect.objectContaining({ op: 'roomFinished' }) }),
    );
  });
});

describe('stale host commands', () => {
  /** A room at the leaderboard after question 1, both players having answered. */
  function atLeaderboard(): { g: Game; a: string; b: string } {
    const g = new Game({}, ['c1', 'c2', 'c3']);
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 500);
    g.answerChoice(b, g.wrong(), 500);
    g.host('next');
    expect(g.state.phase).toBe('leaderboard');
    return { g, a, b };
  }

  it('[R3.8] two `next` from the leaderboard at once open the next question once; the second is refused', () => {
    const { g } = atLeaderboard();
    const tap = { type: 'next' as const, hostTokenHash: HOST, phase: 'leaderboard' as const, questionIndex: 0 };
    g.ok(tap);
    expect(g.state.phase).toBe('question');
    expect(g.q.index).toBe(1);
    const before = JSON.stringify([...g.state.players.values()]);
    const second = g.do(tap);
    expect(second.error?.code).toBe('stale_command');
    expect(second.error?.message).toMatch(/question 2, open/);
    expect(second.effects).toEqual([]);
    // Question 2 stays open, for answers.
    expect(g.state.phase).toBe('question');
    expect(g.q.closedAt).toBeNull();
    expect(JSON.stringify([...g.state.players.values()])).toBe(before);
  });

  it('[R3.8] without them the same two `next` move on twice, as before (clients that name nothing)', () => {
    const { g } = atLeaderboard();
    g.host('next');
    g.host('next');
    expect(g.state.phase).toBe('reveal');
    expect(g.q.index).toBe(1);
    expect(g.q.answers.size).toBe(0);
  });

  it('[R3.8] a phase or a question index alone is checked too', () => {
    const { g } = atLeaderboard();
    expect(g.do({ type: 'next', hostTokenHash: HOST, phase: 'reveal' }).error?.code).toBe('stale_command');
    expect(g.do({ type: 'skip', hostTokenHash: HOST, questionIndex: 1 }).error?.code).toBe('stale_command');
    expect(g.state.phase).toBe('leaderboard');
    g.ok({ type: 'next', hostTokenHash: HOST, questionIndex: 0 });
    expect(g.state.phase).toBe('question');
    expect(g.do({ type: 'reveal', hostTokenHash: HOST, phase: 'question', questionIndex: 0 }).error?.code).toBe(
      'stale_command',
    );
    g.ok({ type: 'reveal', hostTokenHash: HOST, phase: 'question', questionIndex: 1 });
    expect(g.state.phase).toBe('reveal');
  });

  it('[R3.8] `start` from the lobby twice starts once; `end` naming a past phase is refused', () => {
    const g = new Game();
    g.join('ann');
    g.ok({ type: 'start', hostTokenHash: HOST, phase: 'lobby' });
    const again = g.do({ type: 'start', hostTokenHash: HOST, phase: 'lobby' });
    expect(again.error?.code).toBe('stale_command');
    expect(again.error?.message).toMatch(/question 1, open/);
    // In the lobby there is no current question: naming one is stale.
    const g2 = new Game();
    g2.join('ann');
    expect(g2.do({ type: 'start', hostTokenHash: HOST, questionIndex: 0 }).error?.code).toBe('stale_command');
    expect(g.do({ type: 'end', hostTokenHash: HOST, phase: 'reveal' }).error?.code).toBe('stale_command');
    g.ok({ type: 'end', hostTokenHash: HOST, phase: 'question', questionIndex: 0 });
    expect(g.state.phase).toBe('finished');
  });

  it('[R3.8][R2.1] a stale command with a wrong token is refused as not_host first', () => {
    const { g } = atLeaderboard();
    expect(g.do({ type: 'next', hostTokenHash: 'x'.repeat(64), phase: 'reveal' }).error?.code).toBe('not_host');
  });
});

describe('override', () => {
  it('[R7.1][R7.2] accepting a rejected answer re-scores it and later streak bonuses at once', () => {
    const g = new Game({ mode: 'text', speedBonus: false });
    const a = g.join('ann');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'a networking thing' });
    expect(g.q.answers.get(a)?.verdict).toBe('incorrect');
    g.host('next');
    g.host('next');
    g.ok({ type: 'answer', playerId: a, questionIndex: 1, text: 'kube-proxy' });
    const q2 = g.q.answers.get(a);
    expect(q2?.verdict).toBe('correct');
    expect(g.score(a)).toBe(1000);
    const r = g.ok({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: a, accept: true });
    expect(g.state.questions[0]?.answers.get(a)).toMatchObject({
      verdict: 'correct',
      overridden: true,
      points: 1000,
    });
    expect(q2?.points).toBe(1100); // second in a row now
    expect(g.score(a)).toBe(2100);
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'persist' }));
    g.ok({ type: 'override', hostTokenHash: HOST, questionIndex: 1, playerId: a, accept: false });
    expect(g.score(a)).toBe(1000);
  });

  it('[R7.1] override is refused on an open question or a missing answer', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct());
    expect(
      g.do({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: a, accept: false }).error
        ?.code,
    ).toBe('wrong_phase');
    g.host('reveal');
    expect(
      g.do({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: b, accept: true }).error
        ?.code,
    ).toBe('no_such_answer');
  });
});

describe('effects', () => {
  it('[R8.2] each answer is one row to store before its ack; the close stores every verdict in one op', () => {
    const g = new Game();
    const ids = ['a', 'b', 'c'].map((n) => g.join(n));
    g.host('start');
    const persisted: string[][] = [];
    ids.slice(0, 2).forEach((id) => {
      g.answerChoice(id, g.correct());
      persisted.push(g.effects.flatMap((e) => (e.type === 'persist' ? [e.op.op] : [])));
    });
    expect(persisted).toEqual([['answerLocked'], ['answerLocked']]);
    g.answerChoice(ids[2]!, g.wrong());
    const ops = g.effects.flatMap((e) => (e.type === 'persist' ? [e.op] : []));
    expect(ops.map((o) => o.op)).toEqual(['answerLocked', 'questionClosed', 'phaseChanged']);
    const closed = ops[1];
    expect(closed?.op === 'questionClosed' && closed.answers.length).toBe(3);
  });

  it('[R8.2] rows to save are copies: a later change to the game does not change what was emitted', () => {
    const g = new Game();
    const a = g.join('ann');
    const joined = g.effects.find((e) => e.type === 'persist' && e.op.op === 'playerJoined');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 1000);
    g.answerChoice(b, g.wrong(), 2000);
    const closed = g.effects.find((e) => e.type === 'persist' && e.op.op === 'questionClosed');
    const before = JSON.stringify([joined, closed]);
    g.ok({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: a, accept: false });
    g.ok({ type: 'linkProfile', playerId: a, profileId: 'profile-1' });
    g.host('next');
    g.host('end');
    expect(JSON.stringify([joined, closed])).toBe(before);
    expect(closed?.type === 'persist' && closed.op.op === 'questionClosed' && closed.op.answers.find((x) => x.playerId === a)?.verdict).toBe('correct');
    expect(joined?.type === 'persist' && joined.op.op === 'playerJoined' && joined.op.player.profileId).toBeNull();
  });

  it('[R7.2] an override saves the answer, the later answers whose points changed, and the new totals', () => {
    const g = new Game({ mode: 'text', speedBonus: false });
    const a = g.join('ann');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'a networking thing' });
    g.host('next');
    g.host('next');
    g.ok({ type: 'answer', playerId: a, questionIndex: 1, text: 'kube-proxy' });
    g.host('next');
    g.host('next');
    g.ok({ type: 'answer', playerId: a, questionIndex: 2, text: 'no idea' });
    const r = g.ok({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: a, accept: true });
    const saved = r.effects.find((e) => e.type === 'persist');
    expect(saved?.type === 'persist' && saved.op).toEqual({
      op: 'answerOverridden',
      answer: expect.objectContaining({ playerId: a, questionIndex: 0, verdict: 'correct', gradeScore: 1, points: 1000, overridden: true }),
      // Question 1 is now the second right answer in a row (+100); question 2 was wrong and stays at 0.
      laterPoints: [{ playerId: a, questionIndex: 1, points: 1100 }],
      totals: [{ id: a, score: 2100, correctCount: 2, answeredCount: 3, rank: 1 }],
    });
  });

  it('[R7.3] a group of answers that say the same thing is settled with one command', () => {
    const g = new Game({ mode: 'text', speedBonus: false });
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cat');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'cluster network interface' });
    g.ok({ type: 'answer', playerId: b, questionIndex: 0, text: 'Cluster Network Interface!' });
    g.ok({ type: 'answer', playerId: c, questionIndex: 0, text: 'container network interface' });
    const group = g.q.answers.get(a)!.group;
    expect(group).not.toBe('');
    expect(g.q.answers.get(b)!.group).toBe(group);
    expect(g.q.answers.get(c)!.group).not.toBe(group);
    const r = g.ok({ type: 'overrideGroup', hostTokenHash: HOST, questionIndex: 0, group, accept: true });
    for (const id of [a, b]) {
      expect(g.q.answers.get(id)).toMatchObject({ verdict: 'correct', gradeScore: 1, overridden: true, unsure: false, explanation: 'accepted by the host' });
      expect(g.score(id)).toBe(1000);
    }
    expect(g.q.answers.get(c)).toMatchObject({ verdict: 'correct', overridden: false });
    // one saved row per answer, each with the new totals
    expect(r.effects.filter((e) => e.type === 'persist' && e.op.op === 'answerOverridden')).toHaveLength(2);
    expect(
      g.do({ type: 'overrideGroup', hostTokenHash: HOST, questionIndex: 0, group: 'no such group', accept: true }).error?.code,
    ).toBe('no_such_answer');
    expect(
      g.do({ type: 'overrideGroup', hostTokenHash: 'x'.repeat(64), questionIndex: 0, group, accept: false }).error?.code,
    ).toBe('not_host');
  });

  it('[R7.4] every override of a typed answer, alone or by group, tells the room what the deck learns', () => {
    const g = new Game({ mode: 'text' });
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'cluster network interface' });
    g.ok({ type: 'answer', playerId: b, questionIndex: 0, text: 'Cluster network interface' });
    const one = g.ok({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: a, accept: false });
    expect(one.effects).toContainEqual({
      type: 'learn',
      deckId: g.state.deckId,
      cardId: 'c1',
      examples: [{ text: 'cluster network interface', verdict: 'wrong' }],
    });
    const all = g.ok({ type: 'overrideGroup', hostTokenHash: HOST, questionIndex: 0, group: g.q.answers.get(a)!.group, accept: true });
    const learn = all.effects.find((e) => e.type === 'learn');
    expect(learn?.type === 'learn' && learn.examples.map((e) => e.verdict)).toEqual(['accept', 'accept']);
    expect(learn?.type === 'learn' && learn.examples.map((e) => e.text).sort()).toEqual(['Cluster network interface', 'cluster network interface']);
    // a choice question teaches nothing
    const c = new Game({ mode: 'choice' });
    const p = c.join('ann');
    c.host('start');
    c.answerChoice(p, c.wrong(), 100);
    expect(c.ok({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: p, accept: true }).effects.some((e) => e.type === 'learn')).toBe(false);
  });

  it('[R10.1] a refused command returns no effects and leaves the state as it was', () => {
    const g = new Game();
    g.join('ann');
    const before = structuredClone(g.state);
    const r = apply(
      g.state,
      { type: 'answer', playerId: 'nobody', questionIndex: 0, choiceId: 'a' },
      g.ctx(),
    );
    expect(r.error?.code).toBe('unknown_player');
    expect(r.effects).toEqual([]);
    expect(g.state).toEqual(before);
  });
});
