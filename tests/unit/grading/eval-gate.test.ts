import { describe, expect, it } from 'vitest';
import { computeMetrics, gradeAnswer, compileCard, type GradingCard } from '../../../src/game/grading';
import { builtinDeck, evalRows } from './helpers';

describe('eval set gate (hand-labelled answers)', () => {
  const deck = builtinDeck();
  const compiled = new Map<string, GradingCard>(deck.cards.map((c) => [c.prompt, compileCard(c)]));
  const graded = evalRows().map((r) => ({
    ...r,
    verdict: gradeAnswer(compiled.get(r.question)!, r.answer).verdict,
  }));

  it('holdout agreement >= 0.95 and false-accept <= 0.03', () => {
    const holdout = computeMetrics(graded.filter((r) => r.split === 'holdout'));
    expect(holdout.count).toBeGreaterThan(60);
    expect(holdout.agreement).toBeGreaterThanOrEqual(0.95);
    expect(holdout.falseAccept).toBeLessThanOrEqual(0.03);
  });

  it('false-accept <= 0.03 over the whole set', () => {
    expect(computeMetrics(graded).falseAccept).toBeLessThanOrEqual(0.03);
  });

  it('grades well under 1 ms per answer on average', () => {
    const rows = graded.map((r) => ({ c: compiled.get(r.question)!, a: r.answer }));
    const rounds = 20;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) for (const r of rows) gradeAnswer(r.c, r.a);
    const meanMs = (performance.now() - t0) / (rounds * rows.length);
    expect(meanMs).toBeLessThan(0.25);
  });
});

describe('computeMetrics', () => {
  it('defines the rates over the labelled-incorrect / labelled-correct answers', () => {
    const m = computeMetrics([
      { label: 'incorrect', verdict: 'correct' },
      { label: 'incorrect', verdict: 'incorrect' },
      { label: 'incorrect', verdict: 'partial' },
      { label: 'incorrect', verdict: 'incorrect' },
      { label: 'correct', verdict: 'incorrect' },
      { label: 'correct', verdict: 'correct' },
      { label: 'partial', verdict: 'partial' },
    ]);
    expect(m.count).toBe(7);
    expect(m.agreement).toBeCloseTo(4 / 7);
    expect(m.falseAccept).toBeCloseTo(1 / 4);
    expect(m.falseReject).toBeCloseTo(1 / 2);
    expect(m.confusion.incorrect).toEqual({ correct: 1, partial: 1, incorrect: 2 });
    expect(computeMetrics([]).agreement).toBe(0);
  });
});
