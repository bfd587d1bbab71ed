import type { CloudWord, Live, Reveal } from '../../protocol';
import { answerGroupKey } from '../grading';
import type { AskedQuestion, GameState } from '../types';
import { splitIds } from './answer';
import type { QuestionKind } from './kind';

/**
 * What the new kinds add to the views [R12.8, R9]: the right answer's text, the reveal's extras and the live
 * tallies of polls and word clouds. Nothing here is sent while a scored question is open.
 */

/** Words shown in a cloud: enough to fill a big screen, few enough to read. */
export const CLOUD_WORDS = 40;

/** Group keys by answer text: a text is keyed once however often the cloud is redrawn. */
const keyMemo = new Map<string, string>();
function groupKey(text: string): string {
  let k = keyMemo.get(text);
  if (k === undefined) {
    k = answerGroupKey(text) || text.toLowerCase();
    // A bounded memo: a long-running process keeps only recent texts.
    if (keyMemo.size > 50_000) keyMemo.clear();
    keyMemo.set(text, k);
  }
  return k;
}

function counted(state: GameState, q: AskedQuestion): Iterable<{ choiceId: string | null; text: string | null }> {
  const out: { choiceId: string | null; text: string | null }[] = [];
  for (const a of q.answers.values()) if (state.players.get(a.playerId)?.removed === false) out.push(a);
  return out;
}

/**
 * Typed answers grouped as the open-text reveal groups them ("Kubernetes" and "kubernetes!" together, most
 * common spelling shown), most frequent first [R12.7].
 */
export function cloudWords(state: GameState, q: AskedQuestion, limit = CLOUD_WORDS): CloudWord[] {
  const groups = new Map<string, { texts: Map<string, number>; count: number }>();
  for (const a of counted(state, q)) {
    if (a.text === null) continue;
    const key = groupKey(a.text);
    let g = groups.get(key);
    if (!g) {
      g = { texts: new Map(), count: 0 };
      groups.set(key, g);
    }
    g.count += 1;
    g.texts.set(a.text, (g.texts.get(a.text) ?? 0) + 1);
  }
  return [...groups.values()]
    .map((g) => ({ text: [...g.texts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? '', count: g.count }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, limit);
}

/** Picks per option: one per player for a poll or true/false, each pick of a multi-select. */
export function pickCounts(state: GameState, q: AskedQuestion): { choiceId: string; count: number }[] {
  const counts = new Map(q.choices.map((c) => [c.id, 0]));
  for (const a of counted(state, q)) {
    for (const id of splitIds(a.choiceId)) if (counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return q.choices.map((c) => ({ choiceId: c.id, count: counts.get(c.id) ?? 0 }));
}

/** Ordering: how many players put each item in its right place. */
function rightPlaceCounts(state: GameState, q: AskedQuestion): { choiceId: string; count: number }[] {
  const right = q.correctIds ?? [];
  const counts = new Map(q.choices.map((c) => [c.id, 0]));
  for (const a of counted(state, q)) {
    splitIds(a.choiceId).forEach((id, i) => {
      if (right[i] === id) counts.set(id, (counts.get(id) ?? 0) + 1);
    });
  }
  return q.choices.map((c) => ({ choiceId: c.id, count: counts.get(c.id) ?? 0 }));
}

/** Live while the question is open: only for kinds with no right answer, so nothing is given away [R12.6, R12.7]. */
export function liveTally(state: GameState, q: AskedQuestion | undefined): Live | undefined {
  if (!q || state.phase !== 'question') return undefined;
  if (q.kind === 'poll') return { distribution: pickCounts(state, q) };
  if (q.kind === 'cloud') return { cloud: cloudWords(state, q) };
  return undefined;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** The right answer in words, for the reveal and the host: "True", "a · c", "internet → … → pod", "1,991 ± 2 years". */
export function kindCorrectText(state: GameState, q: AskedQuestion): string | null {
  const card = state.cards.get(q.cardId)?.card;
  const text = (id: string): string => q.choices.find((c) => c.id === id)?.text ?? id;
  const kind: QuestionKind = q.kind;
  switch (kind) {
    case 'truefalse':
      return q.correctChoiceId === null ? null : text(q.correctChoiceId);
    case 'multi':
      return (q.correctIds ?? []).map(text).join(' · ');
    case 'order':
      return (q.correctIds ?? []).map(text).join(' → ');
    case 'number': {
      if (card?.number === undefined) return null;
      const tol = card.tolerance ?? 0;
      return `${formatNumber(card.number)}${tol > 0 ? ` ± ${formatNumber(tol)}` : ''}${card.unit ? ` ${card.unit}` : ''}`;
    }
    case 'poll':
    case 'cloud':
      return '';
    case 'choice':
    case 'text':
      return null;
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = values.sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The reveal's extras for the new kinds (absent for choice and text, so their messages do not change). */
export function kindReveal(state: GameState, q: AskedQuestion): Partial<Reveal> {
  switch (q.kind) {
    case 'truefalse':
    case 'poll':
      return { distribution: pickCounts(state, q) };
    case 'multi':
      return { distribution: pickCounts(state, q), correctIds: q.correctIds ?? [] };
    case 'order':
      return { distribution: rightPlaceCounts(state, q), correctIds: q.correctIds ?? [] };
    case 'number': {
      const card = state.cards.get(q.cardId)?.card;
      if (card?.number === undefined) return {};
      const tol = card.tolerance ?? 0;
      const values: number[] = [];
      for (const a of counted(state, q)) {
        const v = a.text === null ? NaN : Number(a.text);
        if (Number.isFinite(v)) values.push(v);
      }
      const within = values.filter((v) => Math.abs(v - (card.number as number)) <= tol).length;
      return {
        number: {
          answer: card.number,
          tolerance: tol,
          ...(card.unit !== undefined && { unit: card.unit }),
          median: median(values),
          within,
          ...(values.length > 0 && { lowest: Math.min(...values), highest: Math.max(...values) }),
        },
      };
    }
    case 'cloud':
      return { cloud: cloudWords(state, q) };
    case 'choice':
    case 'text':
      return {};
    default: {
      const never: never = q.kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}
