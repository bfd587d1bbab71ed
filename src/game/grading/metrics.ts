import type { Verdict } from './types';

/** One graded evaluation item: the human label and the grader's verdict (and score, for partial verdicts). */
export interface LabelledVerdict {
  label: Verdict;
  verdict: Verdict;
  /** The grade's score (0..1); a partial verdict counts as an accept when it is at least 0.5. */
  score?: number;
}

/** Agreement statistics for a set of labelled answers. */
export interface GradingMetrics {
  count: number;
  /** Three-way agreement: share of answers whose verdict equals the label. */
  agreement: number;
  /**
   * Binary agreement over the answers labelled correct or incorrect: right answers accepted, wrong
   * ones rejected (see {@link accepted}). Answers labelled partial have no binary side and are left out.
   */
  binaryAgreement: number;
  /** How many answers binary agreement is over (labelled correct or incorrect). */
  binaryCount: number;
  /**
   * Labelled incorrect but accepted (graded correct, or partial with score >= 0.5), over all answers
   * labelled incorrect (0 when there are none).
   */
  falseAccept: number;
  /** Labelled correct but graded incorrect, over all answers labelled correct (0 when there are none). */
  falseReject: number;
  labelledIncorrect: number;
  labelledCorrect: number;
  /** Answers labelled incorrect and accepted (the numerator of `falseAccept`). */
  falseAccepts: number;
  /** Answers labelled correct and graded incorrect (the numerator of `falseReject`). */
  falseRejects: number;
  /** confusion[label][verdict] = count. */
  confusion: Record<Verdict, Record<Verdict, number>>;
}

export const VERDICTS: readonly Verdict[] = ['correct', 'partial', 'incorrect'];

/** Partial credit from this score on counts as accepting the answer. */
export const ACCEPT_SCORE = 0.5;

/** True when a grade accepts the answer: correct, or partial with score >= 0.5. */
export function accepted(verdict: Verdict, score: number | undefined): boolean {
  return verdict === 'correct' || (verdict === 'partial' && (score ?? 0) >= ACCEPT_SCORE);
}

/** Human-readable definitions of the metrics, printed by the evaluation CLI. */
export const METRIC_DEFINITIONS = [
  'accepted     = graded correct, or partial with score >= 0.5; rejected = every other grade',
  'binary       = answers labelled correct that were accepted + answers labelled incorrect that were rejected,',
  '               over the answers labelled correct or incorrect (labels "partial" have no binary side: left out)',
  'false-accept = answers labelled incorrect but accepted / answers labelled incorrect',
  'false-reject = answers labelled correct but graded incorrect / answers labelled correct',
  '3-way        = answers whose verdict equals the label / all answers',
] as const;

/**
 * Computes three-way and binary agreement, false-accept and false-reject rates and the confusion matrix.
 * @param rows - labelled verdicts
 * @returns the metrics (rates are 0 for empty denominators)
 */
export function computeMetrics(rows: readonly LabelledVerdict[]): GradingMetrics {
  const confusion = {
    correct: { correct: 0, partial: 0, incorrect: 0 },
    partial: { correct: 0, partial: 0, incorrect: 0 },
    incorrect: { correct: 0, partial: 0, incorrect: 0 },
  };
  let agree = 0;
  let binaryAgree = 0;
  let binaryCount = 0;
  let falseAccepts = 0;
  let falseRejects = 0;
  for (const r of rows) {
    confusion[r.label][r.verdict]++;
    if (r.label === r.verdict) agree++;
    const acc = accepted(r.verdict, r.verdict === 'partial' ? r.score : r.verdict === 'correct' ? 1 : 0);
    if (r.label === 'correct') {
      binaryCount++;
      if (acc) binaryAgree++;
      if (r.verdict === 'incorrect') falseRejects++;
    } else if (r.label === 'incorrect') {
      binaryCount++;
      if (!acc) binaryAgree++;
      else falseAccepts++;
    }
  }
  const labelledIncorrect = VERDICTS.reduce((s, v) => s + confusion.incorrect[v], 0);
  const labelledCorrect = VERDICTS.reduce((s, v) => s + confusion.correct[v], 0);
  return {
    count: rows.length,
    agreement: rows.length === 0 ? 0 : agree / rows.length,
    binaryAgreement: binaryCount === 0 ? 0 : binaryAgree / binaryCount,
    binaryCount,
    falseAccept: labelledIncorrect === 0 ? 0 : falseAccepts / labelledIncorrect,
    falseReject: labelledCorrect === 0 ? 0 : falseRejects / labelledCorrect,
    labelledIncorrect,
    labelledCorrect,
    falseAccepts,
    falseRejects,
    confusion,
  };
}
