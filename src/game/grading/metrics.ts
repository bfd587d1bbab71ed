import type { Verdict } from './types';

/** One graded evaluation item: the human label and the grader's verdict. */
export interface LabelledVerdict {
  label: Verdict;
  verdict: Verdict;
}

/** Agreement statistics for a set of labelled answers. */
export interface GradingMetrics {
  count: number;
  /** Share of answers where verdict == label. */
  agreement: number;
  /** Labelled incorrect but graded correct, over all answers labelled incorrect (0 when there are none). */
  falseAccept: number;
  /** Labelled correct but graded incorrect, over all answers labelled correct (0 when there are none). */
  falseReject: number;
  labelledIncorrect: number;
  labelledCorrect: number;
  /** confusion[label][verdict] = count. */
  confusion: Record<Verdict, Record<Verdict, number>>;
}

export const VERDICTS: readonly Verdict[] = ['correct', 'partial', 'incorrect'];

/** Human-readable definitions of the metrics, printed by the evaluation CLI. */
export const METRIC_DEFINITIONS = [
  'agreement    = answers whose verdict equals the label / all answers',
  'false-accept = answers labelled incorrect but graded correct / answers labelled incorrect',
  'false-reject = answers labelled correct but graded incorrect / answers labelled correct',
] as const;

/**
 * Computes agreement, false-accept and false-reject rates and the confusion matrix.
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
  for (const r of rows) {
    confusion[r.label][r.verdict]++;
    if (r.label === r.verdict) agree++;
  }
  const labelledIncorrect = VERDICTS.reduce((s, v) => s + confusion.incorrect[v], 0);
  const labelledCorrect = VERDICTS.reduce((s, v) => s + confusion.correct[v], 0);
  return {
    count: rows.length,
    agreement: rows.length === 0 ? 0 : agree / rows.length,
    falseAccept: labelledIncorrect === 0 ? 0 : confusion.incorrect.correct / labelledIncorrect,
    falseReject: labelledCorrect === 0 ? 0 : confusion.correct.incorrect / labelledCorrect,
    labelledIncorrect,
    labelledCorrect,
    confusion,
  };
}
