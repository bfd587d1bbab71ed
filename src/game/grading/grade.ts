import type { Card } from '../../decks/types';
import { compileCard, type GradingCard, type PromptName, type Term } from './compile';
import { allowedEdits, boundedDistance, fuzzyEquals } from './fuzzy';
import { contentOf, nearestExample } from './examples';
import { gradeByReference, refEvidence } from './refgrade';
import { tokenize, type Tokens } from './text';
import type { CompiledCard, Grade } from './types';

/** Content words an idea phrase may skip between two of its words ("static port" in "static TCP port"). */
const GAP = 1;
/**
 * Known wrong answers match strictly (no skipped words, within one list item): they can sink an
 * otherwise right answer.
 */
const WRONG_GAP = 0;
/** Below this share of correctly ordered pairs, a sequence answer is incorrect (reversed or scrambled). */
const MIN_ORDER_CONCORDANCE = 0.85;
/** "I don't know" in the words people type: a guess that only brushes the topic earns nothing. */
const ADMITS_NOT_KNOWING =
  /\b(?:idk|dunno|no idea|no clue|not sure|don'?t know|do not know|i forgot|forgot)\b/i;
/** Share of an answer's words that must come from one choice for the answer to "be" that choice. */
const CHOICE_SIMILARITY = 0.8;
/** Score of a partial answer that earns its credit only from a `Hint:` (no key idea). */
const HINT_SCORE = 0.25;

/** Fuzzy equality with one edit less tolerance, for glued compounds ("kube proxi" vs "kube-proxy"). */
function gluedEquals(typed: string, expected: string): boolean {
  if (typed === expected) return true;
  const max = allowedEdits(expected.length) - 1;
  if (max <= 0) return false;
  if (Math.abs(typed.length - expected.length) > max) return false;
  if (typed.charCodeAt(0) !== expected.charCodeAt(0)) return false;
  return boundedDistance(typed, expected, max) <= max;
}

/**
 * Matches term words j.. at answer position p (same clause), allowing small gaps, typos and glued
 * or split compounds. Returns the end position (exclusive) or -1. Positions in `blocked` (words
 * already used by a wrong answer) never match.
 */
function matchFrom(
  term: Term,
  a: Tokens,
  j: number,
  p: number,
  clause: number,
  blocked: Uint8Array | null,
  gap: number,
  scope: readonly number[],
  matchedAt: number[],
): number {
  const k = term.toks.length;
  if (j === k) return p;
  const n = a.stems.length;
  const maxSkip = j === 0 ? 0 : gap;
  for (let skip = 0; skip <= maxSkip; skip++) {
    const q = p + skip;
    if (q >= n || scope[q] !== clause) return -1;
    if (blocked !== null && blocked[q] === 1) continue;
    if (j === 0 ? a.neg[q] !== term.negReq[0] : term.negReq[j] === true && !a.neg[q]) continue;
    const word = a.stems[q]!;
    const expected = term.toks[j]!;
    let end: number;
    if (
      fuzzyEquals(word, expected) &&
      (end = matchFrom(term, a, j + 1, q + 1, clause, blocked, gap, scope, matchedAt)) >= 0
    ) {
      matchedAt.push(q);
      return end;
    }
    if (
      j + 1 < k &&
      gluedEquals(word, term.join2[j]!) &&
      (end = matchFrom(term, a, j + 2, q + 1, clause, blocked, gap, scope, matchedAt)) >= 0
    ) {
      matchedAt.push(q);
      return end;
    }
    const glued = a.join2[q]!;
    if (
      glued !== '' &&
      scope[q + 1] === clause &&
      (blocked === null || blocked[q + 1] !== 1) &&
      gluedEquals(glued, expected) &&
      (end = matchFrom(term, a, j + 1, q + 2, clause, blocked, gap, scope, matchedAt)) >= 0
    ) {
      matchedAt.push(q, q + 1);
      return end;
    }
  }
  return -1;
}

/** A match: start and end (exclusive) positions in the answer's content words. */
interface Span {
  start: number;
  end: number;
}

const NO_MATCH: Span = { start: -1, end: -1 };

/**
 * First match of `term` at or after `from`. Conjunctions report their earliest part's span.
 * `matchedAt` receives the answer positions of the matched words (skipped words excluded), so a
 * claimed idea uses up only the words it matched: in "ipvs scales better", "ipvs … better" leaves
 * "scales" for another idea.
 */
function findSpan(
  term: Term,
  a: Tokens,
  from: number,
  blocked: Uint8Array | null,
  strict = false,
  matchedAt: number[] = [],
): Span {
  if (term.parts) {
    let best = NO_MATCH;
    for (const part of term.parts) {
      const s = findSpan(part, a, 0, blocked, strict);
      if (s.start < 0) return NO_MATCH;
      if (best.start < 0 || s.start < best.start) best = s;
    }
    return best.start >= from ? best : NO_MATCH;
  }
  const n = a.stems.length;
  for (let p = from; p < n; p++) {
    if (a.stems[p]!.charCodeAt(0) !== term.first) continue;
    const scope = strict ? a.item : a.clause;
    const end = matchFrom(term, a, 0, p, scope[p]!, blocked, strict ? WRONG_GAP : GAP, scope, matchedAt);
    if (end >= 0) return { start: p, end };
  }
  return NO_MATCH;
}

function findTerm(term: Term, a: Tokens, from: number, blocked: Uint8Array | null): number {
  return findSpan(term, a, from, blocked).start;
}

function anyTerm(terms: readonly Term[], a: Tokens, blocked: Uint8Array | null): boolean {
  for (const t of terms) if (findTerm(t, a, 0, blocked) >= 0) return true;
  return false;
}

/**
 * Finds the tightest match of any of `terms` outside `used` (fewest words, so the rest of the answer
 * stays available for other ideas), marks its matched words used (not the words it skipped), and
 * returns its start or -1.
 */
function claimTerm(terms: readonly Term[], a: Tokens, used: Uint8Array): number {
  let best = NO_MATCH;
  let bestTerm: Term | null = null;
  let bestAt: number[] = [];
  const matchedAt: number[] = [];
  for (const t of terms) {
    matchedAt.length = 0;
    const s = findSpan(t, a, 0, used, false, matchedAt);
    if (s.start < 0) continue;
    if (best.start < 0 || s.end - s.start < best.end - best.start) {
      best = s;
      bestTerm = t;
      bestAt = t.parts ? [] : matchedAt.slice();
      if (s.end - s.start === 1) break;
    }
  }
  if (best.start < 0) return -1;
  if (bestTerm !== null && !bestTerm.parts) for (const i of bestAt) used[i] = 1;
  return best.start;
}

/** First position of any of `terms` avoiding `used` (for ideas derived from prose), or -1. */
function firstOfTerms(terms: readonly Term[], a: Tokens, used: Uint8Array): number {
  let first = -1;
  for (const t of terms) {
    const p = findTerm(t, a, 0, used);
    if (p >= 0 && (first < 0 || p < first)) first = p;
  }
  return first;
}

function countTerms(terms: readonly Term[], a: Tokens, blocked: Uint8Array | null): number {
  let hits = 0;
  for (const t of terms) if (findTerm(t, a, 0, blocked) >= 0) hits++;
  return hits;
}

/**
 * Finds the known wrong answers in `a`. Returns how many distinct ones matched and marks the words
 * they used in `blocked` (so "iptables is faster" cannot also earn credit for "faster").
 */
function findWrong(terms: readonly Term[], a: Tokens, blocked: Uint8Array): Term[] {
  const hits: Term[] = [];
  for (const t of terms) {
    let s = findSpan(t, a, 0, null, true);
    if (s.start < 0) continue;
    hits.push(t);
    while (s.start >= 0) {
      if (!t.parts) for (let i = s.start; i < s.end; i++) blocked[i] = 1;
      else blocked[s.start] = 1;
      s = t.parts ? NO_MATCH : findSpan(t, a, s.end, null, true);
    }
  }
  return hits;
}

/** All start positions of any of `terms` (for sequence checks). */
function positions(terms: readonly Term[], a: Tokens): number[] {
  const out: number[] = [];
  for (const t of terms) {
    if (t.parts) continue;
    let s = findSpan(t, a, 0, null);
    while (s.start >= 0) {
      out.push(s.start);
      s = findSpan(t, a, s.start + 1, null);
    }
  }
  return out;
}

/**
 * Share of item pairs (among the items mentioned) given in the right order: a pair is in order when
 * the earlier item is mentioned somewhere before the last mention of the later one. Returns the
 * number of items found and the share (1 when fewer than two items are found).
 */
function orderConcordance(order: readonly (readonly Term[])[], a: Tokens): { found: number; share: number } {
  const first: number[] = [];
  const last: number[] = [];
  for (const terms of order) {
    const ps = positions(terms, a);
    if (ps.length === 0) continue;
    first.push(Math.min(...ps));
    last.push(Math.max(...ps));
  }
  let pairs = 0;
  let good = 0;
  for (let i = 0; i < first.length; i++) {
    for (let j = i + 1; j < first.length; j++) {
      pairs++;
      if (first[i]! < last[j]!) good++;
    }
  }
  return { found: first.length, share: pairs === 0 ? 1 : good / pairs };
}

/**
 * Words that define nothing on their own: an answer made only of the question's words and these
 * ("external name service gives the service a name", "kube-proxy is a kubernetes component", "only
 * ClusterIP") still only repeats the question.
 */
const ECHO_FILLER: ReadonlySet<string> = new Set(
  (
    'give provid offer make creat allow enabl let help mean call refer stand name kubernet ' +
    'type object resourc component featur concept tool cluster only'
  ).split(' '),
);

/** True when the answer has a word fuzzily equal to `stem`, or (`glued`) a glued pair equal to it. */
function hasStem(a: Tokens, stem: string, glued: boolean): boolean {
  for (let i = 0; i < a.stems.length; i++) {
    if (fuzzyEquals(a.stems[i]!, stem)) return true;
    if (glued && a.join2[i] !== '' && fuzzyEquals(a.join2[i]!, stem)) return true;
  }
  return false;
}

/**
 * True when the answer spells out a camelCase name of the question word by word without naming it
 * ("a port on the node" for NodePort): a description in the question's words, not a repeat.
 */
function unpacksName(a: Tokens, names: readonly PromptName[]): boolean {
  for (const name of names) {
    if (name.parts.every((p) => hasStem(a, p, false)) && !hasStem(a, name.whole, true)) return true;
  }
  return false;
}

/**
 * True when the answer only repeats the question: every content word is a word of the question,
 * another form of one ("load balancing" for "LoadBalancer") or a filler that defines nothing
 * ({@link ECHO_FILLER}), and at least one is a word of the question ("node port" for "What is
 * NodePort?").
 */
function echoesPrompt(a: Tokens, promptStems: ReadonlySet<string>): boolean {
  const n = a.stems.length;
  let fromPrompt = 0;
  for (let i = 0; i < n; i++) {
    if (promptStems.has(a.stems[i]!)) {
      fromPrompt++;
      continue;
    }
    if (ECHO_FILLER.has(a.stems[i]!)) continue;
    const glued = a.join2[i]!;
    if (glued !== '' && promptStems.has(glued)) {
      fromPrompt++;
      i++;
      continue;
    }
    let fuzzy = false;
    for (const s of promptStems) {
      if (fuzzyEquals(a.stems[i]!, s) || sameRoot(a.stems[i]!, s)) {
        fuzzy = true;
        break;
      }
    }
    if (!fuzzy) return false;
    fromPrompt++;
  }
  return fromPrompt > 0;
}

/** Shortest common root for {@link sameRoot}: long enough that "port" and "portal" stay apart. */
const MIN_ROOT = 5;

/**
 * True when one stem is a prefix of the other and the shorter has at least {@link MIN_ROOT} letters:
 * another form of the same word ("balancing" / "balancer", "discovering" / "discovery",
 * "controls" / "controller"), which the light stemmer does not join.
 */
function sameRoot(a: string, b: string): boolean {
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  return short.length >= MIN_ROOT && long.startsWith(short);
}

/** Which choice (if any) the whole answer essentially repeats: 1 correct, -1 incorrect, 0 none. */
function choiceEcho(compiled: GradingCard, a: Tokens): number {
  const n = a.stems.length;
  let bestSim = 0;
  let bestCorrect = false;
  for (const choice of compiled.choices) {
    let hits = 0;
    for (let i = 0; i < n; i++) {
      for (const s of choice.stems) {
        if (fuzzyEquals(a.stems[i]!, s)) {
          hits++;
          break;
        }
      }
    }
    const sim = hits / Math.max(n, choice.stems.length);
    if (sim > bestSim) {
      bestSim = sim;
      bestCorrect = choice.correct;
    }
  }
  if (bestSim < CHOICE_SIMILARITY) return 0;
  return bestCorrect ? 1 : -1;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A bare `{ card }` is compiled on each call (slow; the game compiles once per card). */
function asGradingCard(compiled: CompiledCard): GradingCard {
  if ('ideas' in compiled && 'promptStems' in compiled) return compiled as GradingCard;
  return compileCard(compiled.card);
}

function grade(verdict: Grade['verdict'], score: number, matched: string[], missing: string[]): Grade {
  return {
    verdict,
    score: verdict === 'correct' ? 1 : verdict === 'incorrect' ? 0 : round2(score),
    matched,
    missing,
    unsure: false,
    explanation: '',
    group: '',
  };
}

function done(
  verdict: Grade['verdict'],
  score: number,
  matched: string[],
  missing: string[],
  explanation: string,
  unsure: boolean,
  group: string,
): Grade {
  return { ...grade(verdict, score, matched, missing), explanation, unsure, group };
}

/**
 * A key for grouping answers that say the same thing, so the host settles them with one tap: the
 * answer's distinct content stems (concept names folded, the question's words left out), sorted.
 */
function contentKey(c: GradingCard, folded: Tokens): string {
  const set = new Set<string>();
  for (const s of folded.stems) if (!c.ref.ref.given.has(s)) set.add(s);
  // an answer made only of the question's words groups by those
  if (set.size === 0) for (const s of folded.stems) set.add(s);
  return [...set].sort().join(' ');
}

/**
 * Grades one typed answer against a compiled card, as a strict but fair interviewer would.
 *
 * How it reads an answer: case, accents, punctuation and stopwords are ignored; words are lightly
 * stemmed; typos are tolerated in proportion to word length; "node port" / "NodePort" / "node-port"
 * meet; a negator ("no", "without", "doesn't", "w/o") flips the next words, so "no NAT" matches an
 * idea written "no nat" but not the wrong answer "nat" (and so does a trailing one: "NAT is not
 * needed"); chat abbreviations ("svc", "netpol") are spelled out and Big-O notation ("O(n)") is one
 * word. Each phrase of the answer earns at most one key idea (the words a phrase skipped stay free:
 * "ipvs scales better" earns "ipvs … better" and "scales").
 *
 * Decision order:
 * 1. empty, junk (no content words) or an echo of the question (only the question's own words, other
 *    forms of them such as "balancing" for "LoadBalancer", plus fillers such as "gives", "type",
 *    "kubernetes"): incorrect. Spelling out a camelCase name word by word without naming it ("a
 *    port on the node" for NodePort) is a description, not an echo;
 * 2. an answer that essentially repeats a wrong choice: incorrect;
 * 3. a known wrong answer (`Wrong:`) present: incorrect, whatever else is right. A significant
 *    error sinks the answer, and so does a wrong item in a list ("calico, flannel, istio");
 * 4. a sequence (`Order:`) with under 85% of its item pairs in order (reversed, scrambled, a step
 *    moved two places; one adjacent swap in five steps keeps 90%):
 *    incorrect; not fully in order: at most partial;
 * 5. an accepted answer (`Accept:`), at least `need` non-trivial key ideas, a repeat of the correct
 *    choice, or the whole `Order:` sequence in order: correct; at least one key idea: partial
 *    (score = ideas / need, 0.2..0.8);
 * 6. no key idea but an on-topic term (`Hint:`): partial with score 0.25 (a hint never makes an
 *    answer correct and never counts towards `need`), unless the player says they do not know ("idk",
 *    "no idea", "not sure": a guess that only brushes the topic); otherwise incorrect.
 * @param compiled - from {@link compileCard} (a bare `{ card }` also works, compiled lazily)
 * @param text - what the player typed
 * @returns verdict, score (0..1) and matched / missing key-idea labels
 */
export function gradeAnswer(compiled: CompiledCard, text: string): Grade {
  const c = asGradingCard(compiled);
  const a = tokenize(text, { memo: c.ref.deck.memo });
  const folded = tokenize(text, c.tokenOptions);
  const group = contentKey(c, folded);
  if (c.derived) return fromReference(c, a, folded, text, group);
  return fromFields(c, a, folded, text, group);
}

/** The grade of a card without grading fields: the reference decides. */
function fromReference(c: GradingCard, a: Tokens, folded: Tokens, text: string, group: string): Grade {
  if (a.stems.length === 0) return done('incorrect', 0, [], [], 'no answer', false, group);
  if (ADMITS_NOT_KNOWING.test(text) && folded.stems.length <= 3)
    return done('incorrect', 0, [], [], 'says they do not know', false, group);
  if (echoesPrompt(a, c.promptStems) && !unpacksName(a, c.promptNames))
    return done('incorrect', 0, [], [], 'only repeats the question', false, group);
  const choice = choiceEcho(c, a);
  if (choice < 0) return done('incorrect', 0, [], [], 'a wrong choice', false, group);
  // the fields a card has without `Idea:` lines still count: a known confusion sinks the answer, an
  // accepted answer is right
  if (c.wrong.length > 0) {
    const hits = findWrong(c.wrong, a, new Uint8Array(a.stems.length));
    if (hits.length > 0) return done('incorrect', 0, [], [], wrongExplanation(c, hits), false, group);
  }
  if (c.order) {
    const o = orderConcordance(c.order, a);
    if (o.found >= 2 && o.share < MIN_ORDER_CONCORDANCE)
      return done('incorrect', 0, [], [], 'the steps are in the wrong order', false, group);
  }
  if (c.accept.length > 0 && anyTerm(c.accept, a, null))
    return done('correct', 1, [], [], 'an accepted answer', false, group);
  const d = gradeByReference(c.ref, folded, text);
  // vague but on the card's own topic words (`Hint:`): partial at least
  if (d.verdict === 'incorrect' && d.evidence !== null && c.hints.length > 0 && anyTerm(c.hints, a, null))
    return done(
      'partial',
      HINT_SCORE,
      [...d.matched],
      [...d.missing],
      'on the right track, but vague',
      false,
      group,
    );
  return done(d.verdict, d.score, [...d.matched], [...d.missing], d.explanation, d.unsure, group);
}

/**
 * The linear model's features for an answer to a card without grading fields, or null when a rule
 * decides it (for fitting the model, see `npm run eval:grading -- --fit`).
 */
export function modelFeatures(compiled: GradingCard, text: string): readonly number[] | null {
  if (!compiled.derived) return null;
  const a = tokenize(text, { memo: compiled.ref.deck.memo });
  const folded = tokenize(text, compiled.tokenOptions);
  if (a.stems.length === 0 || (ADMITS_NOT_KNOWING.test(text) && folded.stems.length <= 3)) return null;
  if (echoesPrompt(a, compiled.promptStems) && !unpacksName(a, compiled.promptNames)) return null;
  if (choiceEcho(compiled, a) < 0) return null;
  const d = gradeByReference(compiled.ref, folded, text);
  return d.byModel === true && d.evidence ? d.evidence.features : null;
}

/** The grade of a card with grading fields (`Idea:`, `Accept:`, `Wrong:` ...), checked against the reference too. */
function fromFields(c: GradingCard, a: Tokens, folded: Tokens, text: string, group: string): Grade {
  const near =
    c.ref.examples.length > 0
      ? nearestExample(c.ref.deck, c.ref.examples, contentOf(c.ref.deck, folded, c.ref.ref.given))
      : null;
  if (near?.example.verdict === 'incorrect')
    return done('incorrect', 0, [], [], 'like an answer the host marked wrong', false, group);
  const f = gradeByFields(c, a, text);
  const g = f.grade;
  // a "name some" card shows no wall of missing items: none once enough are named, else the few still needed
  if (c.ref.list !== null || c.ref.ref.isList) {
    const stillNeeded = g.verdict === 'partial' ? Math.max(0, c.need - g.matched.length) : 0;
    g.missing = c.order ? g.missing : g.missing.slice(0, stillNeeded);
  }
  if (
    g.verdict === 'incorrect' &&
    (f.reason === 'wrong' || f.reason === 'wrong-choice' || f.reason === 'order')
  )
    return done(g.verdict, g.score, g.matched, g.missing, f.explanation, false, group);
  if (near?.example.verdict === 'correct')
    return done('correct', 1, g.matched, [], 'like an answer the host accepted', false, group);
  if (g.verdict === 'incorrect' || f.reason === 'accepted') {
    return done(g.verdict, g.score, g.matched, g.missing, f.explanation, false, group);
  }
  // A confident misconception in the right words: the reference contradicts it, or another card of the
  // deck explains the answer much better than this one.
  const ev = refEvidence(c.ref, folded, text, true);
  // the deck's hand-written fields already name its confusions: only the sharpest rules apply on top
  // (an answer naming what the card's own fields list as right vocabulary is no mix-up of identity)
  const contra = ev.contradictions.filter(
    (x) => FIELD_RULES.has(x.kind) && !(x.kind === 'identity' && namesFieldVocabulary(c, folded)),
  );
  if (contra.length > 0) return done('incorrect', 0, g.matched, g.missing, contra[0]!.text, false, group);
  return done(
    g.verdict,
    g.score,
    g.matched,
    g.verdict === 'correct' ? [] : g.missing,
    f.explanation,
    false,
    group,
  );
}

/** True when a concept the answer names is in the card's `Accept:`, `Idea:` or `Hint:` lines. */
function namesFieldVocabulary(c: GradingCard, folded: Tokens): boolean {
  const fields = [
    ...(c.card.accept ?? []),
    ...(c.card.hints ?? []),
    ...(c.card.ideas ?? []).flatMap((i) => [i.label, ...i.terms]),
  ];
  if (fields.length === 0) return false;
  const vocab = new Set(fields.flatMap((f) => tokenize(f, c.tokenOptions).stems));
  return folded.stems.some((s) => c.ref.deck.concepts.has(s) && vocab.has(s));
}

/** Contradictions that overrule a card's grading fields (the others are left to the fields' own `Wrong:` lines). */
const FIELD_RULES: ReadonlySet<string> = new Set(['scope', 'swap', 'foreign', 'identity']);

type Reason = 'empty' | 'echo' | 'wrong-choice' | 'wrong' | 'order' | 'accepted' | 'ideas' | 'hint' | 'none';

/** The fields grader's verdict with the rule that decided it. */
interface FieldsResult {
  grade: Grade;
  reason: Reason;
  explanation: string;
}

export function gradeByFields(c: GradingCard, a: Tokens, text: string): FieldsResult {
  const blocked = new Uint8Array(a.stems.length);
  const wrongHits = c.wrong.length > 0 ? findWrong(c.wrong, a, blocked) : [];
  const matched: string[] = [];
  const missing: string[] = [];
  let m = 0;
  // Each phrase of the answer earns at most one idea: a matched idea's words are used up.
  const used = Uint8Array.from(blocked);
  for (const idea of c.ideas) {
    const at =
      idea.minHits <= 1
        ? claimTerm(idea.terms, a, used)
        : countTerms(idea.terms, a, used) >= idea.minHits
          ? firstOfTerms(idea.terms, a, used)
          : -1;
    if (at >= 0) {
      matched.push(idea.label);
      if (!idea.trivial) m++;
    } else missing.push(idea.label);
  }
  const r = (reason: Reason, g: Grade, explanation: string): FieldsResult => ({
    grade: g,
    reason,
    explanation,
  });
  if (a.stems.length === 0) return r('empty', grade('incorrect', 0, matched, missing), 'no answer');
  if (echoesPrompt(a, c.promptStems) && !unpacksName(a, c.promptNames))
    return r('echo', grade('incorrect', 0, matched, missing), 'only repeats the question');

  const choice = choiceEcho(c, a);
  if (choice < 0) return r('wrong-choice', grade('incorrect', 0, matched, missing), 'a wrong choice');

  // A significant error sinks the answer, however much else is right: a list with a wrong item
  // mixed in ("calico, flannel, istio") or a right idea next to a misconception is incorrect.
  if (wrongHits.length > 0)
    return r('wrong', grade('incorrect', 0, matched, missing), wrongExplanation(c, wrongHits));
  const accepted = anyTerm(c.accept, a, null);

  let capAtPartial = false;
  // The whole sequence, every step in order, is a complete answer ("LB -> nodeport -> pod").
  let wholeSequence = false;
  if (c.order) {
    const o = orderConcordance(c.order, a);
    if (o.found >= 2 && o.share < MIN_ORDER_CONCORDANCE)
      return r('order', grade('incorrect', 0, matched, missing), 'the steps are in the wrong order');
    if (o.share < 1) capAtPartial = true;
    else if (o.found === c.order.length) wholeSequence = true;
  }

  const full = accepted || m >= c.need || choice > 0 || wholeSequence;
  const counted = c.ideas.filter((i) => !i.trivial).length;
  const ideasText = `${Math.min(m, c.need)} of ${c.need} needed`;
  if (full && !capAtPartial)
    return r(
      accepted ? 'accepted' : 'ideas',
      grade('correct', 1, matched, missing),
      accepted && m < c.need ? 'an accepted answer' : ideasText,
    );
  if (capAtPartial)
    return r(
      'order',
      grade('partial', Math.min(0.8, Math.max(0.2, m / c.need)), matched, missing),
      'not quite in order',
    );
  if (full || m > 0)
    return r(
      'ideas',
      grade('partial', Math.min(0.8, Math.max(0.2, m / c.need)), matched, missing),
      counted > 0 ? ideasText : 'part of the answer',
    );
  // Vague but on track: on-topic vocabulary (outside any wrong answer or question-only idea), unless the player
  // says they do not know ("idk, something with bridges" is a guess, not a vague answer).
  if (c.hints.length > 0 && anyTerm(c.hints, a, used) && !ADMITS_NOT_KNOWING.test(text))
    return r('hint', grade('partial', HINT_SCORE, matched, missing), 'on the right track, but vague');
  return r('none', grade('incorrect', 0, matched, missing), 'none of the key ideas');
}

/** "istio is not one of the CNI plugins" on a list card; "X is a common confusion" elsewhere. */
function wrongExplanation(c: GradingCard, terms: readonly Term[]): string {
  const names = terms.map((t) => t.text.replace(/ \+ /g, ' ')).slice(0, 2);
  const list = c.ref.list ?? null;
  if (list && list.noun !== '')
    return `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not among the ${list.noun}`;
  return `${names.join(', ')}: a known confusion`;
}

/**
 * Compiles and grades in one call (convenience for tools; the game compiles once per card).
 * @param card - a deck card
 * @param text - the typed answer
 */
export function gradeCard(card: Card, text: string): Grade {
  return gradeAnswer(compileCard(card), text);
}
