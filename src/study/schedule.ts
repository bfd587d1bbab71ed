import { createEmptyCard, fsrs, forgetting_curve, default_w, Rating, State, type Card as FsrsCard, type Grade } from 'ts-fsrs';

/**
 * Spaced review, as pure functions of the time they are given (no clock here: the service passes `now`).
 * FSRS-6 through ts-fsrs with its default parameters (request retention 0.9, learning steps 1 min and 10 min,
 * relearning step 10 min, no fuzz so a schedule is reproducible). docs/STUDY.md explains the choices.
 */

export type Verdict = 'correct' | 'partial' | 'incorrect';
export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';
export type ReviewPhase = 'new' | 'learning' | 'review' | 'relearning';

/** A card's memory state for one profile, as stored (plain values, dates as Date). */
export interface ReviewState {
  phase: ReviewPhase;
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
}

/**
 * "Fast" for the Easy rating: a correct answer in at most a quarter of the question's time limit, or, with no
 * limit (self-paced, review), in at most 6 seconds. A quarter of the default 20 s is 5 s: quick for a typed
 * answer, ordinary for a tap, which is why only correct answers that fast are "easy".
 */
export const FAST_SHARE_OF_LIMIT = 0.25;
export const FAST_WITHOUT_LIMIT_MS = 6_000;

export function isFast(elapsedMs: number, timeLimitMs: number | null): boolean {
  const bound = timeLimitMs !== null && timeLimitMs > 0 ? timeLimitMs * FAST_SHARE_OF_LIMIT : FAST_WITHOUT_LIMIT_MS;
  return elapsedMs >= 0 && elapsedMs <= bound;
}

/** The FSRS rating of a graded answer: incorrect = Again, partial = Hard, correct = Good, fast and correct = Easy. */
export function ratingFor(verdict: Verdict, elapsedMs: number, timeLimitMs: number | null): ReviewRating {
  switch (verdict) {
    case 'incorrect':
      return 'again';
    case 'partial':
      return 'hard';
    case 'correct':
      return isFast(elapsedMs, timeLimitMs) ? 'easy' : 'good';
    default: {
      const never: never = verdict;
      throw new Error(`unknown verdict ${String(never)}`);
    }
  }
}

const GRADE: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

export const RATINGS: readonly ReviewRating[] = ['again', 'hard', 'good', 'easy'];

export function ratingNumber(r: ReviewRating): number {
  return GRADE[r];
}

export function ratingOf(n: number): ReviewRating | null {
  return RATINGS[n - 1] ?? null;
}

const PHASE: Record<State, ReviewPhase> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const STATE: Record<ReviewPhase, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/** One scheduler for the process: ts-fsrs objects hold only parameters. */
const scheduler = fsrs({ enable_fuzz: false });

function toFsrs(s: ReviewState): FsrsCard {
  return {
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: STATE[s.phase],
    ...(s.lastReview ? { last_review: s.lastReview } : {}),
  };
}

function fromFsrs(c: FsrsCard): ReviewState {
  return {
    phase: PHASE[c.state],
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    lastReview: c.last_review ?? null,
  };
}

/** A card never reviewed, due at `now`. */
export function newState(now: Date): ReviewState {
  return fromFsrs(createEmptyCard(now));
}

/** The card's state after a review with `rating` at `now` (`before` null: its first review). */
export function schedule(before: ReviewState | null, rating: ReviewRating, now: Date): ReviewState {
  const card = toFsrs(before ?? newState(now));
  return fromFsrs(scheduler.next(card, now, GRADE[rating]).card);
}

const DAY_MS = 86_400_000;

/**
 * Probability of recall at `at` (0..1) by FSRS's forgetting curve, from the stability after the last review and
 * the time since it (fractional days: a mastery chart evaluates the end of each day). A new card: 0.
 */
export function recall(stability: number, lastReview: Date | null, at: Date): number {
  if (!lastReview || stability <= 0) return 0;
  const days = Math.max(0, (at.getTime() - lastReview.getTime()) / DAY_MS);
  return forgetting_curve(default_w, days, stability);
}

/** Mastered: recall probability above 90 %. */
export const MASTERED_ABOVE = 0.9;

/** Milliseconds until the card is due again after a review at `at` (what the review page shows). */
export function intervalMs(after: ReviewState, at: Date): number {
  return Math.max(0, after.due.getTime() - at.getTime());
}

/** "1 min", "10 min", "3 h", "2 d", "5 mo": an interval a person reads at a glance. */
export function formatInterval(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${Math.max(1, min)} min`;
  const h = Math.round(ms / 3_600_000);
  if (h < 24) return `${h} h`;
  const d = Math.round(ms / DAY_MS);
  if (d < 60) return `${d} d`;
  const mo = Math.round(d / 30);
  if (mo < 24) return `${mo} mo`;
  return `${Math.round(d / 365)} y`;
}
