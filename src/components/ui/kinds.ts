import type { PublicQuestion, QuestionKindName } from '@/protocol';

/**
 * What every screen needs to know about the question kinds [R12] (docs/SPEC.md): their names, whether they
 * have a right answer, and how a stored answer reads ("a,c" is two picks, "110" a number).
 */
export const KIND_LABELS: Record<QuestionKindName, string> = {
  choice: 'Multiple choice',
  text: 'Open text',
  order: 'Put in order',
  multi: 'All that apply',
  number: 'Estimate',
  truefalse: 'True or false',
  poll: 'Poll',
  cloud: 'Word cloud',
};

/** Polls and word clouds have no right answer: no verdict, no points [R12.7]. */
export function isScoredKind(kind: QuestionKindName): boolean {
  return kind !== 'poll' && kind !== 'cloud';
}

/** Kinds answered by tapping one option (the classic choice buttons). */
export function isSingleTapKind(kind: QuestionKindName): boolean {
  return kind === 'choice' || kind === 'truefalse' || kind === 'poll';
}

/** Several ids stored as one ("a,c"), as the server stores multi-select picks and orderings [R12.2]. */
export function splitIds(choiceId: string | null | undefined): string[] {
  return choiceId ? choiceId.split(',').filter((s) => s !== '') : [];
}

/** An answer in words: the option's text, the picks, the order, the number with its unit, or the typed text. */
export function answerText(question: Pick<PublicQuestion, 'kind' | 'choices' | 'unit'>, choiceId: string | null, text: string | null): string {
  const label = (id: string) => question.choices.find((c) => c.id === id)?.text ?? id;
  switch (question.kind) {
    case 'multi':
      return splitIds(choiceId).map(label).join(' · ');
    case 'order':
      return splitIds(choiceId).map(label).join(' → ');
    case 'number':
      return text === null ? '' : `${Number(text).toLocaleString('en-US', { maximumFractionDigits: 6 })}${question.unit ? ` ${question.unit}` : ''}`;
    case 'choice':
    case 'truefalse':
    case 'poll':
      return choiceId === null ? (text ?? '') : label(choiceId);
    case 'text':
    case 'cloud':
      return text ?? '';
    default: {
      const never: never = question.kind;
      return String(never);
    }
  }
}

/** A number as people read it: grouped thousands, no float noise. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/**
 * A number as people type it on a phone [R12.5]: "1,5" is 1.5; spaces and thousands separators in "1 200" and
 * "1,200" go. Anything else is null (the phone says so instead of sending it).
 */
export function readNumber(raw: string): number | null {
  const t = raw.trim().replace(/[\s\u00a0\u202f_]/g, '');
  if (t === '') return null;
  const normal = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normal)) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}
