import { describe, expect, it } from 'vitest';
import { GATE, MAX_FALSE_ACCEPT, MIN_HOLDOUT_AGREEMENT } from '../../../tools/cli/eval-grading';
import { computeMetrics, gradeAnswer, compileCard, type GradingCard } from '../../../src/game/grading';
import {
  BLIND2_HOLDOUT_PATH,
  BLIND3_HOLDOUT_PATH,
  BLIND5_TUNE_PATH,
  BLIND6_TUNE_PATH,
  BLIND7_TUNE_PATH,
  BLIND9_TUNE_PATH,
  BLIND11_TUNE_PATH,
  BLIND8_HOLDOUT_PATH,
  BLIND12_HOLDOUT_PATH,
  BLIND4_HOLDOUT_PATH,
  BLIND_HOLDOUT_PATH,
  BLIND_TUNE_PATH,
  builtinDeck,
  evalRows,
  readRows,
  type EvalRow,
} from './helpers';

// The built-in deck's bar, as `npm run eval:grading` holds it (see GATE in tools/cli/eval-grading.ts): every
// set in tests/grading is tuning data now (the blind holdouts were measured once each, see
// docs/GRADING.md); a sealed set (under tests/grading/sealed/) is never read by tests.
describe('eval set gate (hand-labelled answers)', () => {
  const deck = builtinDeck();
  const compiled = new Map<string, GradingCard>(deck.cards.map((c) => [c.prompt, compileCard(c)]));
  const grade = (rows: EvalRow[]) =>
    rows.map((r) => {
      const g = gradeAnswer(compiled.get(r.question)!, r.answer);
      // false accepts count a partial with score >= 0.5 (issue 9's definition)
      return { ...r, verdict: g.verdict, score: g.score };
    });
  const original = grade(evalRows());
  const blindTune = grade(readRows(BLIND_TUNE_PATH));
  const blindHoldout = grade(readRows(BLIND_HOLDOUT_PATH));
  const blind2 = grade(readRows(BLIND2_HOLDOUT_PATH));
  const blind3 = grade(readRows(BLIND3_HOLDOUT_PATH));
  const blind5 = grade(readRows(BLIND5_TUNE_PATH));
  const blind6 = grade(readRows(BLIND6_TUNE_PATH));
  const blind7 = grade(readRows(BLIND7_TUNE_PATH));
  const blind4 = grade(readRows(BLIND4_HOLDOUT_PATH));
  const blind9 = grade(readRows(BLIND9_TUNE_PATH));
  const blind8 = grade(readRows(BLIND8_HOLDOUT_PATH));
  const blind11 = grade(readRows(BLIND11_TUNE_PATH));
  const blind12 = grade(readRows(BLIND12_HOLDOUT_PATH));

  // In 'blind-holdout' mode the CLI gates on the sealed blind10 set, which tests must not read; the
  // original holdout is held to the same bar in both modes.
  it(`gate: original holdout agreement >= ${GATE.builtinAgreement} and false-accept <= ${GATE.builtinFalseAccept}`, () => {
    const gated = computeMetrics(original.filter((r) => r.split === 'holdout'));
    expect(gated.count).toBeGreaterThan(60);
    expect(gated.agreement).toBeGreaterThanOrEqual(MIN_HOLDOUT_AGREEMENT);
    expect(gated.falseAccept).toBeLessThanOrEqual(MAX_FALSE_ACCEPT);
  });

  it('false-accept <= 0.03 on every set', () => {
    for (const rows of [
      original,
      blindTune,
      blindHoldout,
      blind2,
      blind3,
      blind4,
      blind5,
      blind6,
      blind7,
      blind9,
    ]) {
      expect(computeMetrics(rows).falseAccept).toBeLessThanOrEqual(MAX_FALSE_ACCEPT);
    }
  });

  it('the blind sets tuned on (blind-tune, blind5-7, 9 and 11 tune sets, spent blind1-4, 8 and 12 holdouts) stay >= 0.95', () => {
    expect(computeMetrics(blindTune).agreement).toBeGreaterThanOrEqual(0.95);
    expect(computeMetrics(blindHoldout).agreement).toBeGreaterThanOrEqual(0.95);
    expect(computeMetrics(blind2).agreement).toBeGreaterThanOrEqual(0.95);
    expect(computeMetrics(blind2).confusion.incorrect.correct).toBe(0);
    expect(computeMetrics(blind3).agreement).toBeGreaterThanOrEqual(0.95);
    expect(computeMetrics(blind3).confusion.incorrect.correct).toBe(0);
    expect(computeMetrics(blind5).agreement).toBeGreaterThanOrEqual(0.95);
    expect(computeMetrics(blind5).confusion.incorrect.correct).toBe(0);
    for (const rows of [blind4, blind6, blind7, blind8, blind9, blind11, blind12]) {
      expect(computeMetrics(rows).agreement).toBeGreaterThanOrEqual(0.95);
      expect(computeMetrics(rows).confusion.incorrect.correct).toBe(0);
    }
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
