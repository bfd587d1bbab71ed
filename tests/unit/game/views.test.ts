import { describe, expect, it } from 'vitest';
import { hostView, playerView, publicView } from '../../../src/game/views';
import { PublicStateSchema, YouSchema, HostStateSchema } from '../../../src/protocol';
import type { Effect } from '../../../src/game/commands';
import { Game, HOST } from './helpers';

function json(v: unknown): string {
  return JSON.stringify(v);
}

describe('what each audience sees', () => {
  it('[R9.1] while a choice question is open the public view has no correct answer, verdicts or answers', () => {
    const g = new Game();
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct(), 100);
    const view = publicView(g.state, g.now);
    expect(PublicStateSchema.parse(view)).toEqual(view);
    expect(view.reveal).toBeNull();
    expect(view.answeredCount).toBe(1);
    const text = json(view);
    expect(text).not.toContain('correct');
    expect(text).not.toContain('Container Network Interface is'); // no explanation
    expect(view.question?.choices).toHaveLength(4);
    expect(Object.keys(view.question?.choices[0] ?? {})).toEqual(['id', 'text']);
  });

  it('[R9.1] an open text question sends neither accepted answers nor the reference answer', () => {
    const g = new Game({ mode: 'text' });
    const a = g.join('ann');
    g.join('bob');
    g.host('start');
    g.ok({ type: 'answer', playerId: a, questionIndex: 0, text: 'container network interface' });
    const text = json(publicView(g.state, g.now));
    expect(text).not.toMatch(/container network interface/i);
    expect(text).not.toContain('CNI stands for');
    const mine = playerView(g.state, g.state.players.get(a)!);
    expect(mine.result).toBeNull();
    expect(json(mine)).not.toContain('correct');
  });

  it('[R9.2] the reveal shows the correct answer, explanation and distribution', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct());
    g.answerChoice(b, g.wrong());
    const view = publicView(g.state, g.now);
    expect(view.phase).toBe('reveal');
    expect(view.reveal?.correctChoiceId).toBe(g.correct());
    expect(view.reveal?.explanation).toContain('Container Network Interface');
    expect(view.reveal?.distribution.reduce((n, d) => n + d.count, 0)).toBe(2);
    expect(view.reveal?.correctCount).toBe(1);
  });

  it('[R9.2] open-text answers are grouped by similarity at the reveal, without names', () => {
    const g = new Game({ mode: 'text' }, ['c2']);
    const ids = ['a', 'b', 'c', 'd'].map((n) => g.join(n));
    g.host('start');
    const texts = ['kube-proxy', 'Kube Proxy', 'kube proxy', 'iptables'];
    ids.forEach((id, i) => g.ok({ type: 'answer', playerId: id, questionIndex: 0, text: texts[i]! }));
    const view = publicView(g.state, g.now);
    const groups = view.reveal?.groups ?? [];
    expect(groups[0]?.count).toBe(3);
    expect(groups[0]?.verdict).toBe('correct');
    expect(groups).toHaveLength(2);
    expect(json(view)).not.toContain('p-a');
  });

  it('[R9.3] a player sees their own verdict, points and ideas after the close', () => {
    const g = new Game();
    const a = g.join('ann');
    g.host('start');
    g.answerChoice(a, g.correct(), 0);
    const you = playerView(g.state, g.state.players.get(a)!);
    expect(YouSchema.parse(you)).toEqual(you);
    expect(you.result).toMatchObject({ verdict: 'correct', points: 1000, answered: true });
    expect(you.rank).toBe(1);
  });

  it('[R9.4] the host sees the correct answer while open and every answer after close', () => {
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answerChoice(a, g.correct());
    let hv = hostView(g.state, g.now, 'http://x/play/ABCDEF');
    expect(HostStateSchema.parse(hv)).toEqual(hv);
    expect(hv.correctChoiceId).toBe(g.correct());
    expect(hv.answers).toEqual([]);
    expect(hv.players.find((p) => p.id === a)?.answered).toBe(true);
    g.answerChoice(b, g.wrong());
    hv = hostView(g.state, g.now, 'http://x/play/ABCDEF');
    expect(hv.answers.map((x) => x.verdict).sort()).toEqual(['correct', 'incorrect']);
    expect(json(hv)).not.toContain('t-ann'); // rejoin tokens never leave the server
    expect(json(hv)).not.toContain(HOST);
  });

  it('[R6.3] the leaderboard shows the top 10 with movement; the end shows the ranking', () => {
    const g = new Game({}, ['c1', 'c2']);
    const ids = Array.from({ length: 12 }, (_, i) => g.join(`p${i}`));
    g.host('start');
    ids.forEach((id, i) => g.answerChoice(id, i % 2 ? g.correct() : g.wrong(), 10));
    g.host('next');
    const lb = publicView(g.state, g.now);
    expect(lb.phase).toBe('leaderboard');
    expect(lb.leaderboard).toHaveLength(10);
    expect(lb.leaderboard[0]?.rank).toBe(1);
    g.host('next');
    ids.forEach((id, i) => g.answerChoice(id, i % 2 ? g.wrong() : g.correct(), 10));
    g.host('next');
    const fin = publicView(g.state, g.now);
    expect(fin.phase).toBe('finished');
    expect(fin.leaderboard).toHaveLength(12);
    expect(fin.leaderboard.some((r) => r.movement !== 0)).toBe(true);
  });

  it('[R9.5] a player view goes out at the close, not when a question opens or the leaderboard shows', () => {
    const toPlayers = (effects: Effect[]) => effects.filter((e) => e.type === 'playersChanged');
    const g = new Game();
    const a = g.join('ann');
    const b = g.join('bob');
    const opened = g.host('start');
    expect(opened.effects.some((e) => e.type === 'publicChanged')).toBe(true);
    expect(toPlayers(opened.effects)).toEqual([]);
    g.answerChoice(a, g.correct(), 100);
    expect(toPlayers(g.effects)).toEqual([]); // the ack says "locked in"
    g.answerChoice(b, g.wrong(), 100); // everyone answered: the question closes
    expect(g.state.phase).toBe('reveal');
    expect(toPlayers(g.effects)).toEqual([{ type: 'playersChanged', playerIds: 'all' }]);
    const afterClose = playerView(g.state, g.state.players.get(a)!);
    const board = g.host('next');
    expect(g.state.phase).toBe('leaderboard');
    expect(toPlayers(board.effects)).toEqual([]);
    // Nothing a player sees of themselves changed, so nothing had to be sent.
    expect(playerView(g.state, g.state.players.get(a)!)).toEqual(afterClose);
    const second = g.host('next');
    expect(g.state.phase).toBe('question');
    expect(toPlayers(second.effects)).toEqual([]);
    const atOpen = playerView(g.state, g.state.players.get(a)!);
    // Only the stale answer/result differ, and they name the previous question's index.
    expect({ ...atOpen, answered: afterClose.answered, result: afterClose.result }).toEqual(afterClose);
    expect(afterClose.result?.questionIndex).toBe(0);
    expect(g.q.index).toBe(1);
  });
});
