import { describe, expect, it } from 'vitest';
import { accuracy, averageMs, compareStandings, movements, rankStandings, type Standing } from '../../../src/boards/ranking';

const s = (id: string, over: Partial<Standing> = {}): Standing => ({
  id,
  points: 1000,
  correct: 1,
  answered: 2,
  answerMs: 10_000,
  achievedAt: Date.UTC(2026, 0, 1),
  ...over,
});

const order = (rows: Standing[]) => rankStandings(rows).map((r) => r.id);

describe('cross-session ranking', () => {
  it('[R11.3] more points first', () => {
    expect(order([s('a', { points: 10 }), s('b', { points: 30 }), s('c', { points: 20 })])).toEqual(['b', 'c', 'a']);
  });

  it('[R11.3] equal points: higher accuracy first, compared exactly (2/3 beats 3/5, 1/3 ties 2/6)', () => {
    expect(order([s('low', { correct: 3, answered: 5 }), s('high', { correct: 2, answered: 3 })])).toEqual(['high', 'low']);
    // 1/3 and 2/6 with the same average time (3 s) tie on both: the id decides.
    const a = s('a', { correct: 1, answered: 3, answerMs: 9000 });
    const b = s('b', { correct: 2, answered: 6, answerMs: 18_000 });
    expect(compareStandings(a, b)).toBeLessThan(0);
    expect(compareStandings({ ...a, id: 'z' }, b)).toBeGreaterThan(0);
  });

  it('[R11.3] no answers ranks below 0% accuracy and below any speed', () => {
    expect(order([s('none', { correct: 0, answered: 0, answerMs: 0 }), s('zero', { correct: 0, answered: 4 })])).toEqual(['zero', 'none']);
  });

  it('[R11.3] equal points and accuracy: faster average answer time first', () => {
    expect(order([s('slow', { answerMs: 20_000 }), s('fast', { correct: 2, answered: 4, answerMs: 8000 })])).toEqual(['fast', 'slow']);
  });

  it('[R11.3] then the earlier achievement, then the profile id, so ranks never tie', () => {
    expect(order([s('late', { achievedAt: 2 }), s('early', { achievedAt: 1 })])).toEqual(['early', 'late']);
    expect(order([s('b'), s('a'), s('c')])).toEqual(['a', 'b', 'c']);
    expect(rankStandings([s('b'), s('a')]).map((r) => r.rank)).toEqual([1, 2]);
  });

  it('[R11.3] the order is total and consistent (antisymmetric) over many random standings', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const rows = Array.from({ length: 300 }, (_, i) =>
      s(`p${i}`, {
        points: Math.floor(rnd() * 4) * 100,
        correct: Math.floor(rnd() * 3),
        answered: 2 + Math.floor(rnd() * 2),
        answerMs: Math.floor(rnd() * 3) * 1000,
        achievedAt: Math.floor(rnd() * 3),
      }),
    );
    for (const a of rows.slice(0, 60)) {
      for (const b of rows.slice(0, 60)) {
        expect(Math.sign(compareStandings(a, b))).toBe(-Math.sign(compareStandings(b, a)) || 0);
      }
    }
    const ranked = rankStandings(rows);
    const again = rankStandings([...rows].reverse());
    expect(again.map((r) => r.id)).toEqual(ranked.map((r) => r.id));
  });

  it('[R11.4] movement: places gained since the previous board; null for newcomers', () => {
    const previous = rankStandings([s('a', { points: 3 }), s('b', { points: 2 }), s('c', { points: 1 })]);
    const current = rankStandings([s('c', { points: 9 }), s('a', { points: 3 }), s('new', { points: 2 }), s('b', { points: 2, achievedAt: 9e12 })]);
    expect(Object.fromEntries(movements(current, previous))).toEqual({ c: 2, a: -1, new: null, b: -2 });
  });

  it('accuracy and average time are null without answers', () => {
    expect(accuracy(0, 0)).toBeNull();
    expect(accuracy(1, 4)).toBe(0.25);
    expect(averageMs(0, 0)).toBeNull();
    expect(averageMs(10_001, 2)).toBe(5001);
  });
});
