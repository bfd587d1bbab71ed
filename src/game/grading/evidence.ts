/**
 * What an answer says against a card's reference: which key ideas it covers, which of its words the
 * reference (or another card of the deck) explains, and where it contradicts the reference: a negated
 * fact, an opposite word, a wrong count or scope, a wrong lifetime, a reversed direction or two
 * concepts with their roles swapped. Pure.
 */
import type { DeckModel } from './deck';
import { fuzzyEquals } from './fuzzy';
import { sameRootWord, stemMatches, vocabMatches, WEAK, type RefIdea } from './reference';
import { tokenize, type TokenizeOptions, type Tokens } from './text';

/** A contradiction found in an answer, with its words for the reveal. */
export interface Contradiction {
  readonly kind:
    | 'negation'
    | 'opposite'
    | 'scope'
    | 'count'
    | 'lifetime'
    | 'direction'
    | 'swap'
    | 'foreign'
    | 'identity'
    | 'role'
    | 'order';
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
  readonly counts: ReadonlyMap<string, ReadonlySet<number>>;
  /**
   * Things the reference says are absent, the words right after "no", "without", "never" ("uses no CPU
   * or memory"), and that it never mentions otherwise.
   */
  readonly absent: ReadonlySet<string>;
  /** Every number the reference gives. */
  readonly numbers: ReadonlySet<number>;
  /** Stems that follow "one" or "single" in the reference (one for all: "share one public IP"). */
  readonly single: ReadonlySet<string>;
  /** Stems that follow "each/every/all" in the reference (scope: every node). */
  readonly universal: ReadonlySet<string>;
  /** Lifetime of what the reference describes: +1 it lasts, -1 it goes away, 0 unknown or both. */
  readonly lifetime: number;
  /** Ordered concept pairs of the reference's clauses ("from A to B", "A → B", "A ... B"). */
  readonly directions: readonly (readonly [string, string])[];
  /** Which concept the reference says each stem about (for comparisons): stem -> concepts. */
  readonly attributed: ReadonlyMap<string, ReadonlySet<string>>;
  /** Which concepts each stem follows closely in the reference ("fork() creates a child": creat -> fork). */
  readonly local: ReadonlyMap<string, ReadonlySet<string>>;
  /** The concepts the question compares (the reference's clauses are about them): swaps are checked between them. */
  readonly subjects: readonly string[];
  /** The concept each idea is about (by index), or null. */
  readonly owners: readonly (string | null)[];
  /** Words of the reference's first clause: what the subject is. */
  readonly category: ReadonlySet<string>;
  /** True for a list or sequence question (its answers name many concepts on purpose). */
  readonly isList: boolean;
  /** Reference stems outside parentheses (what it says, not its examples). */
  readonly mainStems: ReadonlySet<string>;
  /** For a sequence question: each reference stem at its first position (empty otherwise). */
  readonly ordered: ReadonlyMap<string, readonly number[]>;
  /** The question asks for a difference ("What is the difference between X and Y?"). */
  readonly asksDifference: boolean;
  /** The question asks how to do something. */
  readonly asksHow: boolean;
  /** The reference itself says something cannot be done. */
  readonly deniesPossibility: boolean;
  /** Stems the reference uses only as past participles with no "by" ("the Pods scheduled there"). */
  readonly passiveOnly: ReadonlyMap<string, string>;
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
  'persist persistent outliv surviv surviv stay remain retain durabl permanent keep kept preserv forever last independ'.split(
    ' ',
  ),
);
const GOES: ReadonlySet<string> = new Set(
  'delet remov lost lose gone vanish disappear die ephemeral temporary transient wip destroy eras discard clean cleanup tie'.split(
    ' ',
  ),
);

/** Below this share of pairs in the reference's order, a sequence is wrong (one swap in five steps keeps 90%). */
const MIN_ORDER = 0.85;
/** "no difference", "the same thing", "they're identical". */
const SAME =
  /\bno (?:real )?diff(?:erence)?\b|\b(?:they|both)(?: are|'re)? (?:(?:basically|just|exactly) )?(?:the same|identical)\b|\bsame thing\b/i;
/** "you can't", "impossible", "not possible", "no way to". */
const CANNOT = /\b(?:can'?t|cannot|impossible|not possible|no way)\b/i;

/**
 * Share of pairs of the answer's steps in the reference's order (steps are the answer's words the
 * reference has, at the position it first has them; neighbours in the reference make one step), or
 * null when the answer names fewer than three steps.
 */
function orderShare(ref: RefModel, text: string, opts: TokenizeOptions): number | null {
  // asides in parentheses ("index (git add)") are not steps
  const a = tokenize(text.replace(/\([^)]*\)/g, ' '), opts);
  const pos: number[] = [];
  let last = -1;
  for (let i = 0; i < a.stems.length; i++) {
    const s = a.stems[i]!;
    if (ref.given.has(s) || WEAK.has(s) || /^\d+$/.test(s)) continue;
    const at = ref.ordered.get(s) ?? [...ref.ordered.entries()].find(([r]) => sameWord(s, r))?.[1];
    if (at === undefined) continue;
    // a word the reference uses more than once stands for the occurrence after the previous step
    const later = at.find((p) => p > last);
    const p = later ?? at[0]!;
    // one step spelled in several words ("working tree", "local repository")
    if (last >= 0 && Math.abs(p - last) <= 1) {
      last = p;
      continue;
    }
    if (!pos.includes(p)) pos.push(p);
    last = p;
  }
  if (pos.length < 3) return null;
  let pairs = 0;
  let good = 0;
  for (let i = 0; i < pos.length; i++) {
    for (let j = i + 1; j < pos.length; j++) {
      pairs++;
      if (pos[i]! < pos[j]!) good++;
    }
  }
  return good / pairs;
}

/** Words that narrow a scope to one ("only on the node where...", "a single node"). */
const NARROW: ReadonlySet<string> = new Set(['only', 'single', 'just']);
/** "one" narrows only right before its noun ("one node"); "assigns one from the range" is a pronoun. */

/** A sequence written with arrows ("A -> B -> C"): the order of its concepts is meant. */
const ARROW = /->|→|=>|>/;

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
  isList: boolean,
  mainStems: ReadonlySet<string>,
  text: string,
  prompt: string,
  opts: TokenizeOptions,
): RefModel {
  const mainSubject = promptConcepts.length === 1 ? promptConcepts[0]! : null;
  const stems = new Map<string, number>();
  for (const idea of ideas) {
    idea.stems.forEach((s, k) => stems.set(s, Math.max(stems.get(s) ?? 0, idea.weights[k]!)));
  }
  const negated = new Set<string>();
  const asserted = new Set<string>();
  const counts = new Map<string, Set<number>>();
  const numbers = new Set<number>();
  const universal = new Set<string>();
  const single = new Set<string>();
  const t = reference;
  for (let i = 0; i < t.stems.length; i++) {
    const s = t.stems[i]!;
    if (t.neg[i]) negated.add(s);
    else asserted.add(s);
    const n = numberOf(t.raws[i]!);
    if (n !== undefined) {
      numbers.add(n);
      for (let j = Math.max(0, i - 2); j <= Math.min(t.stems.length - 1, i + 2); j++) {
        if (j === i || t.clause[j] !== t.clause[i] || numberOf(t.raws[j]!) !== undefined) continue;
        counts.set(t.stems[j]!, (counts.get(t.stems[j]!) ?? new Set<number>()).add(n));
      }
    }
    if (s === 'each' && i + 1 < t.stems.length && t.clause[i + 1] === t.clause[i])
      universal.add(t.stems[i + 1]!);
    // "share one public IP": the next two words after "one" or "single" (an adjective may come first)
    if ((t.raws[i] === 'one' || t.raws[i] === 'single') && !t.neg[i]) {
      for (let j = i + 1; j <= i + 2 && j < t.stems.length && t.clause[j] === t.clause[i]; j++)
        single.add(t.stems[j]!);
    }
  }
  const negatedOnly = new Set([...negated].filter((s) => !asserted.has(s)));

  // concept order within each clause, and which concept each sentence's words are about
  const directions: [string, string][] = [];
  const pos = conceptPositions(model, t);
  for (let k = 0; k + 1 < pos.length; k++) {
    const a = pos[k]!;
    const b = pos[k + 1]!;
    if (t.clause[a] === t.clause[b] && t.stems[a] !== t.stems[b]) directions.push([t.stems[a]!, t.stems[b]!]);
  }
  const { attributed, owners } = attribute(model, ideas, mainSubject, promptConcepts);
  const local = localAttributes(model, t);
  const subjects = promptConcepts.filter((c) => [...attributed.values()].some((o) => o.has(c)));
  const category = categoryOf(ideas, given);
  return {
    index,
    ideas,
    stems,
    given,
    negatedOnly,
    asserted,
    counts,
    numbers,
    absent: new Set([...absentOf(text, given, opts)].filter((x) => !asserted.has(x))),
    universal,
    single,
    lifetime: lifetimeOf(t),
    directions,
    attributed,
    local,
    subjects,
    owners,
    category,
    isList,
    mainStems,
    passiveOnly: passiveOnlyOf(t, text),
    ordered: orderOf(t, given, prompt, text, opts),
    asksDifference: /\b(?:difference|differ|compare|vs\.?|versus)\b/i.test(prompt),
    asksHow: /^\s*how\s+(?:do|can|would|should)\b/i.test(prompt),
    deniesPossibility: CANNOT.test(text),
  };
}

/** A sequence question ("Order the stages...", "In what order...", "from X to Y", "steps"): where each reference stem first comes. */
function orderOf(
  t: Tokens,
  given: ReadonlySet<string>,
  prompt: string,
  text: string,
  opts: TokenizeOptions,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!/\b(?:order|sequence|steps|stages|flow|lifecycle|in turn)\b|\bfrom\b.+\bto\b/i.test(prompt))
    return out;
  // a reference that writes the sequence with arrows ("Internet → LoadBalancer → NodePort") names its steps
  const chain = text.split('\n').find((l) => (l.match(/→|->/g) ?? []).length >= 2);
  if (chain) {
    chain.split(/→|->/).forEach((item, k) => {
      for (const s of tokenize(item, opts).stems) if (!given.has(s) && !out.has(s)) out.set(s, [k * 2]);
    });
    return out;
  }
  for (let i = 0; i < t.stems.length; i++) {
    const s = t.stems[i]!;
    if (given.has(s) || WEAK.has(s)) continue;
    out.set(s, [...(out.get(s) ?? []), i]);
  }
  return out;
}

/** The words a reference says are absent ("no CPU or memory", "without NAT"), as stems, each with weight. */
function absentOf(text: string, given: ReadonlySet<string>, opts: TokenizeOptions): Set<string> {
  const out = new Set<string>();
  // "no CPU or memory": both; "no merge commit": its head word, the last one
  for (const m of text.matchAll(
    /\b(?:no|without|never)\s+([A-Za-z][\w-]*)(?:\s+(or|and|nor)\s+([A-Za-z][\w-]*)|\s+([A-Za-z][\w-]*))?/gi,
  )) {
    const words = m[2]
      ? [m[1]!, m[3]!]
      : [m[4] && !/^(?:is|are|was|be|in|on|at|to|of|for|the|a)$/i.test(m[4]) ? m[4] : m[1]!];
    for (const w of words)
      for (const s of tokenize(w, opts).stems) if (!given.has(s) && !WEAK.has(s)) out.add(s);
  }
  return out;
}

function passiveOnlyOf(t: Tokens, text: string): Map<string, string> {
  const passive = new Map<string, string>();
  const active = new Set<string>();
  const lower = text.toLowerCase();
  for (let i = 0; i < t.raws.length; i++) {
    const raw = t.raws[i]!;
    if (raw.endsWith('ed') && !lower.includes(`${raw} by `)) passive.set(t.stems[i]!, raw);
    else active.add(t.stems[i]!);
  }
  for (const s of active) passive.delete(s);
  return passive;
}

/**
 * Which concept each clause of the reference is about: the concept it starts with (within its first
 * two words), else the subject of its sentence so far, else the card's subject.
 */
function attribute(
  model: DeckModel,
  ideas: readonly RefIdea[],
  mainSubject: string | null,
  compared: readonly string[],
): { attributed: Map<string, Set<string>>; owners: (string | null)[] } {
  const attributed = new Map<string, Set<string>>();
  const owners: (string | null)[] = [];
  let sentence = -1;
  let owner: string | null = null;
  for (const idea of ideas) {
    if (idea.sentence !== sentence) {
      // a new sentence is about the card's subject, or (comparing two) still about the last one named
      sentence = idea.sentence;
      owner = mainSubject ?? owner;
    }
    const t = idea.tokens;
    for (let k = 0; k < Math.min(2, t.stems.length); k++) {
      // comparing two things, a clause is about one of them; otherwise about any concept it opens with
      if (compared.length >= 2 ? compared.includes(t.stems[k]!) : model.concepts.has(t.stems[k]!)) {
        owner = t.stems[k]!;
        break;
      }
    }
    owners.push(owner);
    if (owner === null) continue;
    for (const s of t.stems) {
      if (s === owner || model.concepts.has(s)) continue;
      let set = attributed.get(s);
      if (!set) attributed.set(s, (set = new Set()));
      set.add(owner);
    }
  }
  return { attributed, owners };
}

/** How many content words after a concept say what it does. */
const PREDICATE_REACH = 4;

/** For each concept mention, the next few words of its clause: what the reference says it does. */
function localAttributes(model: DeckModel, t: Tokens): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < t.stems.length; i++) {
    const c = t.stems[i]!;
    if (!model.concepts.has(c)) continue;
    for (
      let j = i + 1, n = 0;
      j < t.stems.length && n < PREDICATE_REACH && t.clause[j] === t.clause[i];
      j++
    ) {
      const s = t.stems[j]!;
      if (model.concepts.has(s) || WEAK.has(s)) continue;
      n++;
      const set = out.get(s) ?? new Set<string>();
      set.add(c);
      out.set(s, set);
    }
  }
  return out;
}

/**
 * Two concepts doing each other's part ("execve creates a new process, then fork loads ls"): each
 * mention's next words are what the reference says only about the other one, both ways.
 */
function localSwap(model: DeckModel, ref: RefModel, a: Tokens): Contradiction | null {
  const right = new Map<string, number>();
  const wrong = new Map<string, Map<string, number>>();
  for (let i = 0; i < a.stems.length; i++) {
    const c = a.stems[i]!;
    if (!model.concepts.has(c)) continue;
    for (
      let j = i + 1, n = 0;
      j < a.stems.length && n < PREDICATE_REACH && a.clause[j] === a.clause[i];
      j++
    ) {
      const s = a.stems[j]!;
      if (model.concepts.has(s) || WEAK.has(s)) continue;
      n++;
      const about = new Set<string>();
      for (const [r, owners] of ref.local) if (sameWord(s, r)) for (const o of owners) about.add(o);
      if (about.size !== 1) continue;
      const o = [...about][0]!;
      if (o === c) right.set(c, (right.get(c) ?? 0) + 1);
      else {
        const w = wrong.get(c) ?? new Map<string, number>();
        w.set(o, (w.get(o) ?? 0) + 1);
        wrong.set(c, w);
      }
    }
  }
  for (const [x, ws] of wrong) {
    for (const [y, n] of ws) {
      const back = wrong.get(y)?.get(x) ?? 0;
      if (back > 0 && n > (right.get(x) ?? 0) && back > (right.get(y) ?? 0))
        return { kind: 'swap', text: `mixed up ${display(model, x)} and ${display(model, y)}` };
    }
  }
  return null;
}

/** What the reference says the subject is: the words after "is a/an/the" in its first clause. */
function categoryOf(ideas: readonly RefIdea[], given: ReadonlySet<string>): Set<string> {
  const first = ideas[0];
  const out = new Set<string>();
  if (!first) return out;
  for (const s of first.tokens.stems) if (!given.has(s)) out.add(s);
  return out;
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
  /** Neighbouring pairs of explained words in one claim of the answer, and how many one clause of the reference also has. */
  readonly pairs: number;
  readonly supported: number;
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
  // the reference stems each answer word stands for, for pairs
  const matchOf: (string[] | null)[] = new Array<string[] | null>(a.stems.length).fill(null);
  let hits = 0;
  let fresh = 0;
  for (let i = 0; i < a.stems.length; i++) {
    const s = a.stems[i]!;
    if (ref.given.has(s) || (a.join2[i] !== '' && ref.given.has(a.join2[i]!))) {
      explained[i] = 1;
      continue;
    }
    fresh++;
    const mine: string[] = [];
    for (const r of ref.stems.keys()) {
      if (stemMatches(model, s, r)) {
        matched.add(r);
        mine.push(r);
      }
    }
    const glued = a.join2[i]!;
    if (mine.length === 0 && glued !== '' && ref.stems.has(glued)) {
      matched.add(glued);
      mine.push(glued);
    }
    if (mine.length > 0) {
      hits++;
      explained[i] = 1;
      matchOf[i] = mine;
    }
  }
  // pairs of neighbouring words of a claim that the reference also says together, in one clause
  let pairs = 0;
  let supported = 0;
  let prev = -1;
  for (let i = 0; i < a.stems.length; i++) {
    const m = matchOf[i];
    if (!m) continue;
    if (prev >= 0 && a.clause[prev] === a.clause[i] && !WEAK.has(a.stems[i]!) && !WEAK.has(a.stems[prev]!)) {
      pairs++;
      const pm = matchOf[prev]!;
      if (
        ref.ideas.some(
          (idea) => pm.some((x) => idea.stems.includes(x)) && m.some((y) => idea.stems.includes(y)),
        )
      )
        supported++;
    }
    prev = i;
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
  return { ideaCover, matched, hits, fresh, hitWeight, explained, pairs, supported };
}

/** True when `r` is a word of one of the question's names ("proxy" of "kube-proxy"). */
function partOfGiven(ref: RefModel, r: string): boolean {
  for (const g of ref.given) if (g.length > r.length + 2 && (g.startsWith(r) || g.endsWith(r))) return true;
  return false;
}

function sameWord(a: string, r: string): boolean {
  return a === r || fuzzyEquals(a, r) || sameRootWord(a, r);
}

/**
 * Contradictions between an answer and the reference.
 * @param model - the deck
 * @param ref - the card's reference
 * @param a - the answer's tokens (concepts folded)
 * @param text - the answer as typed (for "by": passive voice)
 */
export function contradictions(
  model: DeckModel,
  ref: RefModel,
  a: Tokens,
  text: string,
  opts: TokenizeOptions,
): Contradiction[] {
  const out: Contradiction[] = [];
  const n = a.stems.length;
  // absence: the reference says "no CPU or memory", "without NAT", the answer says it has them
  // (in a comparison the absence belongs to one of the two: the swap check covers it)
  for (const r of ref.subjects.length >= 2 ? [] : ref.absent) {
    for (let i = 0; i < n; i++) {
      if (a.neg[i] || !sameWord(a.stems[i]!, r) || negatorBefore(a, i)) continue;
      out.push({ kind: 'negation', text: `the reference says no ${a.raws[i]}` });
      i = n;
    }
  }
  // scope: "only on the node where..." against "on every node"
  for (let i = 0; i + 1 < n; i++) {
    const raw = a.raws[i]!;
    if (!NARROW.has(raw)) continue;
    for (let j = i + 1; j < Math.min(n, i + 2) && a.clause[j] === a.clause[i]; j++) {
      if (someOf(ref.universal, (u) => sameWord(a.stems[j]!, u))) {
        out.push({ kind: 'scope', text: `the reference says every ${a.raws[j]}, not ${raw} one` });
        i = n;
        break;
      }
    }
  }
  // one for all against one each: "many hosts share one public IP" / "each host gets its own public IP"
  for (let i = 0; i < n; i++) {
    if (a.raws[i] !== 'each' && a.raws[i] !== 'own') continue;
    for (let j = i + 1; j < Math.min(n, i + 4) && a.clause[j] === a.clause[i]; j++) {
      if (someOf(ref.single, (u) => sameWord(a.stems[j]!, u))) {
        const what = someOf(ref.single, (u) => j + 1 < n && sameWord(a.stems[j + 1]!, u))
          ? `${a.raws[j]} ${a.raws[j + 1]}`
          : a.raws[j]!;
        out.push({ kind: 'scope', text: `the reference says one ${what} for all, not one each` });
        i = n;
        break;
      }
    }
  }
  // counts: a number the reference never gives, for a thing the reference counts ("two parents", "port 443")
  for (let i = 0; i < n; i++) {
    const k = numberOf(a.raws[i]!);
    if (k === undefined || ref.numbers.has(k)) continue;
    for (let j = Math.max(0, i - 2); j <= Math.min(n - 1, i + 2); j++) {
      if (j === i || a.clause[j] !== a.clause[i]) continue;
      const thing = [...ref.counts.keys()].find((t) => sameWord(a.stems[j]!, t));
      if (thing !== undefined) {
        out.push({
          kind: 'count',
          text: `${[...ref.counts.get(thing)!].join(' or ')} ${a.raws[j]}, not ${k}`,
        });
        i = n;
        break;
      }
    }
  }
  // a sequence out of order
  if (ref.ordered.size >= 3) {
    const share = orderShare(ref, text, opts);
    if (share !== null && share < MIN_ORDER)
      out.push({ kind: 'order', text: 'the steps are not in the right order' });
  }
  // "no difference" to a question about a difference; "you can't" where the reference says how
  if (ref.asksDifference && SAME.test(text)) out.push({ kind: 'negation', text: 'they are different' });
  if (ref.asksHow && CANNOT.test(text) && !ref.deniesPossibility)
    out.push({ kind: 'negation', text: 'it can be done' });
  // roles: the answer's subject does what the reference says is done to something else ("it schedules
  // pods" where the reference says "the Pods scheduled there"): its first word, as an active verb,
  // is a word the reference only uses as a past participle without saying by whom
  if (n >= 2) {
    const verb = a.raws[0]!;
    const s0 = a.stems[0]!;
    const done = ref.passiveOnly.get(s0);
    if (/[^s]s$/.test(verb) && done !== undefined && !ref.given.has(s0))
      out.push({ kind: 'role', text: `the reference says ${done}, not that it does it` });
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
  if (!passive && ref.directions.length > 0 && ARROW.test(text)) {
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
  const swap =
    (ref.subjects.length >= 2 ? swapped(model, ref, text, opts) : null) ?? localSwap(model, ref, a);
  if (swap) out.push(swap);
  return out;
}

/**
 * A comparison answer that says about one concept what the reference says about the other ("a
 * service routes by url path and ingress gives pods a stable ip"). Each claim of the answer is about
 * the concept it starts with, or the previous claim's.
 */
function swapped(model: DeckModel, ref: RefModel, text: string, opts: TokenizeOptions): Contradiction | null {
  // per concept of the answer: how many of its words the reference says only about it (right), and
  // only about the other concept (wrong); words the reference says about both tell nothing
  const right = new Map<string, number>();
  const wrong = new Map<string, Map<string, number>>();
  let owner: string | null = null;
  for (const { text: part } of claims(text)) {
    const t = tokenize(part, opts);
    if (t.stems.length > 0 && ref.subjects.includes(t.stems[0]!)) owner = t.stems[0]!;
    if (owner === null) continue;
    for (let i = 0; i < t.stems.length; i++) {
      const s = t.stems[i]!;
      if (s === owner || model.concepts.has(s)) continue;
      const about = new Set<string>();
      for (const [r, owners] of ref.attributed) {
        if ((ref.stems.get(r) ?? 0) < 0.5 || !sameWord(s, r)) continue;
        for (const o of owners) if (ref.subjects.includes(o)) about.add(o);
      }
      if (about.size !== 1) continue;
      const o = [...about][0]!;
      if (o === owner) right.set(owner, (right.get(owner) ?? 0) + 1);
      else {
        const w = wrong.get(owner) ?? new Map<string, number>();
        w.set(o, (w.get(o) ?? 0) + 1);
        wrong.set(owner, w);
      }
    }
  }
  // a swap is mutual: each concept gets more of the other's words than of its own
  for (const [x, ws] of wrong) {
    for (const [y, n] of ws) {
      const back = wrong.get(y)?.get(x) ?? 0;
      const mine = right.get(x) ?? 0;
      if (back > 0 && n > mine && back > (right.get(y) ?? 0))
        return { kind: 'swap', text: `mixed up ${display(model, x)} and ${display(model, y)}` };
    }
  }
  return null;
}

/** True when a negator of the answer's clause comes shortly before position `i` (beyond the tokenizer's reach). */
function negatorBefore(a: Tokens, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4 && a.clause[k] === a.clause[i]; k--) if (a.neg[k]) return true;
  return false;
}

/** True when any of `set` satisfies `test` (without copying the set). */
function someOf(set: Iterable<string>, test: (x: string) => boolean): boolean {
  for (const x of set) if (test(x)) return true;
  return false;
}

/** How a concept reads in an explanation ("PVC", "kube-proxy"). */
export function display(model: DeckModel, canon: string): string {
  return model.concepts.get(canon)?.display ?? canon;
}

/** A clause of another card that does not mention this card's subject: a source of confusions. */
export interface ForeignIdea {
  readonly card: number;
  /** The concept the clause is about, if any. */
  readonly owner: string | null;
  readonly stems: ReadonlySet<string>;
}

/** Other cards' clauses by the words they have, and those that are no confusion for this card. */
export interface ForeignIndex {
  readonly byStem: ReadonlyMap<string, readonly ForeignIdea[]>;
  readonly except?: ReadonlySet<ForeignIdea>;
}

/** Indexes clauses by their words. */
export function indexForeign(ideas: readonly ForeignIdea[]): ForeignIndex {
  const byStem = new Map<string, ForeignIdea[]>();
  for (const idea of ideas) {
    for (const s of idea.stems) {
      const list = byStem.get(s) ?? [];
      list.push(idea);
      byStem.set(s, list);
    }
  }
  return { byStem };
}

/** Other cards' clauses that say nothing about this card's subject. */
export function deckIdeas(refs: readonly RefModel[]): ForeignIdea[] {
  const out: ForeignIdea[] = [];
  for (const ref of refs) {
    ref.ideas.forEach((idea, k) =>
      out.push({ card: ref.index, owner: ref.owners[k] ?? null, stems: idea.stemSet }),
    );
  }
  return out;
}

/**
 * The deck's clauses that are no source of confusion for a card: its own, and those that name its
 * subject (they say something true about it: "CoreDNS resolves names" on the Service discovery card).
 */
export function notForeign(
  model: DeckModel,
  own: RefModel,
  ideas: readonly ForeignIdea[],
  index: ForeignIndex,
): Set<ForeignIdea> {
  const out = new Set<ForeignIdea>();
  for (const s of own.given) {
    if (model.idf(s) < 1.2) continue;
    for (const idea of index.byStem.get(s) ?? []) out.add(idea);
  }
  for (const idea of ideas) {
    if (idea.card === own.index || (idea.owner !== null && own.given.has(idea.owner))) out.add(idea);
  }
  return out;
}

/**
 * The answer's claims, each marked whether it is about the subject: the first claim, and claims
 * opened by a relative pronoun or "it" ("the DNS server | that gives pods their IPs"); not "so you
 * reach the pods directly".
 */
function claims(text: string): { text: string; about: boolean }[] {
  const out: { text: string; about: boolean }[] = [];
  let rest = text;
  let opener = '';
  let first = true;
  while (rest !== '') {
    const m = CLAIM_SPLIT.exec(rest);
    const part = m ? rest.slice(0, m.index) : rest;
    if (part.trim() !== '') {
      const about = first || /^(?:that|which|who)$/i.test(opener) || /^\s*(?:it|its|it's)\b/i.test(part);
      out.push({ text: part, about });
      first = false;
    }
    if (!m) break;
    opener = m[0].trim();
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

/** Splits an answer into the parts that make one claim each (at punctuation, relative pronouns and conjunctions). */
const CLAIM_SPLIT = /[,;:()]|\s[-–—]\s|\b(?:that|which|who|where|and|but|while|whereas|so|because)\b/i;

/**
 * Claims of the answer that another card of the deck makes and this card's reference does not
 * ("the DNS server that gives pods their IP addresses": giving Pods addresses is the CNI's job), and an
 * answer that says the subject is another card's subject ("the cloud load balancer itself" for the
 * Ingress controller).
 * @param subjectOf - the concept a card of the deck is about, by card index
 */
export function mixups(
  model: DeckModel,
  ref: RefModel,
  foreign: ForeignIndex,
  otherSubjects: ReadonlyMap<string, number>,
  text: string,
  opts: TokenizeOptions,
  strict = false,
): Contradiction[] {
  const out: Contradiction[] = [];
  const parts = claims(text);
  let fresh = 0;
  const allFresh: string[] = [];
  for (const { text: part, about } of parts) {
    const t = tokenize(part, opts);
    const f: string[] = [];
    for (let i = 0; i < t.stems.length; i++)
      if (!ref.given.has(t.stems[i]!) && !t.neg[i]) f.push(t.stems[i]!);
    fresh += f.length;
    allFresh.push(...f);
    // only claims about the subject: the answer's first one, or one opened by "that", "which", "it"
    if (f.length < 3 || !about) continue;
    const unexplained = f.filter((s) => !someOf(ref.stems.keys(), (r) => stemMatches(model, s, r)));
    const ownShare = f.length - unexplained.length;
    const distinctive = unexplained.filter((s) => !WEAK.has(s) && model.idf(s) >= 1.2);
    if (distinctive.length < (strict ? 2 : 1) || unexplained.length < 2 || unexplained.length < ownShare)
      continue;
    // only the other cards' clauses that have one of the words this card does not explain
    const candidates = new Set<ForeignIdea>();
    for (const s of unexplained) {
      for (const m of [s, ...vocabMatches(model, s)])
        for (const idea of foreign.byStem.get(m) ?? []) if (!foreign.except?.has(idea)) candidates.add(idea);
    }
    for (const idea of candidates) {
      const coveredCount = unexplained.filter((s) =>
        someOf(idea.stems, (r) => stemMatches(model, s, r)),
      ).length;
      // strict (a card with grading fields): the other card explains every word this one does not
      const covered = strict
        ? coveredCount === unexplained.length
        : coveredCount >= Math.max(2, Math.ceil(unexplained.length * 0.75));
      const hits = f.filter((s) => someOf(idea.stems, (r) => stemMatches(model, s, r))).length;
      if (covered && hits >= 3 && hits >= 0.75 * f.length) {
        const who = idea.owner ?? model.cards[idea.card]!.subjects[0] ?? null;
        out.push({
          kind: 'foreign',
          text: who ? `that is what ${display(model, who)} does` : `that answers another question`,
        });
        return out;
      }
    }
  }
  // identity: a short answer that names one other card's subject as what this one is
  const named = allFresh.filter((s) => model.concepts.has(s));
  if (fresh >= 1 && fresh <= 3 && named.length === 1 && !ref.isList) {
    const s = named[0]!;
    if (
      otherSubjects.has(s) &&
      !ref.category.has(s) &&
      !partOfGiven(ref, s) &&
      !someOf(ref.mainStems, (r) => sameWord(s, r))
    )
      out.push({ kind: 'identity', text: `that is ${display(model, s)}, something else` });
  }
  return out;
}
