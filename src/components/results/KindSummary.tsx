import { answerText, formatNumber, splitIds } from '@/components/ui/kinds';
import type { QuestionKindName } from '@/protocol';

/**
 * One line per question of the kinds [R12] on the results page: a poll's votes, a word cloud's top words, a
 * number's middle guess, the most picked choices. Works from the stored answers (one `choiceId` of "a,c" for
 * several picks, a number as its text [R12.2]).
 */
export function KindSummary({
  kind,
  choices,
  answers,
}: {
  kind: QuestionKindName;
  choices: { id: string; text: string }[];
  answers: { choiceId: string | null; text: string | null }[];
}) {
  const question = { kind, choices, unit: undefined };
  const tally = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  let line: string | null = null;
  switch (kind) {
    case 'poll':
    case 'multi':
    case 'truefalse': {
      const top = tally(answers.flatMap((a) => splitIds(a.choiceId)));
      line = top.length === 0 ? null : `${kind === 'poll' ? 'Votes' : 'Picks'}: ${top.map(([id, n]) => `${answerText(question, id, null)} ${n}`).join(' · ')}`;
      break;
    }
    case 'cloud': {
      // Case and punctuation folded ("DNS!" and "dns" are one word), as the live cloud groups them more finely.
      const top = tally(answers.map((a) => (a.text ?? '').toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').trim()).filter((t) => t !== '')).slice(0, 8);
      line = top.length === 0 ? null : `Words: ${top.map(([w, n]) => (n > 1 ? `${w} ×${n}` : w)).join(' · ')}`;
      break;
    }
    case 'number': {
      const values = answers.map((a) => Number(a.text)).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
      const mid = values.length === 0 ? null : values.length % 2 === 1 ? values[(values.length - 1) / 2] : ((values[values.length / 2 - 1] as number) + (values[values.length / 2] as number)) / 2;
      line = mid === null || mid === undefined ? null : `Middle guess ${formatNumber(mid)}`;
      break;
    }
    case 'order':
    case 'choice':
    case 'text':
      line = null;
      break;
    default: {
      const never: never = kind;
      line = String(never);
    }
  }
  return line ? (
    <p className="qstat__meta muted" data-testid="kind-summary">
      {line}
    </p>
  ) : null;
}
