/**
 * Grading from the question and the reference answer alone (cards without grading fields), in the
 * context of the whole deck. Pure.
 *
 * An answer is read against the reference's key ideas (its clauses), and the evidence is weighed by a
 * small linear model (fitted once on labelled tuning answers, see docs/GRADING.md) into a verdict,
 * a score and how sure the grader is. Before that, hard rules decide what needs no weighing: an empty
 * answer, "I don't know", an answer that only repeats the question, a contradiction of the reference,
 * an answer that fits another card of the deck much better than its own (a mix-up), a list question.
 */
import type { DeckModel } from './deck';
import {
  contradictions,
  cover,
  display,
  mixups,
  type Contradiction,
  type Coverage,
  type ForeignIndex,
  type RefModel,
} from './evidence';
import { contentOf, nearestExample, type CompiledExample } from './examples';
import { readList, type ListModel } from './lists';
import { vocabMatches } from './reference';
import { tokenize, type TokenizeOptions, type Tokens } from './text';
import type { Verdict } from './types';

/** A card compiled for reference grading. */
export interface RefCard {
  readonly deck: DeckModel;
  readonly ref: RefModel;
  readonly list: ListModel | null;
  /** Stems naming other cards' subjects and absent from this card (wrong list items, mix-ups). */
  readonly otherSubjects: ReadonlyMap<string, number>;
  readonly examples: readonly CompiledExample[];
  /** Abbreviations of the question the deck spells out ("What is CNI?": Container Network Interface), as stems. */
  readonly spelledOut: readonly { readonly abbr: string; readonly stems: readonly string[] }[];
  /** For a "how do you" question: the commands the reference gives (`ss -ltnp`), folded. */
  readonly commands: readonly string[];
  /** The linear model (normally {@link MODEL}; the eval tool swaps in others to measure it). */
  readonly model: LinearModel;
  /** Other cards' clauses that do not mention this card's subject, by their words. */
  readonly foreign: ForeignIndex;
  /** Words the deck uses that are no item of this card's list (a list answer naming one is wrong). */
  readonly known: ReadonlySet<string>;
  readonly tokenOptions: TokenizeOptions;
}

/** The evidence behind a reference verdict (also used by the eval tool to fit the model). */
export interface RefEvidence {
  readonly coverage: Coverage;
  readonly contradictions: readonly Contradiction[];
  /** The other card the answer fits best, and by how much more than its own (weight). */
  readonly mixup: { index: number; margin: number; weight: number } | null;
  readonly features: readonly number[];
}

/** True when an answer is a list of short names ("int, str, tuple", "blob tree commit tag"). */
function looksLikeList(a: Tokens): boolean {
  if (a.stems.length === 0) return false;
  const sizes = new Map<number, number>();
  for (const it of a.item) sizes.set(it, (sizes.get(it) ?? 0) + 1);
  const short = [...sizes.values()].filter((n) => n <= 2).length;
  return (sizes.size >= 2 && short >= sizes.size - 1) || a.stems.length <= 5;
}

/** The abbreviation of the question that the answer spells out, or null. */
function spelledOutIn(card: RefCard, text: string): string | null {
  if (card.spelledOut.length === 0) return null;
  const plain = tokenize(text, { memo: card.deck.memo }).stems.join(' ');
  for (const s of card.spelledOut) if (` ${plain} `.includes(` ${s.stems.join(' ')} `)) return s.abbr;
  return null;
}

/** What the reference grader decided. */
export interface RefDecision {
  readonly verdict: Verdict;
  readonly score: number;
  readonly unsure: boolean;
  readonly explanation: string;
  readonly matched: readonly string[];
  readonly missing: readonly string[];
  readonly evidence: RefEvidence | null;
  /** True when the linear model decided (no rule did). */
  readonly byModel?: boolean;
}

/** Features of the linear model, in order (their names for the fitting tool). */
export const FEATURE_NAMES = [
  'bestIdea',
  'coverAll',
  'firstSentence',
  'log1p(hits)',
  'log1p(hitWeight)',
  'precision',
  'log1p(fresh)',
  'log1p(otherFit)',
  'otherBetter',
  'ideasHalf',
  'pairSupport',
  'log1p(unsupportedPairs)',
] as const;

/**
 * Weights of the two logistic models over {@link FEATURE_NAMES} plus a bias: P(correct) and
 * P(at least partial). Fitted on the tuning answers named in docs/GRADING.md (features standardised
 * with MEAN and SCALE first).
 */
export const MODEL: LinearModel = {
  mean: [0.345, 0.131, 0.272, 1.372, 1.583, 0.646, 1.757, 0.757, 0.179, 0.188, 0.715, 0.194],
  scale: [0.265, 0.112, 0.259, 0.65, 0.79, 0.288, 0.596, 0.71, 0.383, 0.354, 0.293, 0.359],
  correct: [-0.202, 0.601, 0.216, 0.46, 0.312, -0.362, 1.23, 0.147, -0.212, 0.037, -0.017, -0.166, -0.691],
  partial: [-0.166, 0.2, 0.067, 0.038, 0.227, 0.29, 0.178, -0.027, -0.302, 0.056, -0.134, -0.203, 1.083],
};

/**
 * How likely right an answer must be to be accepted. Above 0.5 on purpose: a wrong answer in the right
 * words costs more (points for a mistake) than a right one graded partial, which the host sees as unsure.
 * Chosen on the tuning decks' leave-one-deck-out figures (`npm run eval:grading -- --fit`).
 */
export const ACCEPT_AT = 0.65;

/** A probability within this distance of a threshold is a guess: the host should look. */
export const UNSURE_BAND = 0.1;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The linear model's parameters (see {@link MODEL}). */
export interface LinearModel {
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly correct: readonly number[];
  readonly partial: readonly number[];
}

function linear(model: LinearModel, weights: readonly number[], features: readonly number[]): number {
  let z = weights[weights.length - 1]!;
  for (let i = 0; i < features.length; i++) {
    z += weights[i]! * ((features[i]! - model.mean[i]!) / model.scale[i]!);
  }
  return z;
}

/** How much of the answer another card of the deck explains that its own card does not. */
function mixupOf(
  card: RefCard,
  a: Tokens,
  own: Coverage,
): { index: number; margin: number; weight: number } | null {
  // through the deck's index of which cards use which word, not card by card (a deck may have 500)
  const weights = new Map<number, number>();
  for (let i = 0; i < a.stems.length; i++) {
    if (own.explained[i]) continue;
    const s = a.stems[i]!;
    const seen = new Set<number>();
    for (const m of [s, ...vocabMatches(card.deck, s)]) {
      for (const ci of card.deck.cardsOf.get(m) ?? []) {
        if (ci === card.ref.index || seen.has(ci)) continue;
        seen.add(ci);
        weights.set(ci, (weights.get(ci) ?? 0) + card.deck.idf(s));
      }
    }
  }
  let best: { index: number; margin: number; weight: number } | null = null;
  for (const [index, w] of weights) {
    if (best === null || w > best.weight) best = { index, margin: w - own.hitWeight, weight: w };
  }
  return best;
}

/** Computes the evidence and the model's features for an answer. */
export function refEvidence(card: RefCard, a: Tokens, text: string, strict = false): RefEvidence {
  const c = cover(card.deck, card.ref, a);
  const ideas = card.ref.ideas;
  let best = 0;
  let first = 0;
  let half = 0;
  c.ideaCover.forEach((v, k) => {
    if (v > best) best = v;
    if (ideas[k]!.sentence === 0 && v > first) first = v;
    if (v >= 0.5) half++;
  });
  let totalW = 0;
  for (const w of card.ref.stems.values()) totalW += w;
  const mixup = mixupOf(card, a, c);
  const otherFit = mixup?.weight ?? 0;
  const features = [
    best,
    totalW > 0 ? c.hitWeight / totalW : 0,
    first,
    Math.log1p(c.hits),
    Math.log1p(c.hitWeight),
    c.fresh > 0 ? c.hits / c.fresh : 0,
    Math.log1p(c.fresh),
    Math.log1p(otherFit),
    otherFit > c.hitWeight ? 1 : 0,
    Math.log1p(half),
    c.pairs > 0 ? c.supported / c.pairs : 0.5,
    Math.log1p(c.pairs - c.supported),
  ];
  const contra = [
    ...contradictions(card.deck, card.ref, a, text, card.tokenOptions),
    ...mixups(card.deck, card.ref, card.foreign, card.otherSubjects, text, card.tokenOptions, strict),
  ];
  return { coverage: c, contradictions: contra, mixup, features };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function labels(card: RefCard, c: Coverage): { matched: string[]; missing: string[] } {
  const matched: string[] = [];
  const missing: string[] = [];
  card.ref.ideas.forEach((idea, k) => {
    if (c.ideaCover[k]! >= 0.5) matched.push(idea.label);
    else if (idea.sentence === 0 || idea.bullet) missing.push(idea.label);
  });
  return { matched, missing };
}

/**
 * Grades an answer from the reference alone.
 * @param card - the compiled card
 * @param a - the answer's tokens (concepts folded)
 * @param text - the answer as typed
 * @param pre - a decision already made by the caller's hard rules (echo, "I don't know"), or null
 */
export function gradeByReference(card: RefCard, a: Tokens, text: string): RefDecision {
  // a wrong answer the host already marked wrong, near word for word
  const near =
    card.examples.length > 0
      ? nearestExample(card.deck, card.examples, contentOf(card.deck, a, card.ref.given))
      : null;
  if (near?.example.verdict === 'incorrect') {
    return {
      verdict: 'incorrect',
      score: 0,
      unsure: false,
      explanation: 'like an answer the host marked wrong',
      matched: [],
      missing: [],
      evidence: null,
    };
  }

  if (card.list) {
    const r = readList(card.deck, card.list, a, card.known, card.ref.given);
    const need = card.list.need;
    // a wrong item sinks a list; a sentence that names no item is read as prose below
    if (r.wrong.length > 0 && (r.named.length > 0 || looksLikeList(a))) {
      return {
        verdict: 'incorrect',
        score: 0,
        unsure: r.named.length >= need,
        explanation: `${r.wrong.join(', ')} ${r.wrong.length > 1 ? 'are' : 'is'} not ${card.list.noun ? `among the ${card.list.noun}` : 'on the list'}`,
        matched: r.named,
        missing: [],
        evidence: null,
      };
    }
    if (r.named.length >= need) {
      return {
        verdict: 'correct',
        score: 1,
        unsure: false,
        explanation: `${Math.min(r.named.length, need)} of ${need} needed`,
        matched: r.named,
        missing: [],
        evidence: null,
      };
    }
    if (r.named.length > 0) {
      return {
        verdict: 'partial',
        score: round2(Math.max(0.2, Math.min(0.8, r.named.length / need))),
        unsure: r.unknown > 0,
        explanation: `${r.named.length} of ${need} needed`,
        matched: r.named,
        missing: card.list.items
          .filter((i) => !r.named.includes(i.label))
          .slice(0, need - r.named.length)
          .map((i) => i.label),
        evidence: null,
      };
    }
    // names none of the listed items: fall through to the reference's prose
  }

  const ev = refEvidence(card, a, text);
  const { matched, missing } = labels(card, ev.coverage);
  if (ev.contradictions.length > 0) {
    return {
      verdict: 'incorrect',
      score: 0,
      unsure: false,
      explanation: ev.contradictions[0]!.text,
      matched,
      missing,
      evidence: ev,
    };
  }
  // an answer like one the host accepted (the rules above still catch a contradiction in it)
  if (near?.example.verdict === 'correct') {
    return {
      verdict: 'correct',
      score: 1,
      unsure: false,
      explanation: 'like an answer the host accepted',
      matched,
      missing: [],
      evidence: ev,
    };
  }
  // "Container Network Interface" for "What is CNI?": the abbreviation spelled out
  const spelled = spelledOutIn(card, text);
  if (spelled !== null) {
    return {
      verdict: 'correct',
      score: 1,
      unsure: false,
      explanation: `spells out ${spelled}`,
      matched,
      missing: [],
      evidence: ev,
    };
  }
  // "ss -ltnp" for "How do you see which process listens on a port?": the reference's own command
  const folded = text.toLowerCase().replace(/\s+/g, ' ');
  const command = card.commands.find((c) => folded.includes(c));
  if (command !== undefined) {
    return {
      verdict: 'correct',
      score: 1,
      unsure: false,
      explanation: `${command}, as the reference says`,
      matched,
      missing: [],
      evidence: ev,
    };
  }
  const m = card.model;
  const pCorrect = sigmoid(linear(m, m.correct, ev.features));
  const pPartial = Math.max(pCorrect, sigmoid(linear(m, m.partial, ev.features)));
  // a mix-up: another card explains much more of the answer than this one
  if (ev.mixup && ev.mixup.margin > 2 && ev.coverage.hitWeight < 1.5) {
    const other = card.deck.cards[ev.mixup.index]!;
    const name = other.subjects[0]
      ? display(card.deck, other.subjects[0])
      : other.card.prompt.replace(/\?$/, '');
    return {
      verdict: 'incorrect',
      score: 0,
      unsure: pCorrect >= 0.5,
      explanation: `this answers another question: ${name}`,
      matched,
      missing,
      evidence: ev,
    };
  }
  const nIdeas = card.ref.ideas.length;
  const got = matched.length;
  if (pCorrect >= ACCEPT_AT) {
    return {
      verdict: 'correct',
      score: 1,
      unsure: pCorrect < ACCEPT_AT + UNSURE_BAND,
      explanation: got > 0 ? `covers ${got} of ${nIdeas} key ideas` : 'says what the reference says',
      matched,
      missing: [],
      evidence: ev,
      byModel: true,
    };
  }
  if (pPartial >= 0.5 || pCorrect >= 0.5) {
    return {
      verdict: 'partial',
      // partial credit reaches 0.5 (an accept) exactly where the model would accept the answer
      score: round2(Math.max(0.2, Math.min(0.8, (pCorrect * 0.5) / ACCEPT_AT))),
      unsure: pCorrect > ACCEPT_AT - UNSURE_BAND || pPartial < 0.5 + UNSURE_BAND,
      explanation: got > 0 ? `covers ${got} of ${nIdeas} key ideas` : 'on the right track, but vague',
      matched,
      missing,
      evidence: ev,
      byModel: true,
    };
  }
  return {
    verdict: 'incorrect',
    score: 0,
    unsure: pPartial > 0.5 - UNSURE_BAND,
    explanation:
      ev.coverage.hits === 0 ? 'nothing of the reference answer' : 'too little of the reference answer',
    matched,
    missing,
    evidence: ev,
    byModel: true,
  };
}
