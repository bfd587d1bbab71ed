export type VerdictName = 'correct' | 'partial' | 'incorrect' | 'none';

const LABELS: Record<VerdictName, { mark: string; text: string }> = {
  correct: { mark: '✓', text: 'Correct' },
  partial: { mark: '◐', text: 'Partly right' },
  incorrect: { mark: '✗', text: 'Incorrect' },
  none: { mark: '–', text: 'No answer' },
};

export function verdictText(v: VerdictName): string {
  return LABELS[v].text;
}
export function verdictMark(v: VerdictName): string {
  return LABELS[v].mark;
}

/** A small coloured pill: ✓ Correct / ◐ Partly right / ✗ Incorrect / – No answer. */
export function VerdictBadge({
  verdict,
  overridden = false,
}: {
  verdict: VerdictName;
  overridden?: boolean;
}) {
  return (
    <span className={`verdict verdict--${verdict}`}>
      <span aria-hidden="true">{LABELS[verdict].mark}</span> {LABELS[verdict].text}
      {overridden ? <span className="verdict__note"> (host)</span> : null}
    </span>
  );
}
