/**
 * What an answer says against a card's reference: which key ideas it covers, which of its words the
 * reference (or another card of the deck) explains, and where it contradicts the reference: a negated
 * fact, an opposite word, a wrong count or scope, a wrong lifetime, a reversed direction or two
 * concepts with their roles swapped. Pure.
 */
import type { DeckModel } from './deck';
import { fuzzyEquals } from './fuzzy';
import { stemMatches, type RefIdea } from './reference';
import type { Tokens } from './text';

/** A contradiction found in an answer, with its words for the reveal. */
export interface Contradiction {
  readonly kind: 'negation' | 'opposite' | 'scope' | 'count' | 'lifetime' | 'direction' | 'swap';
  /** A short explanation in plain words ("the reference says every node, not one"). */
  readonly text: string;
}

/** A card's reference compiled for finding evidence. */
export interface RefModel {
  readonly index: number;
  readonly ideas: readonly RefIdea[];
  /** Distinct reference stems with their weight (the highest over ideas). */
  readonly stems: ReadonlyMap<string, number>;
  /** Stems the question gives (an answer earns nothing for repeating them). */
  readonly given: ReadonlySet<string>;
  /** Stems the reference states only negated ("does not proxy", "without NAT"). */
  readonly negatedOnly: ReadonlySet<string>;
  /** Stems the reference asserts (not negated). */
  readonly asserted: ReadonlySet<string>;
  /** Number words of the reference with the stem they count ("3 replicas" -> replica: 3). */
  readonly counts: ReadonlyMap<string, number>;
  /** Stems that follow "each/every/all" in the reference (scope: every node). */
  readonly universal: ReadonlySet<string>;
  /** Lifetime of what the reference describes: +1 it lasts, -1 it goes away, 0 unknown or both. */
  readonly lifetime: number;
  /** Ordered concept pairs of the reference's clauses ("from A to B", "A → B", "A ... B"). */
  readonly directions: readonly (readonly [string, string])[];
  /** Which concept the reference says each stem about (for comparisons): stem -> concepts. */
  readonly attributed: ReadonlyMap<string, ReadonlySet<string>>;
  /** The concepts the question compares (the reference's clauses are about them): swaps are checked between them. */
  readonly subjects: readonly string[];
}

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1],
  ['single', 1],
  ['two', 2],
  ['both', 2],
  ['pair', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
]);

function numberOf(raw: string): number | undefined {
  const n = NUMBER_WORDS.get(raw);
  if (n !== undefined) return n;
  return /^\d{1,3}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Words of lasting and of going away, for lifetime contradictions ("keeps its data after the pod is
 * removed" against "deleted with the pod"). Stems, as the tokenizer makes them.
 */
const LASTS: ReadonlySet<string> = new Set(
  'persist persistent outliv surviv surviv stay remain retain durabl permanent keep kept preserv forever last independ'.split(' '),
);
const GOES: ReadonlySet<string> = new Set(
  'delet remov lost lose gone vanish disappear die ephemeral temporary transient wip destroy eras discard clean cleanup tie'.split(
    ' ',
  ),
);

/** Words that narrow a scope to one ("only on the node where...", "a single node"). */
const NARROW: ReadonlySet<string> = new Set(['only', 'single', 'just']);
/** "one" narrows only right before its noun ("one node"); "assigns one from the range" is a pronoun. */

/** Words that attribute what follows to what comes after them ("created by X"): passive voice flips roles. */
const PASSIVE = /\bby\b/;

function lifetimeOf(t: Tokens, from = 0, to = t.stems.length): number {
  let lasts = 0;
  let goes = 0;
  for (let i = from; i < to; i++) {
    const s = t.stems[i]!;
    const l = LASTS.has(s);
    const g = GOES.has(s);
    if (!l && !g) continue;
    // "not deleted" lasts; "doesn't keep" goes
    if (l !== t.neg[i]) lasts++;
    else goes++;
  }
  if (lasts > 0 && goes === 0) return 1;
  if (goes > 0 && lasts === 0) return -1;
  return 0;
}

/** Positions of deck concepts in `t`. */
function conceptPositions(model: DeckModel, t: Tokens): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.stems.length; i++) if (model.concepts.has(t.stems[i]!)) out.push(i);
  return out;
}

/**
 * Compiles the evidence model of a card's reference.
 * @param model - the deck
 * @param index - the card
 * @param ideas - its key ideas (from `compileIdeas`)
 * @param reference - its reference tokens (concepts folded)
 * @param mainSubject - the concept the question is about, if any
 */
export function compileRefModel(
  model: DeckModel,
  index: number,
  ideas: readonly RefIdea[],
  reference: Tokens,
  given: ReadonlySet<string>,
  promptConcepts: readonly string[],
): RefModel {
  const mainSubject = promptConcepts.length === 1 ? promptConcepts[0]! : null;
  const stems = new Map<string, number>();
  for (const idea of ideas) {
    idea.stems.forEach((s, k) => stems.set(s, Math.max(stems.get(s) ?? 0, idea.weights[k]!)));
  }
  const negated = new Set<string>();
  const asserted = new Set<string>();
  const counts = new Map<string, number>();
  const universal = new Set<string>();
  const t = reference;
  for (let i = 0; i < t.stems.length; i++) {
    const s = t.stems[i]!;
    if (t.neg[i]) negated.add(s);
    else asserted.add(s);
    const n = numberOf(t.raws[i]!);
    if (n !== undefined && i + 1 < t.stems.length && t.clause[i + 1] === t.clause[i]) counts.set(t.stems[i + 1]!, n);
    if (s === 'each' && i + 1 < t.stems.length && t.clause[i + 1] === t.clause[i]) universal.add(t.stems[i + 1]!);
  }
  const negatedOnly = new Set([...negated].filter((s) => !asserted.has(s)));

  // concept order within each clause, and which concept each sentence's words are about
  const directions: [string, string][] = [];
  const attributed = new Map<string, Set<string>>();
  const subjects: string[] = [];
  const pos = conceptPositions(model, t);
  for (let k = 0; k + 1 < pos.length; k++) {
    const a = pos[k]!;
    const b = pos[k + 1]!;
    if (t.clause[a] === t.clause[b] && t.stems[a] !== t.stems[b]) directions.push([t.stems[a]!, t.stems[b]!]);
  }
  // attribution: the first concept of a clause (or the card's subject) owns the clause's other words
  let clauseStart = 0;
  for (let i = 0; i <= t.stems.length; i++) {
    if (i < t.stems.length && t.clause[i] === t.clause[clauseStart]) continue;
    let owner: string | null = null;
    for (let k = clauseStart; k < i && owner === null; k++) if (model.concepts.has(t.stems[k]!)) owner = t.stems[k]!;
    owner ??= mainSubject;
    if (owner !== null) {
      if (promptConcepts.includes(owner) && !subjects.includes(owner)) subjects.push(owner);
      for (let k = clauseStart; k < i; k++) {
        const s = t.stems[k]!;
        if (s === owner || model.concepts.has(s)) continue;
        let set = attributed.get(s);
        if (!set) attributed.set(s, (set = new Set()));
        set.add(owner);
      }
    }
    clauseStart = i;
  }
  return {
    index,
    ideas,
    stems,
    given,
    negatedOnly,
    asserted,
    counts,
    universal,
    lifetime: lifetimeOf(t),
    directions,
    attributed,
    subjects,
  };
}

/** What an answer covers of a reference. */
export interface Coverage {
  /** Share of each idea's weight the answer covers (0..1). */
  readonly ideaCover: readonly number[];
  /** Reference stems the answer matched. */
  readonly matched: ReadonlySet<string>;
  /** Answer words (not the question's) that the reference explains. */
  readonly hits: number;
  /** Answer words that are not the question's. */
  readonly fresh: number;
  /** Summed weight of the matched reference stems. */
  readonly hitWeight: number;
  /** Answer positions whose word the reference explains (or the question gives). */
  readonly explained: Uint8Array;
}

/**
 * Matches an answer against a reference model.
 * @param model - the deck
 * @param ref - the card's reference
 * @param a - the answer's tokens (concepts folded)
 */
export function cover(model: DeckModel, ref: RefModel, a: Tokens): Coverage {
  const matched = new Set<string>();
  const explained = new Uint8Array(a.stems.length);
  let hits = 0;
  let fresh = 0;
  for (let i = 0; i < a.stems.length; i++) {
    const s = a.stems[i]!;
    if (ref.given.has(s) || (a.join2[i] !== '' && ref.given.has(a.join2[i]!))) {
      explained[i] = 1;
      continue;
    }
    fresh++;
    let hit = false;
    for (const r of ref.stems.keys()) {
      if (stemMatches(model, s, r)) {
        matched.add(r);
        hit = true;
      }
    }
    const glued = a.join2[i]!;
    if (!hit && glued !== '' && ref.stems.has(glued)) {
      matched.add(glued);
      hit = true;
    }
    if (hit) {
      hits++;
      explained[i] = 1;
    }
  }
  const ideaCover = ref.ideas.map((idea) => {
    let w = 0;
    idea.stems.forEach((s, k) => {
      if (matched.has(s)) w += idea.weights[k]!;
    });
    return w / idea.total;
  });
  let hitWeight = 0;
  for (const s of matched) hitWeight += ref.stems.get(s) ?? 0;
  return { ideaCover, matched, hits, fresh, hitWeight, explained };
}

/** True when a negator of the answer's clause may reach position `i` (the tokenizer's scope is short). */
function nearNegator(a: Tokens, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4 && a.clause[k] === a.clause[i]; k--) if (a.neg[k]) return true;
  return false;
}

/** True when `r` is a word of one of the question's names ("proxy" of "kube-proxy"). */
function partOfGiven(ref: RefModel, r: string): boolean {
  for (const g of ref.given) if (g.length > r.length + 2 && (g.startsWith(r) || g.endsWith(r))) return true;
  return false;
}

/**
 * True when the answer has a word (not negated) that is reference stem `r` (typos and word forms,
 * not synonyms: a contradiction must be about the same word).
 */
function asserts(model: DeckModel, a: Tokens, r: string, from = 0, to = a.stems.length): number {
  for (let i = from; i < to; i++) if (!a.neg[i] && sameWord(a.stems[i]!, r)) return i;
  return -1;
}

function sameWord(a: string, r: string): boolean {
  if (a === r || fuzzyEquals(a, r)) return true;
  const short = a.length <= r.length ? a : r;
  return short.length >= 5 && (short === a ? r : a).startsWith(short);
}

/**
 * Contradictions between an answer and the reference.
 * @param model - the deck
 * @param ref - the card's reference
 * @param a - the answer's tokens (concepts folded)
 * @param text - the answer as typed (for "by": passive voice)
 */
export function contradictions(model: DeckModel, ref: RefModel, a: Tokens, text: string): Contradiction[] {
  const out: Contradiction[] = [];
  const n = a.stems.length;
  // negation: the answer asserts what the reference denies ("the proxy that forwards..." where the
  // reference says it "does not proxy"); a word within reach of a negator of the answer is not asserted
  for (const r of ref.negatedOnly) {
    if ((ref.stems.get(r) ?? 0) < 1 || ref.given.has(r) || partOfGiven(ref, r)) continue;
    const i = asserts(model, a, r);
    if (i >= 0 && !nearNegator(a, i)) out.push({ kind: 'negation', text: `the reference says no ${a.raws[i]}` });
  }
  // opposites: an antonym of a reference word that the reference itself never uses
  for (let i = 0; i < n; i++) {
    if (a.neg[i]) continue;
    const s = a.stems[i]!;
    if (ref.stems.has(s) || ref.negatedOnly.has(s)) continue;
    for (const r of ref.asserted) {
      const opp = model.opposites.get(r);
      if (opp?.has(s) && asserts(model, a, r) < 0) {
        out.push({ kind: 'opposite', text: `${a.raws[i]}, where the reference says the opposite` });
        break;
      }
    }
  }
  // scope: "only on the node where..." against "on every node"
  for (let i = 0; i + 1 < n; i++) {
    const raw = a.raws[i]!;
    if (!NARROW.has(raw)) continue;
    for (let j = i + 1; j < Math.min(n, i + 2) && a.clause[j] === a.clause[i]; j++) {
      if ([...ref.universal].some((u) => sameWord(a.stems[j]!, u))) {
        out.push({ kind: 'scope', text: `the reference says every ${a.raws[j]}, not ${raw} one` });
        i = n;
        break;
      }
    }
  }
  // counts: a different number of the same thing
  for (let i = 0; i + 1 < n; i++) {
    const k = numberOf(a.raws[i]!);
    if (k === undefined || a.clause[i + 1] !== a.clause[i]) continue;
    for (const [thing, m] of ref.counts) {
      if (m !== k && stemMatches(model, a.stems[i + 1]!, thing)) {
        out.push({ kind: 'count', text: `${m} ${a.raws[i + 1]}, not ${k}` });
        break;
      }
    }
  }
  // lifetime
  if (ref.lifetime !== 0) {
    const mine = lifetimeOf(a);
    if (mine !== 0 && mine !== ref.lifetime)
      out.push({
        kind: 'lifetime',
        text: ref.lifetime > 0 ? 'it lasts, it is not removed' : 'it goes away, it does not last',
      });
  }
  // direction and roles: two concepts in the reverse order of the reference's clause
  const passive = PASSIVE.test(text.toLowerCase());
  if (!passive && ref.directions.length > 0) {
    const pos = conceptPositions(model, a);
    for (let k = 0; k + 1 < pos.length; k++) {
      const x = a.stems[pos[k]!]!;
      const y = a.stems[pos[k + 1]!]!;
      if (a.clause[pos[k]!] !== a.clause[pos[k + 1]!]) continue;
      const reversed = ref.directions.some(([p, q]) => p === y && q === x);
      const straight = ref.directions.some(([p, q]) => p === x && q === y);
      if (reversed && !straight) {
        out.push({ kind: 'direction', text: `${display(model, y)} comes before ${display(model, x)}` });
        break;
      }
    }
  }
  // swapped attributes: what the reference says about one concept, the answer says about another
  if (ref.subjects.length >= 2) {
    const pos = conceptPositions(model, a);
    for (let k = 0; k < pos.length; k++) {
      const owner = a.stems[pos[k]!]!;
      if (!ref.subjects.includes(owner)) continue;
      const end = k + 1 < pos.length ? pos[k + 1]! : n;
      let wrongOwner: string | null = null;
      let rightHits = 0;
      for (let i = pos[k]! + 1; i < end && a.clause[i] === a.clause[pos[k]!]; i++) {
        const s = a.stems[i]!;
        if (a.neg[i]) continue;
        for (const [r, owners] of ref.attributed) {
          if ((ref.stems.get(r) ?? 0) < 0.5 || !stemMatches(model, s, r)) continue;
          if (owners.has(owner)) rightHits++;
          else {
            for (const o of owners) if (ref.subjects.includes(o) && o !== owner) wrongOwner = o;
          }
        }
      }
      if (wrongOwner !== null && rightHits === 0) {
        out.push({ kind: 'swap', text: `mixed up ${display(model, owner)} and ${display(model, wrongOwner)}` });
        break;
      }
    }
  }
  return out;
}

/** How a concept reads in an explanation ("PVC", "kube-proxy"). */
export function display(model: DeckModel, canon: string): string {
  return model.concepts.get(canon)?.display ?? canon;
}
