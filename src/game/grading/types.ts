import type { Card } from '../../decks/types';

export type Verdict = 'correct' | 'partial' | 'incorrect';

/** The grader's decision for one typed answer. `score` is 0..1 (1 for correct, 0 for incorrect). */
export interface Grade {
  verdict: Verdict;
  score: number;
  /** Key ideas (labels) found in the answer. */
  matched: string[];
  /** Key ideas (labels) the answer did not mention. */
  missing: string[];
}

/** A card prepared once for fast repeated grading (thousands of answers per second). */
export interface CompiledCard {
  readonly card: Card;
}

export interface Grader {
  compile(card: Card): CompiledCard;
  grade(compiled: CompiledCard, answer: string): Grade;
}
