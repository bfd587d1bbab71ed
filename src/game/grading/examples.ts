/**
 * Learned examples: answers a host settled (accepted or marked wrong) for a card, used in every later
 * game of the deck. An answer "near" an example takes its verdict, where near is measured on
 * normalised content (concept names folded, stems, the question's own words and fillers left out),
 * never on raw strings. Pure.
 */
import type { DeckModel } from './deck';
import { stemMatches } from './reference';
import type { Tokens } from './text';

/** An answer a host settled for a card. */
export interface LearnedExample {
  readonly text: string;
  readonly verdict: 'correct' | 'incorrect';
}

/** An example reduced to what it says. */
export interface CompiledExample {
  readonly text: string;
  readonly verdict: 'correct' | 'incorrect';
  /** Its content stems (not the question's), with their weights. */
  readonly stems: ReadonlyMap<string, number>;
  /** Stems it negates. */
  readonly negated: ReadonlySet<string>;
  readonly total: number;
}

/**
 * How close an answer must be to an example to take its verdict (weighted overlap, 0..1). A wrong
 * answer is often a right one with one word changed ("when the branches have diverged"), so taking a
 * wrong example's verdict needs nearly the same content; an accepted example's, much less.
 */
export const NEAR_ACCEPTED = 0.5;
export const NEAR_WRONG = 0.8;

/** Content of an answer: its stems that are not the question's, weighted by how distinctive they are. */
export function contentOf(
  model: DeckModel,
  a: Tokens,
  given: ReadonlySet<string>,
): { stems: Map<string, number>; negated: Set<string> } {
  const stems = new Map<string, number>();
  const negated = new Set<string>();
  for (let i = 0; i < a.stems.length; i++) {
    const s = a.stems[i]!;
    if (given.has(s)) continue;
    stems.set(s, Math.max(0.3, model.idf(s)));
    if (a.neg[i]) negated.add(s);
  }
  return { stems, negated };
}

/** Compiles one example. */
export function compileExample(
  model: DeckModel,
  example: LearnedExample,
  a: Tokens,
  given: ReadonlySet<string>,
): CompiledExample {
  const { stems, negated } = contentOf(model, a, given);
  let total = 0;
  for (const w of stems.values()) total += w;
  return { text: example.text, verdict: example.verdict, stems, negated, total };
}

/**
 * Weighted overlap of two contents (a soft Jaccard: matched weight over the union's weight), with
 * typos, word forms and synonyms matching, scaled by the share of shared-word pairs written in the
 * same order; 0 when one negates what the other asserts.
 */
export function similarity(
  model: DeckModel,
  x: { stems: ReadonlyMap<string, number>; negated: ReadonlySet<string> },
  y: { stems: ReadonlyMap<string, number>; negated: ReadonlySet<string> },
): number {
  if (x.stems.size === 0 || y.stems.size === 0) return 0;
  let shared = 0;
  let onlyX = 0;
  const usedY = new Set<string>();
  // where each shared word comes in y (the maps keep the words in the order they were written)
  const yIndex = new Map<string, number>();
  let k = 0;
  for (const t of y.stems.keys()) yIndex.set(t, k++);
  const order: number[] = [];
  for (const [s, w] of x.stems) {
    let hit: string | null = null;
    if (y.stems.has(s)) hit = s;
    else for (const t of y.stems.keys()) if (!usedY.has(t) && stemMatches(model, s, t)) hit = t;
    if (hit === null) {
      onlyX += w;
      continue;
    }
    if (x.negated.has(s) !== y.negated.has(hit)) return 0;
    usedY.add(hit);
    order.push(yIndex.get(hit)!);
    shared += w;
  }
  let onlyY = 0;
  for (const [t, w] of y.stems) if (!usedY.has(t)) onlyY += w;
  // the same words in another order can say another thing ("http 443, https 80"): pairs out of order count against
  let pairs = 0;
  let inverted = 0;
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      pairs++;
      if (order[i]! > order[j]!) inverted++;
    }
  }
  const inOrder = pairs === 0 ? 1 : 1 - inverted / pairs;
  return (shared / (shared + onlyX + onlyY)) * inOrder;
}

/**
 * The nearest example to an answer's content, if near enough.
 * @returns the example and the similarity, or null
 */
export function nearestExample(
  model: DeckModel,
  examples: readonly CompiledExample[],
  content: { stems: ReadonlyMap<string, number>; negated: ReadonlySet<string> },
): { example: CompiledExample; similarity: number } | null {
  let best: CompiledExample | null = null;
  let bestSim = 0;
  for (const e of examples) {
    const sim = similarity(model, content, e);
    if (sim > bestSim) {
      bestSim = sim;
      best = e;
    }
  }
  if (best === null) return null;
  return bestSim >= (best.verdict === 'correct' ? NEAR_ACCEPTED : NEAR_WRONG)
    ? { example: best, similarity: bestSim }
    : null;
}
