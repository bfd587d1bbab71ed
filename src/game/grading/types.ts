import type { Card } from '../../decks/types';

export type Verdict = 'correct' | 'partial' | 'incorrect';

/** The grader's decision for one typed answer. `score` is 0..1 (1 for correct, 0 for incorrect). */
export interface Grade {
  verdict: Verdict;
  score: number;
  /** Key ideas (labels) found in the answer. */
  matched: string[];
  /** Key ideas (labels) the answer did not mention (empty for a correct answer). */
  missing: string[];
  /** True when the grader is guessing: the host should settle it (see `group`). */
  unsure: boolean;
  /** Why, in a few plain words ("istio is not among the CNI plugins", "2 of 2 needed", "mixed up PV and PVC"). */
  explanation: string;
  /**
   * Answers with the same group say the same thing (same content words, the question's words and
   * spelling aside): a host can settle a whole group with one tap.
   */
  group: string;
}

/** A card prepared once for fast repeated grading (thousands of answers per second). */
export interface CompiledCard {
  readonly card: Card;
}

export interface Grader {
  compile(card: Card): CompiledCard;
  grade(compiled: CompiledCard, answer: string): Grade;
}
