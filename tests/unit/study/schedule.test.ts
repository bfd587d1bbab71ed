import { describe, expect, it } from 'vitest';
import {
  formatInterval,
  intervalMs,
  isFast,
  ratingFor,
  recall,
  schedule,
  type ReviewRating,
  type ReviewState,
} from '../../../src/study/schedule';

/**
 * Reference values computed here from the FSRS-6 formulas (open-spaced-repetition "The Algorithm", FSRS-6) with
 * the default parameters written out below, not by calling ts-fsrs: the schedule of src/study must agree.
 * Learning steps are FSRS's defaults (1 min, 10 min; relearning 10 min); requested retention 0.9, no fuzz.
 */
const W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
  1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
] as const;
const w = (i: number) => W[i] as number;
const DECAY = -w(20);
const FACTOR = Math.pow(0.9, 1 / DECAY) - 1;

const ref = {
  R: (t: number, s: number) => Math.pow(1 + (FACTOR * t) / s, DECAY),
  S0: (g: number) => w(g - 1),
  D0: (g: number) => w(4) - Math.exp((g - 1) * w(5)) + 1,
  D: (d: number, g: number) => {
    const next = d + (-w(6) * (g - 3) * (10 - d)) / 9;
    return Math.min(10, Math.max(1, w(7) * ref.D0(4) + (1 - w(7)) * next));
  },
  /** Same-day review (t = 0): the short-term stability of FSRS-6, never lower after a pass. */
  Sshort: (s: number, g: number) => {
    const inc = Math.pow(s, -w(19)) * Math.exp(w(17) * (g - 3 + w(18)));
    return s * (g >= 2 ? Math.max(inc, 1) : inc);
  },
  Srecall: (d: number, s: number, r: number, g: number) =>
    s *
    (1 +
      Math.exp(w(8)) * (11 - d) * Math.pow(s, -w(9)) * (Math.exp(w(10) * (1 - r)) - 1) * (g === 2 ? w(15) : 1) * (g === 4 ? w(16) : 1)),
  Sforget: (d: number, s: number, r: number) =>
    Math.min(w(11) * Math.pow(d, -w(12)) * (Math.pow(s + 1, w(13)) - 1) * Math.exp(w(14) * (1 - r)), s / Math.exp(w(17) * w(18))),
  /** Interval in days at retention 0.9: I = S (the modifier is 1), at least one day. */
  I: (s: number) => Math.max(1, Math.round(s)),
};

const MIN = 60_000;
const DAY = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function run(steps: { rating: ReviewRating; afterMs: number }[]): { state: ReviewState; now: Date }[] {
  let state: ReviewState | null = null;
  let now = t0;
  const out: { state: ReviewState; now: Date }[] = [];
  for (const s of steps) {
    now = new Date(now.getTime() + s.afterMs);
    state = schedule(state, s.rating, now);
    out.push({ state, now });
  }
  return out;
}

describe('grades to FSRS ratings', () => {
  it('[R16.1] incorrect = again, partial = hard, correct = good, fast and correct = easy', () => {
    expect(ratingFor('incorrect', 500, 20_000)).toBe('again');
    expect(ratingFor('partial', 500, 20_000)).toBe('hard');
    expect(ratingFor('correct', 9_000, 20_000)).toBe('good');
    expect(ratingFor('correct', 5_000, 20_000)).toBe('easy');
    expect(ratingFor('correct', 5_001, 20_000)).toBe('good');
    // No time limit (self-paced or a review): fast is at most 6 s.
    expect(ratingFor('correct', 6_000, null)).toBe('easy');
    expect(ratingFor('correct', 6_001, null)).toBe('good');
    expect(isFast(-1, null)).toBe(false);
  });
});

describe('[R16.2] the schedule against FSRS-6 reference values', () => {
  it('good, good (graduates), good, good: learning steps then intervals of the stability', () => {
    const [a, b, c, d] = run([
      { rating: 'good', afterMs: 0 },
      { rating: 'good', afterMs: 10 * MIN },
    ]).concat([]);
    // 1st good: learning step 2 (10 min), S0(3), D0(3).
    expect(a!.state.phase).toBe('learning');
    expect(intervalMs(a!.state, a!.now)).toBe(10 * MIN);
    expect(a!.state.stability).toBeCloseTo(ref.S0(3), 6);
    expect(a!.state.difficulty).toBeCloseTo(ref.D0(3), 6);
    // 2nd good, same day: short-term stability; the last step passed, so it graduates to an interval of S days.
    const s2 = ref.Sshort(ref.S0(3), 3);
    const d2 = ref.D(ref.D0(3), 3);
    expect(b!.state.phase).toBe('review');
    expect(b!.state.stability).toBeCloseTo(s2, 6);
    const i2 = ref.I(s2);
    expect(b!.state.scheduledDays).toBe(i2);
    expect(intervalMs(b!.state, b!.now)).toBe(i2 * DAY);
    expect(c).toBeUndefined();
    expect(d).toBeUndefined();

    // Two more goods, each on the day it is due.
    const later = run([
      { rating: 'good', afterMs: 0 },
      { rating: 'good', afterMs: 10 * MIN },
      { rating: 'good', afterMs: i2 * DAY },
    ]);
    const s3 = ref.Srecall(d2, s2, ref.R(i2, s2), 3);
    const d3 = ref.D(d2, 3);
    const hard3 = Math.min(ref.I(ref.Srecall(d2, s2, ref.R(i2, s2), 2)), ref.I(s3));
    const i3 = Math.max(ref.I(s3), hard3 + 1);
    expect(later[2]!.state.stability).toBeCloseTo(s3, 6);
    expect(later[2]!.state.difficulty).toBeCloseTo(d3, 6);
    expect(later[2]!.state.scheduledDays).toBe(i3);
    const last = run([
      { rating: 'good', afterMs: 0 },
      { rating: 'good', afterMs: 10 * MIN },
      { rating: 'good', afterMs: i2 * DAY },
      { rating: 'good', afterMs: i3 * DAY },
    ])[3]!;
    const s4 = ref.Srecall(d3, s3, ref.R(i3, s3), 3);
    const hard4 = Math.min(ref.I(ref.Srecall(d3, s3, ref.R(i3, s3), 2)), ref.I(s4));
    const i4 = Math.max(ref.I(s4), hard4 + 1);
    expect(last.state.stability).toBeCloseTo(s4, 5); // ts-fsrs rounds each step to 8 decimals
    expect(last.state.scheduledDays).toBe(i4);
    // The values themselves, so a change of parameters shows up as numbers: 2, 11 and 46 days.
    expect([i2, i3, i4]).toEqual([2, 11, 46]);
  });

  it('again (1 min), good (10 min), good (graduates)', () => {
    const [a, b, c] = run([
      { rating: 'again', afterMs: 0 },
      { rating: 'good', afterMs: 1 * MIN },
      { rating: 'good', afterMs: 10 * MIN },
    ]);
    expect(a!.state.phase).toBe('learning');
    expect(intervalMs(a!.state, a!.now)).toBe(1 * MIN);
    expect(a!.state.stability).toBeCloseTo(ref.S0(1), 6);
    expect(a!.state.difficulty).toBeCloseTo(ref.D0(1), 6);
    expect(intervalMs(b!.state, b!.now)).toBe(10 * MIN);
    const s2 = ref.Sshort(ref.S0(1), 3);
    expect(b!.state.stability).toBeCloseTo(s2, 6);
    const s3 = ref.Sshort(s2, 3);
    expect(c!.state.phase).toBe('review');
    expect(c!.state.stability).toBeCloseTo(s3, 6);
    expect(c!.state.scheduledDays).toBe(ref.I(s3));
  });

  it('easy on a new card skips the learning steps: S0(4) days', () => {
    const [a] = run([{ rating: 'easy', afterMs: 0 }]);
    expect(a!.state.phase).toBe('review');
    expect(a!.state.scheduledDays).toBe(ref.I(ref.S0(4)));
    expect(a!.state.scheduledDays).toBe(8);
  });

  it('hard on a new card: halfway between the steps (6 min)', () => {
    const [a] = run([{ rating: 'hard', afterMs: 0 }]);
    expect(intervalMs(a!.state, a!.now)).toBe(6 * MIN);
    expect(a!.state.difficulty).toBeCloseTo(ref.D0(2), 6);
  });

  it('a lapse: again on a review card relearns in 10 min with the post-lapse stability', () => {
    const steps = [
      { rating: 'good' as const, afterMs: 0 },
      { rating: 'good' as const, afterMs: 10 * MIN },
    ];
    const grad = run(steps)[1]!;
    const s2 = grad.state.stability;
    const d2 = grad.state.difficulty;
    const i2 = grad.state.scheduledDays;
    const lapse = run([...steps, { rating: 'again', afterMs: i2 * DAY }])[2]!;
    expect(lapse.state.phase).toBe('relearning');
    expect(lapse.state.lapses).toBe(1);
    expect(intervalMs(lapse.state, lapse.now)).toBe(10 * MIN);
    expect(lapse.state.stability).toBeCloseTo(ref.Sforget(d2, s2, ref.R(i2, s2)), 6);
    expect(lapse.state.difficulty).toBeCloseTo(ref.D(d2, 1), 6);
    const back = run([...steps, { rating: 'again', afterMs: i2 * DAY }, { rating: 'good', afterMs: 10 * MIN }])[3]!;
    const s = ref.Sshort(ref.Sforget(d2, s2, ref.R(i2, s2)), 3);
    expect(back.state.phase).toBe('review');
    expect(back.state.scheduledDays).toBe(ref.I(s));
  });

  it('recall probability follows the forgetting curve: 90 % after S days', () => {
    expect(recall(5, t0, at(5 * DAY))).toBeCloseTo(0.9, 6);
    expect(recall(5, t0, at(20 * DAY))).toBeCloseTo(ref.R(20, 5), 6);
    expect(recall(5, null, at(DAY))).toBe(0);
  });

  it('intervals read at a glance', () => {
    expect(formatInterval(MIN)).toBe('1 min');
    expect(formatInterval(10 * MIN)).toBe('10 min');
    expect(formatInterval(3 * 3_600_000)).toBe('3 h');
    expect(formatInterval(11 * DAY)).toBe('11 d');
    expect(formatInterval(90 * DAY)).toBe('3 mo');
  });
});
