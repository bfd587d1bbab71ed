import type { Verdict } from '../grading/types';

/**
 * Partial credit of the kinds graded without the text grader [R12.3-R12.5]. Pure arithmetic: a score 0..1 and
 * its verdict (1: correct, above 0: partial, 0: incorrect).
 */
export interface KindGrade {
  verdict: Verdict;
  score: number;
}

function verdictOf(score: number): Verdict {
  return score >= 1 ? 'correct' : score > 0 ? 'partial' : 'incorrect';
}

/** Three decimals are plenty for points out of 1000 and keep stored scores readable. */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Ordering [R12.3]: the share of item pairs the player put in the right relative order (n items make n(n-1)/2
 * pairs). All in order: 1; fully reversed: 0; one adjacent swap of five items: 0.9.
 * @param answer - the player's sequence of ids (a permutation of `correct`)
 * @param correct - the ids in the right order
 */
export function orderGrade(answer: readonly string[], correct: readonly string[]): KindGrade {
  const pos = new Map(answer.map((id, i) => [id, i]));
  const n = correct.length;
  if (n < 2) return { verdict: 'correct', score: 1 };
  let inOrder = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = pos.get(correct[i] as string);
      const b = pos.get(correct[j] as string);
      if (a !== undefined && b !== undefined && a < b) inOrder += 1;
    }
  }
  const score = round3(inOrder / ((n * (n - 1)) / 2));
  return { verdict: verdictOf(score), score };
}

/**
 * Multi-select, "all that apply" [R12.4]: each right pick earns 1/|correct|, each wrong pick costs as much; never
 * below 0. Exactly the right set: correct.
 */
export function multiGrade(picks: readonly string[], correct: readonly string[]): KindGrade {
  const right = new Set(correct);
  let hits = 0;
  let misses = 0;
  for (const p of new Set(picks)) {
    if (right.has(p)) hits += 1;
    else misses += 1;
  }
  if (hits === right.size && misses === 0) return { verdict: 'correct', score: 1 };
  const score = round3(Math.max(0, (hits - misses) / Math.max(1, right.size)));
  // Anything short of the exact set is at most partial, however the arithmetic rounds.
  return { verdict: score > 0 ? 'partial' : 'incorrect', score: Math.min(score, 0.999) };
}

/**
 * A numeric estimate [R12.5]: full marks within `tolerance` of the answer, then falling linearly to nothing at
 * three times the tolerance (half marks at twice it). Tolerance 0: only the exact value scores.
 */
export function numberGrade(value: number, answer: number, tolerance: number): KindGrade {
  const d = Math.abs(value - answer);
  if (d <= tolerance) return { verdict: 'correct', score: 1 };
  if (tolerance <= 0) return { verdict: 'incorrect', score: 0 };
  const score = round3(Math.max(0, 1 - (d - tolerance) / (2 * tolerance)));
  return { verdict: score > 0 ? 'partial' : 'incorrect', score: Math.min(score, 0.999) };
}
