/**
 * Text normalisation for the open-text grader: accents, case, punctuation, apostrophes, clause
 * boundaries, stopwords, negation and a light stemmer. Everything here is pure and allocation-light:
 * no regular expressions are built per call.
 */

/**
 * Function words and fillers that carry no meaning for grading (dropped from both answers and terms).
 * "only" is not one of them: it turns a claim exclusive ("service is internal only" is wrong where
 * "service is internal" is merely vague), so a `Wrong:` phrase can require it.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or if then than so as at by for from in into of on onto to with via per ' +
    'is are was were be been being am its it this that these those there here which who whom whose ' +
    'what when where why how i you he she we they me him her us them my your his our their ' +
    'do does did done doing have has had having get gets got getting can could will would shall should ' +
    'may might must just also even very really basically simply mostly usually like eg ie etc ' +
    'some both either such about over under much lot far bit quite pretty ' +
    'through up down out off yes ok okay um uh well use uses used using thing things something stuff ' +
    'way ways kind sort let lets basically actually generally typically'
  ).split(' '),
);

/** Words that negate the next content words of their clause. */
export const NEGATORS: ReadonlySet<string> = new Set(
  (
    'no not without never doesnt dont isnt arent cant cannot wont didnt wasnt werent hasnt havent ' +
    'shouldnt neither nor rather unlike nothing'
  ).split(' '),
);

/** Words that start a new clause (like punctuation does). */
const CLAUSE_WORDS: ReadonlySet<string> = new Set(
  'but whereas while however although though vs versus then'.split(' '),
);

/** Quantifiers folded together so "on every node" and "on each node" read the same. */
const FOLD: ReadonlyMap<string, string> = new Map([
  ['every', 'each'],
  ['all', 'each'],
  ['any', 'each'],
]);

/**
 * Chat abbreviations spelled out before stemming, identically in answers and deck phrases, so
 * "svc", "comms" and "netpol" meet "service", "communication" and "network policy".
 */
const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['svc', ['service']],
  ['svcs', ['services']],
  ['comms', ['communication']],
  ['mgmt', ['management']],
  ['env', ['environment']],
  ['vars', ['variables']],
  ['addr', ['address']],
  ['netpol', ['network', 'policy']],
  ['netpols', ['network', 'policies']],
  ['k8s', ['kubernetes']],
  ['ext', ['external']],
  ['grp', ['group']],
  ['grps', ['groups']],
  ['obj', ['object']],
  ['diff', ['different']],
  ['btw', ['between']],
  ['ns', ['namespace']],
  ['pkts', ['packets']],
  ['conn', ['connection']],
  ['conns', ['connections']],
  ['cfg', ['config']],
  ['config', ['configuration']],
]);

/** Words that separate list items (they are also stopwords). */
const ITEM_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'plus', 'also']);

/**
 * Participles that, right after a negator, turn the negation backwards onto the clause's previous
 * words: "NAT is not needed", "NAT isn't involved". (A verb reads forwards: "no need for NAT".)
 */
const POST_NEGATED: ReadonlySet<string> = new Set(
  'needed required necessary involved used applied performed done happening'.split(' '),
);

/** How many content words after a negator are negated. */
const NEGATION_SCOPE = 2;

/** A tokenised text: parallel arrays over its content words (stopwords and negators removed). */
export interface Tokens {
  /** Stemmed content words. */
  readonly stems: string[];
  /** Content words as typed (lower case, accents and apostrophes removed). */
  readonly raws: string[];
  /** True when the word falls within the scope of a negator ("no NAT", "doesn't assign"). */
  readonly neg: boolean[];
  /** Clause index: multi-word terms never span clauses. */
  readonly clause: number[];
  /** Stem of the word glued to the next one in the same clause ("node port" -> "nodeport"), or ''. */
  readonly join2: string[];
  /** List item index: clauses further split at "and", "or", "&", "+", "/" ("calico and istio"). */
  readonly item: number[];
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for characters that end a clause when not glued between two word characters. */
function isSoftBoundary(c: number): boolean {
  // . , ! ?  (a colon is not a boundary: "clusterIP: None")
  return c === 46 || c === 44 || c === 33 || c === 63;
}

/** True for characters that always end a clause. */
function isHardBoundary(c: number): boolean {
  // ; ( ) [ ] { } newline > < | = • → ← ⇒ — –
  return (
    c === 59 ||
    c === 40 ||
    c === 41 ||
    c === 91 ||
    c === 93 ||
    c === 123 ||
    c === 125 ||
    c === 10 ||
    c === 13 ||
    c === 62 ||
    c === 60 ||
    c === 124 ||
    c === 61 ||
    c === 0x2022 ||
    c === 0x2192 ||
    c === 0x2190 ||
    c === 0x21d2 ||
    c === 0x2014 ||
    c === 0x2013
  );
}

/** Apostrophes and similar marks that are deleted inside words ("doesn't" -> "doesnt"). */
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 96 || c === 0xb4 || c === 0x2032;
}

/**
 * Lower-cases `text` and strips accents (NFKD, combining marks removed).
 * @param text - any user text
 * @returns the folded text; punctuation is kept
 */
export function foldText(text: string): string {
  const decomposed = text.normalize('NFKD').toLowerCase();
  let out = '';
  let start = 0;
  for (let i = 0; i < decomposed.length; i++) {
    const c = decomposed.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) {
      out += decomposed.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? decomposed : out + decomposed.slice(start);
}

/**
 * Splits text into raw words and clause markers. Calls `onWord(word)` for each word and
 * `onBoundary()` at each clause boundary.
 */
function scanWords(
  folded: string,
  onWord: (w: string) => void,
  onBoundary: () => void,
  onItem: () => void = () => undefined,
): void {
  const n = folded.length;
  let start = -1; // start of the current run of word characters
  let carried = ''; // word text before an inner apostrophe ("doesn" of "doesn't")
  for (let i = 0; i < n; i++) {
    const c = folded.charCodeAt(i);
    if (isAlnum(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (c === 40 && start >= 0 && carried === '' && i - start === 1 && folded.charCodeAt(start) === 111) {
      const close = bigOEnd(folded, i);
      if (close > 0) {
        // Big-O notation is one word: "O(n)" -> "o_n", "O(log n)" -> "o_logn", "O(1)" -> "o_1"
        let inner = '';
        for (let k = i + 1; k < close; k++) if (isAlnum(folded.charCodeAt(k))) inner += folded[k];
        onWord(`o_${inner}`);
        start = -1;
        i = close;
        continue;
      }
    }
    if (isApostrophe(c) && start >= 0 && i + 1 < n && isAlnum(folded.charCodeAt(i + 1))) {
      carried += folded.slice(start, i);
      start = -1;
      continue;
    }
    if (start >= 0 || carried !== '') {
      onWord(start >= 0 ? carried + folded.slice(start, i) : carried);
      start = -1;
      carried = '';
    }
    if (isHardBoundary(c)) onBoundary();
    else if (c === 38 || c === 43 || c === 47)
      onItem(); // & + /
    else if (isSoftBoundary(c)) {
      const next = i + 1 < n ? folded.charCodeAt(i + 1) : 32;
      const prev = i > 0 ? folded.charCodeAt(i - 1) : 32;
      if (!(isAlnum(next) && isAlnum(prev))) onBoundary();
    }
  }
  if (start >= 0 || carried !== '') onWord(start >= 0 ? carried + folded.slice(start) : carried);
}

/**
 * If `folded[open]` is the "(" of Big-O notation ("o(n)", "o(log n)", "o(1)", "o(n^2)") and the "o"
 * before it starts a word, returns the index of the closing ")", else -1.
 */
function bigOEnd(folded: string, open: number): number {
  if (open >= 2 && isAlnum(folded.charCodeAt(open - 2))) return -1;
  let alnum = 0;
  for (let k = open + 1; k < folded.length && k <= open + 12; k++) {
    const c = folded.charCodeAt(k);
    if (c === 41) return alnum > 0 ? k : -1;
    if (isAlnum(c)) alnum++;
    else if (c !== 32 && c !== 94 && c !== 42) return -1; // space ^ *
  }
  return -1;
}

function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (isDigit(w.charCodeAt(i))) return true;
  return false;
}

function undouble(s: string): string {
  const n = s.length;
  if (n >= 3 && s[n - 1] === s[n - 2]) {
    const c = s[n - 1];
    if (c !== 'l' && c !== 's' && c !== 'z' && c !== 'e' && c !== 'o') return s.slice(0, -1);
  }
  return s;
}

/** Plurals too short for the suffix rules (which must leave "dns" alone). */
const SHORT_PLURALS: ReadonlyMap<string, string> = new Map([
  ['ips', 'ip'],
  ['lbs', 'lb'],
  ['vms', 'vm'],
  ['ids', 'id'],
  ['vps', 'vp'],
]);

/**
 * A light suffix stripper (plural, -ing, -ed, -ly, final e) applied identically to answers and
 * deck terms, so "routes", "routing" and "routed" meet at "rout". Not a linguistic stemmer.
 * @param w - a lower-case word
 * @returns its stem
 */
export function stem(w: string): string {
  return computeStem(w);
}

/**
 * A stem memo owned by whoever grades (a compiled card or deck, so a room owns it): only speeds
 * things up, never changes a result. Bounded.
 */
export class StemMemo {
  private readonly map = new Map<string, string>();
  constructor(private readonly max = 5000) {}
  stem(w: string): string {
    let s = this.map.get(w);
    if (s === undefined) {
      s = computeStem(w);
      if (this.map.size >= this.max) this.map.clear();
      this.map.set(w, s);
    }
    return s;
  }
}

/** Words ending in "s" that are no plurals and must stay apart from their singular-looking stem ("https" is not "http"). */
const NOT_PLURALS: ReadonlySet<string> = new Set([
  'https',
  'sftps',
  'ftps',
  'wss',
  'smtps',
  'imaps',
  'pops',
  'ldaps',
]);

function computeStem(w: string): string {
  if (w.length <= 3 || hasDigit(w)) return SHORT_PLURALS.get(w) ?? w;
  if (NOT_PLURALS.has(w)) return w;
  let s = w;
  if (s.endsWith('ies') && s.length > 4) s = s.slice(0, -3) + 'y';
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('xes') || s.endsWith('ches') || s.endsWith('shes') || s.endsWith('zes'))
    s = s.slice(0, -2);
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith('ing')) s = undouble(s.slice(0, -3));
  else if (s.length > 4 && s.endsWith('ed')) s = undouble(s.slice(0, -2));
  else if (s.length > 5 && s.endsWith('ly')) s = s.slice(0, -2);
  if (s.length > 4 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

/** Longest answer (in characters) the grader reads; longer text is truncated. */
export const MAX_ANSWER_CHARS = 600;

/**
 * Tokenises text for grading: folds case and accents, removes stopwords, marks negated words and
 * clause boundaries, stems, and precomputes glued word pairs for compound matching.
 * @param text - an answer or a deck term
 * @returns parallel arrays over the content words
 */
export function tokenize(text: string, opts?: TokenizeOptions): Tokens {
  const stem = opts?.memo ? (w: string): string => opts.memo!.stem(w) : computeStem;
  const words = opts?.words;
  let folded = foldText(text.length > MAX_ANSWER_CHARS ? text.slice(0, MAX_ANSWER_CHARS) : text);
  if (opts?.code) folded = replaceCode(folded, opts.code);
  // a call written with its parentheses ("fork()") is the name, not a clause break
  if (folded.includes('()')) folded = folded.split('()').join(' ');
  if (folded.includes('w/o')) folded = expandWithout(folded);
  const stems: string[] = [];
  const raws: string[] = [];
  const neg: boolean[] = [];
  const clause: number[] = [];
  const item: number[] = [];
  let clauseNo = 0;
  let itemNo = 0;
  let negLeft = 0;
  // set right after a negator: the next word may turn the negation backwards ("NAT is not needed")
  let justNegated = false;
  const onWord = (word: string): void => {
    const expanded = words?.get(word) ?? ABBREVIATIONS.get(word);
    if (expanded !== undefined) for (const e of expanded) onPlainWord(e);
    else onPlainWord(word);
  };
  // "instead of X" negates X; "Instead, its name ..." negates nothing
  let pendingInstead = false;
  const onPlainWord = (word: string): void => {
    const w = FOLD.get(word) ?? word;
    if (w === 'instead') {
      pendingInstead = true;
      return;
    }
    if (pendingInstead) {
      pendingInstead = false;
      if (w === 'of') {
        negLeft = NEGATION_SCOPE;
        justNegated = true;
        return;
      }
    }
    const afterNegator = justNegated;
    justNegated = false;
    if (CLAUSE_WORDS.has(w)) {
      clauseNo++;
      itemNo++;
      negLeft = 0;
      return;
    }
    if (ITEM_WORDS.has(w)) {
      itemNo++;
      return;
    }
    if (NEGATORS.has(w)) {
      negLeft = NEGATION_SCOPE;
      justNegated = true;
      return;
    }
    if (afterNegator && POST_NEGATED.has(w)) {
      // "NAT is not needed": the negation applies to the clause's previous content words
      for (
        let k = raws.length - 1, left = NEGATION_SCOPE;
        k >= 0 && left > 0 && clause[k] === clauseNo;
        k--, left--
      )
        neg[k] = true;
      negLeft = 0;
    }
    if (STOPWORDS.has(w)) return;
    raws.push(w);
    stems.push(stem(w));
    neg.push(negLeft > 0);
    if (negLeft > 0) negLeft--;
    clause.push(clauseNo);
    item.push(itemNo);
  };
  scanWords(
    folded,
    onWord,
    () => {
      clauseNo++;
      itemNo++;
      negLeft = 0;
      justNegated = false;
    },
    () => {
      itemNo++;
    },
  );
  const join2: string[] = new Array<string>(raws.length);
  for (let i = 0; i < raws.length; i++) {
    join2[i] = i + 1 < raws.length && clause[i] === clause[i + 1] ? stem(raws[i]! + raws[i + 1]!) : '';
  }
  const out = { stems, raws, neg, clause, join2, item };
  return opts?.aliases ? canonicalize(out, opts.aliases) : out;
}

/**
 * A deck's names for its concepts: each phrase (as stems) that names one concept, so "persistent
 * volume claim", "PersistentVolumeClaim" and "PVC" all read as the single word `persistentvolumeclaim`.
 */
export interface AliasTable {
  /** Phrases by their first stem, longest first. */
  readonly byFirst: ReadonlyMap<
    string,
    readonly { readonly seq: readonly string[]; readonly canon: string }[]
  >;
}

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** A stem memo owned by the caller. */
  readonly memo?: StemMemo;
  /** Extra single-word expansions ("pvc" -> ...), checked before the built-in chat abbreviations. */
  readonly words?: ReadonlyMap<string, readonly string[]>;
  /** Concept names to fold into one word each. */
  readonly aliases?: AliasTable;
  /** Code written with symbols (`==`, `HEAD~2`, `2>&1`), lower case, longest first, read as one word each. */
  readonly code?: readonly string[];
}

const CODE_CHARS: Readonly<Record<string, string>> = {
  '=': 'e',
  '~': 't',
  '^': 'c',
  '/': 's',
  '%': 'p',
  '&': 'a',
  '>': 'g',
  '<': 'l',
  '!': 'n',
  '*': 'm',
  '|': 'b',
  '+': 'u',
  '-': 'd',
  '@': 'r',
  $: 'v',
  '?': 'q',
};

/**
 * The word a piece of code reads as ("==" -> "kee", "HEAD~2" -> "kheadt2"): letters and digits kept,
 * each symbol spelled by a letter, so symbols that tell two things apart ("HEAD~2" / "HEAD^2") survive
 * tokenizing.
 */
export function codeWord(code: string): string {
  let out = 'k';
  for (const ch of code.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
    else out += CODE_CHARS[ch] ?? '';
  }
  return out;
}

/** True for a code fragment whose symbols carry meaning ("==", "HEAD^2", "2>&1"), not for "wait()" or "ls". */
export function isSymbolCode(code: string): boolean {
  return code.length <= 16 && /[=~^/%&><!*|+@$?]/.test(code) && !/\s/.test(code);
}

function replaceCode(folded: string, code: readonly string[]): string {
  let out = folded;
  for (const c of code) {
    if (out.includes(c)) out = out.split(c).join(` ${codeWord(c)} `);
  }
  return out;
}

/** Replaces each concept name in `t` (within one clause) by its single canonical word, longest first. */
function canonicalize(t: Tokens, aliases: AliasTable): Tokens {
  const n = t.stems.length;
  let changed = false;
  const out: Tokens = { stems: [], raws: [], neg: [], clause: [], join2: [], item: [] };
  for (let i = 0; i < n;) {
    const cands = aliases.byFirst.get(t.stems[i]!);
    let took = 0;
    let canon = '';
    if (cands) {
      for (const c of cands) {
        const k = c.seq.length;
        if (i + k > n) continue;
        let ok = true;
        for (let j = 1; j < k; j++) {
          if (t.stems[i + j] !== c.seq[j] || t.clause[i + j] !== t.clause[i]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          took = k;
          canon = c.canon;
          break;
        }
      }
    }
    if (took === 0) {
      out.stems.push(t.stems[i]!);
      out.raws.push(t.raws[i]!);
      out.neg.push(t.neg[i]!);
      out.clause.push(t.clause[i]!);
      out.item.push(t.item[i]!);
      i++;
      continue;
    }
    changed = true;
    out.stems.push(canon);
    out.raws.push(t.raws.slice(i, i + took).join(''));
    out.neg.push(t.neg[i]!);
    out.clause.push(t.clause[i]!);
    out.item.push(t.item[i]!);
    i += took;
  }
  if (!changed) return t;
  for (let i = 0; i < out.raws.length; i++) {
    out.join2.push(
      i + 1 < out.raws.length && out.clause[i] === out.clause[i + 1]
        ? computeStem(out.raws[i]! + out.raws[i + 1]!)
        : '',
    );
  }
  return out;
}

/** Replaces the shorthand "w/o" (a standalone word) by "without". */
function expandWithout(folded: string): string {
  let out = '';
  let i = 0;
  while (i < folded.length) {
    const at = folded.indexOf('w/o', i);
    if (at < 0) break;
    const before = at > 0 ? folded.charCodeAt(at - 1) : 32;
    const after = at + 3 < folded.length ? folded.charCodeAt(at + 3) : 32;
    out += folded.slice(i, at) + (isAlnum(before) || isAlnum(after) ? 'w/o' : 'without');
    i = at + 3;
  }
  return out + folded.slice(i);
}

/**
 * All words of `text` folded (lower case, no accents), including stopwords, without punctuation.
 * @param text - any user text
 * @returns the words in order
 */
export function plainWords(text: string): string[] {
  const words: string[] = [];
  scanWords(
    foldText(text.length > MAX_ANSWER_CHARS ? text.slice(0, MAX_ANSWER_CHARS) : text),
    (w) => words.push(w),
    () => undefined,
  );
  return words;
}

/**
 * Splits a camelCase / PascalCase identifier-like word into parts ("ExternalName" -> external, name).
 * @param word - a word with its original casing
 * @returns lower-case parts (empty when the word has no inner capitals)
 */
export function camelParts(word: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    const isUpper = ch >= 'A' && ch <= 'Z';
    const prevLower = i > 0 && word[i - 1]! >= 'a' && word[i - 1]! <= 'z';
    if (isUpper && prevLower && cur !== '') {
      parts.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur !== '') parts.push(cur);
  return parts.length > 1 ? parts.map((p) => p.toLowerCase()) : [];
}
