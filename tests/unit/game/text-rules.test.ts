import { describe, expect, it } from 'vitest';
import { Game } from './helpers';

/**
 * The text policy as the game applies it to nicknames and typed answers (issue 11, findings 1 and 8): refused
 * text changes nothing and is never in a row to store; look-alike names clash.
 */

const persisted = (g: Game) => JSON.stringify(g.effects.filter((e) => e.type === 'persist'));

describe('text rules of the game', () => {
  it('[R2.2] a nickname with NUL or another control character is refused with invalid_nickname; nothing to store', () => {
    const g = new Game();
    for (const nickname of ['ann\u0000', '\u0000', 'bo\u001bb', 'c\u0085d']) {
      const r = g.do({ type: 'join', playerId: `p${nickname.length}`, nickname, tokenHash: 't' });
      expect(r.error?.code, JSON.stringify(nickname)).toBe('invalid_nickname');
      expect(r.error?.message).toMatch(/control character \(U\+/);
      expect(r.effects).toEqual([]);
    }
    expect(g.state.players.size).toBe(0);
  });

  it('[R2.2] zero-width and bidi characters are removed from a nickname; a name of only those is empty', () => {
    const g = new Game();
    g.ok({ type: 'join', playerId: 'p1', nickname: '\u202escore: 1000', tokenHash: 't' });
    expect(g.state.players.get('p1')?.nickname).toBe('score: 1000');
    expect(persisted(g)).not.toMatch(/\\u202e|\u202e/);
    const blank = g.do({ type: 'join', playerId: 'p2', nickname: '\u200b\u200b \u2066', tokenHash: 't' });
    expect(blank.error?.code).toBe('invalid_nickname');
  });

  it('[R2.3] "alice", "alice" + zero-width space and Cyrillic "аlice" cannot sit in one room', () => {
    const g = new Game();
    g.join('alice');
    for (const n of ['alice\u200b', 'ali\u200bce', '\u0430lice', 'ＡＬＩＣＥ', 'al\u0456ce']) {
      const r = g.do({ type: 'join', playerId: `p-${encodeURIComponent(n)}`, nickname: n, tokenHash: 't' });
      expect(r.error?.code, JSON.stringify(n)).toBe('nickname_taken');
    }
    // Once alice is removed, a look-alike may take the name [R2.7].
    g.ok({ type: 'kick', hostTokenHash: 'h'.repeat(64), playerId: 'p-alice' });
    g.ok({ type: 'join', playerId: 'p-cyr', nickname: '\u0430lice', tokenHash: 't' });
  });

  it('[R4.4] a typed answer with NUL is refused with invalid_answer and not locked in', () => {
    const g = new Game({ mode: 'text' });
    const p = g.join('ann');
    g.host('start');
    const r = g.do({ type: 'answer', playerId: p, questionIndex: 0, text: 'kube\u0000proxy' });
    expect(r.error?.code).toBe('invalid_answer');
    expect(r.error?.message).toMatch(/U\+0000/);
    expect(g.q.answers.size).toBe(0);
    // The player may still answer properly.
    g.ok({ type: 'answer', playerId: p, questionIndex: 0, text: 'kube-proxy' });
    expect(g.q.answers.get(p)?.text).toBe('kube-proxy');
  });

  it('[R4.4] a whitespace-only (or invisible-only) typed answer is refused, not locked in', () => {
    const g = new Game({ mode: 'text' });
    const p = g.join('ann');
    g.join('bob');
    g.host('start');
    for (const text of ['', '   ', '\t \n', '\u200b\u200b']) {
      const r = g.do({ type: 'answer', playerId: p, questionIndex: 0, text });
      expect(r.error?.code, JSON.stringify(text)).toBe('invalid_answer');
    }
    expect(g.q.answers.size).toBe(0);
    expect(g.state.phase).toBe('question');
  });

  it('[R4.4] invisible characters are removed from a typed answer before it is stored and graded', () => {
    const g = new Game({ mode: 'text' });
    const p = g.join('ann');
    g.join('bob');
    g.host('start');
    g.ok({ type: 'answer', playerId: p, questionIndex: 0, text: 'kube\u200b-proxy\u202e' });
    expect(g.q.answers.get(p)?.text).toBe('kube-proxy');
  });
});
