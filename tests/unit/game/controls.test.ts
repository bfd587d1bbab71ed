import { describe, expect, it } from 'vitest';
import { LEAD_IN_MS } from '../../../src/game/controls';
import { hostView, playerView, publicView } from '../../../src/game/views';
import { Game, HOST } from './helpers';

const timers = (g: Game) => g.effects.filter((e) => e.type === 'timer').map((e) => (e.type === 'timer' ? e.at : -1));

describe('host controls', () => {
  it('[R14.1] pause stops the clock: no alarm, time left frozen, answers refused; resume starts it again', () => {
    const g = new Game();
    const a = g.join('ann');
    g.host('start');
    const q = g.q;
    g.now += 5_000;
    g.ok({ type: 'pause', hostTokenHash: HOST });
    expect(timers(g)).toEqual([null]);
    const paused = publicView(g.state, g.now + 7_000);
    expect(paused.paused).toBe(true);
    expect(paused.question?.remainingMs).toBe(15_000);
    g.now += 30_000; // far past the original deadline
    expect(g.answerChoice(a, g.correct()).error?.code).toBe('paused');
    expect(g.do({ type: 'tick' }).effects).toEqual([]);
    expect(g.state.phase).toBe('question');
    g.ok({ type: 'resume', hostTokenHash: HOST });
    expect(q.closesAt).toBe(q.openedAt + 20_000 + 30_000);
    expect(timers(g)).toEqual([q.closesAt]);
    expect(publicView(g.state, g.now).paused).toBeUndefined();
    expect(publicView(g.state, g.now).question?.remainingMs).toBe(15_000);
  });

  it('[R14.1] pause is refused in the lobby and twice; resume needs a pause; both need the host', () => {
    const g = new Game();
    g.join('ann');
    expect(g.do({ type: 'pause', hostTokenHash: HOST }).error?.code).toBe('wrong_phase');
    g.host('start');
    expect(g.do({ type: 'pause', hostTokenHash: 'x'.repeat(64) }).error?.code).toBe('not_host');
    expect(g.do({ type: 'resume', hostTokenHash: HOST }).error?.code).toBe('wrong_phase');
    g.ok({ type: 'pause', hostTokenHash: HOST });
    expect(g.do({ type: 'pause', hostTokenHash: HOST }).error?.code).toBe('paused');
  });

  it('[R14.2] the time paused is not counted in the answer time (scores from server time)', () => {
    const paused = new Game();
    const a = paused.join('ann');
    paused.host('start');
    paused.now += 2_000;
    paused.ok({ type: 'pause', hostTokenHash: HOST });
    paused.now += 60_000;
    paused.ok({ type: 'resume', hostTokenHash: HOST });
    paused.answerChoice(a, paused.correct(), 2_000);
    const straight = new Game();
    const b = straight.join('bob');
    straight.host('start');
    straight.answerChoice(b, straight.correct(), 4_000);
    expect(paused.state.questions[0]?.answers.get(a)?.elapsedMs).toBe(4_000);
    expect(paused.score(a)).toBe(straight.score(b));
    expect(paused.score(a)).toBeGreaterThan(850);
  });

  it('[R14.1] moving on while paused resumes first; the reveal is not left paused', () => {
    const g = new Game({ autoAdvance: true });
    g.join('ann');
    g.host('start');
    g.ok({ type: 'pause', hostTokenHash: HOST });
    g.now += 10_000;
    g.host('reveal');
    expect(g.state.phase).toBe('reveal');
    expect(g.state.pausedAt).toBeNull();
    expect(timers(g)).toEqual([g.now + 8_000]);
  });

  it('[R14.1] a pause also holds the auto-advance countdown of the reveal', () => {
    const g = new Game({ autoAdvance: true });
    g.join('ann');
    g.host('start');
    g.host('reveal');
    const endsAt = g.state.phaseEndsAt ?? 0;
    g.now += 1_000;
    g.ok({ type: 'pause', hostTokenHash: HOST });
    g.now += 20_000;
    g.do({ type: 'tick' });
    expect(g.state.phase).toBe('reveal');
    g.ok({ type: 'resume', hostTokenHash: HOST });
    expect(g.state.phaseEndsAt).toBe(endsAt + 20_000);
  });

  it('[R14.3] add time moves the deadline and the shown limit; only on an open question, 1..60 s', () => {
    const g = new Game();
    const a = g.join('ann');
    expect(g.do({ type: 'addTime', hostTokenHash: HOST, seconds: 10 }).error?.code).toBe('wrong_phase');
    g.host('start');
    const before = g.q.closesAt;
    g.ok({ type: 'addTime', hostTokenHash: HOST, seconds: 10 });
    expect(g.q.closesAt).toBe(before + 10_000);
    expect(timers(g)).toEqual([before + 10_000]);
    expect(publicView(g.state, g.now).question?.timeLimitMs).toBe(30_000);
    expect(g.do({ type: 'addTime', hostTokenHash: HOST, seconds: 0 }).error?.code).toBe('invalid_answer');
    expect(g.do({ type: 'addTime', hostTokenHash: HOST, seconds: 61 }).error?.code).toBe('invalid_answer');
    g.now += 25_000; // past the original 20 s, inside the extra time
    expect(g.answerChoice(a, g.correct()).error).toBeUndefined();
    expect(g.score(a)).toBe(500); // speed points bottom out at the room's limit
  });

  it('[R14.4] a locked room refuses new players; rejoining with a token still works; unlock lets them in', () => {
    const g = new Game();
    const a = g.join('ann');
    g.ok({ type: 'setLocked', hostTokenHash: HOST, locked: true });
    expect(publicView(g.state, g.now).locked).toBe(true);
    expect(g.do({ type: 'join', playerId: 'p-bob', nickname: 'bob', tokenHash: 't-bob' }).error?.code).toBe(
      'room_locked',
    );
    g.do({ type: 'disconnect', playerId: a });
    expect(g.do({ type: 'rejoin', playerId: a, tokenHash: 't-ann' }).error).toBeUndefined();
    g.ok({ type: 'setLocked', hostTokenHash: HOST, locked: false });
    expect(g.do({ type: 'join', playerId: 'p-bob', nickname: 'bob', tokenHash: 't-bob' }).error).toBeUndefined();
  });

  it('[R14.5] with the lead-in the prompt shows first, without choices; answers open 3 s later', () => {
    const g = new Game({ leadIn: true });
    const a = g.join('ann');
    const startedAt = g.now;
    g.host('start');
    expect(timers(g)).toEqual([startedAt + LEAD_IN_MS]);
    const ready = publicView(g.state, g.now + 1_000);
    expect(ready.question?.prompt).toBe('What is CNI?');
    expect(ready.question?.choices).toEqual([]);
    expect(ready.question?.readyInMs).toBe(2_000);
    expect(ready.question?.remainingMs).toBe(20_000);
    expect(g.answerChoice(a, g.q.choices[0]?.id ?? 'a', 1_000).error?.code).toBe('question_closed');
    g.now = startedAt + LEAD_IN_MS;
    const opened = g.do({ type: 'tick' });
    expect(opened.effects.map((e) => e.type)).toEqual(['publicChanged', 'hostChanged', 'timer']);
    expect(timers(g)).toEqual([startedAt + LEAD_IN_MS + 20_000]);
    const open = publicView(g.state, g.now);
    expect(open.question?.choices).toHaveLength(4);
    expect(open.question?.readyInMs).toBeUndefined();
    g.answerChoice(a, g.correct(), 0);
    expect(g.score(a)).toBe(1000); // timed from the opening, not from the lead-in
  });

  it('[R14.5] without the setting a question opens at once', () => {
    const g = new Game();
    g.join('ann');
    g.host('start');
    expect(publicView(g.state, g.now).question?.choices).toHaveLength(4);
    expect(timers(g)).toEqual([g.now + 20_000]);
  });

  it('[R14.2] a pause during the lead-in moves the opening, not the answering time', () => {
    const g = new Game({ leadIn: true });
    g.join('ann');
    g.host('start');
    const openedAt = g.q.openedAt;
    g.now += 1_000;
    g.ok({ type: 'pause', hostTokenHash: HOST });
    g.now += 5_000;
    g.ok({ type: 'resume', hostTokenHash: HOST });
    expect(g.q.openedAt).toBe(openedAt + 5_000);
    expect(g.q.closesAt - g.q.openedAt).toBe(20_000);
    expect(timers(g)).toEqual([openedAt + 5_000]);
  });

  it('[R14.6] "Next" during a question goes past the reveal; players still get their result', () => {
    const g = new Game({}, ['c1', 'c2']);
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 1_000);
    const r = g.ok({ type: 'next', hostTokenHash: HOST, pastReveal: true });
    expect(g.state.phase).toBe('leaderboard');
    expect(r.effects).toContainEqual({ type: 'playersChanged', playerIds: 'all' });
    expect(r.effects.some((e) => e.type === 'persist' && e.op.op === 'questionClosed')).toBe(true);
    expect(playerView(g.state, g.state.players.get(a)!).result?.verdict).toBe('correct');
    // Without pastReveal, next keeps R3.4: close to the reveal.
    g.host('next');
    g.host('next');
    expect(g.state.phase).toBe('reveal');
    g.host('next');
    expect(g.state.phase).toBe('finished');
  });

  it('[R14.6] "Next" on the last question goes to the final results', () => {
    const g = new Game({}, ['c1']);
    g.join('ann');
    g.host('start');
    g.ok({ type: 'next', hostTokenHash: HOST, pastReveal: true });
    expect(g.state.phase).toBe('finished');
  });

  it('[R14.7] the host view says whether a big screen is attached, only when told', () => {
    const g = new Game();
    expect(hostView(g.state, g.now, 'u').screensAttached).toBeUndefined();
    expect(hostView(g.state, g.now, 'u', false).screensAttached).toBe(false);
    expect(hostView(g.state, g.now, 'u', true).screensAttached).toBe(true);
  });

  it('[R6.4] each player is told the place just above theirs and how far behind it they are', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cat');
    g.host('start');
    g.answerChoice(a, g.correct(), 1_000);
    g.answerChoice(b, g.correct(), 9_000);
    g.answerChoice(c, g.wrong(), 1_000);
    const view = (id: string) => playerView(g.state, g.state.players.get(id)!);
    expect(view(a).nextUp).toBeNull();
    expect(view(b).nextUp).toEqual({ rank: 1, nickname: 'ann', behind: g.score(a) - g.score(b) });
    expect(view(c).nextUp).toEqual({ rank: 2, nickname: 'bob', behind: g.score(b) });
  });
});
