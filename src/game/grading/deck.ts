/**
 * What a deck as a whole tells the grader about each of its cards: the names of its concepts
 * (abbreviations the deck defines, camelCase and hyphenated names), how distinctive each word is
 * across the deck's cards, and the synonyms, derived forms and opposites of its words (from a lexicon,
 * when one is given). Computed once per deck; pure.
 */
import type { Card } from '../../decks/types';
import { EMPTY_LEXICON, type LexiconData } from './lexicon';
import {
  camelParts,
  foldText,
  isSymbolCode,
  plainWords,
  stem,
  StemMemo,
  STOPWORDS,
  tokenize,
  type AliasTable,
  type TokenizeOptions,
  type Tokens,
} from './text';

/** A concept the deck names: "PersistentVolumeClaim" / "persistent volume claim" / "PVC". */
export interface Concept {
  /** The single word every name of the concept reads as. */
  readonly canon: string;
  /** How to show it ("PVC", "kube-proxy"). */
  readonly display: string;
}

/** Common technical shorthand, read identically in answers and references. */
export const TECH_ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map(
  (
    [
      ['db', 'database'],
      ['dbs', 'databases'],
      ['fs', 'filesystem'],
      ['dir', 'directory'],
      ['dirs', 'directories'],
      ['repo', 'repository'],
      ['repos', 'repositories'],
      ['msg', 'message'],
      ['msgs', 'messages'],
      ['pkg', 'package'],
      ['pkgs', 'packages'],
      ['proc', 'process'],
      ['procs', 'processes'],
      ['perms', 'permissions'],
      ['perm', 'permission'],
      ['func', 'function'],
      ['fn', 'function'],
      ['funcs', 'functions'],
      ['param', 'parameter'],
      ['params', 'parameters'],
      ['arg', 'argument'],
      ['args', 'arguments'],
      ['lib', 'library'],
      ['libs', 'libraries'],
      ['dep', 'dependency'],
      ['deps', 'dependencies'],
      ['attr', 'attribute'],
      ['attrs', 'attributes'],
      ['cert', 'certificate'],
      ['certs', 'certificates'],
      ['var', 'variable'],
      ['impl', 'implementation'],
      ['auth', 'authentication'],
      ['authn', 'authentication'],
      ['authz', 'authorization'],
      ['req', 'request'],
      ['reqs', 'requests'],
      ['resp', 'response'],
      ['prev', 'previous'],
      ['num', 'number'],
      ['info', 'information'],
      ['spec', 'specification'],
      ['specs', 'specifications'],
      ['admin', 'administrator'],
      ['mem', 'memory'],
      ['str', 'string'],
      ['char', 'character'],
      ['chars', 'characters'],
      ['obj', 'object'],
      ['objs', 'objects'],
      ['w', 'with'],
      ['thru', 'through'],
      ['u', 'you'],
      ['ur', 'your'],
      ['b4', 'before'],
      ['bc', 'because'],
      ['cuz', 'because'],
      ['approx', 'approximately'],
      ['sec', 'second'],
      ['secs', 'seconds'],
      ['min', 'minute'],
      ['mins', 'minutes'],
      ['async', 'asynchronous'],
      ['sync', 'synchronous'],
      ['vm', 'virtual machine'],
      ['js', 'javascript'],
      ['ts', 'typescript'],
      ['py', 'python'],
      ['lb', 'load balancer'],
      ['lbs', 'load balancers'],
      ['perf', 'performance'],
      ['algo', 'algorithm'],
      ['algos', 'algorithms'],
      ['ctrl', 'controller'],
      ['conf', 'configuration'],
      ['vms', 'virtual machines'],
    ] as const
  ).map(([k, v]) => [k, v.split(' ')]),
);

/** How the deck reads one card: its tokens and what it is about. */
export interface DeckCardInfo {
  readonly card: Card;
  /** The prompt's content words (stems, concepts folded). */
  readonly prompt: Tokens;
  /** The reference answer's content words. */
  readonly reference: Tokens;
  /** The concepts the question is about ("What is a PVC?" -> PVC). */
  readonly subjects: readonly string[];
}

/** A deck prepared for grading its cards. */
export interface DeckModel {
  readonly aliases: AliasTable;
  readonly concepts: ReadonlyMap<string, Concept>;
  /** Extra single-word expansions (deck-defined abbreviations and common technical shorthand). */
  readonly words: ReadonlyMap<string, readonly string[]>;
  /** The deck's code written with symbols, read as one word each. */
  readonly code: readonly string[];
  /** How the deck's text and its answers are tokenized (all of the above). */
  readonly opts: TokenizeOptions;
  readonly cards: readonly DeckCardInfo[];
  /** Inverse document frequency of a stem over the deck's cards (prompt + reference). */
  idf(stem: string): number;
  /** Reference stems an answer stem may stand for (WordNet synonyms and derived forms). */
  readonly related: ReadonlyMap<string, ReadonlySet<string>>;
  /** Opposites of a reference stem (WordNet antonyms). */
  readonly opposites: ReadonlyMap<string, ReadonlySet<string>>;
  readonly memo: StemMemo;
  /** Every stem of the deck's prompts and references. */
  readonly vocab: ReadonlySet<string>;
  /** The same, by the char code of their first letter. */
  readonly vocabByFirst: ReadonlyMap<number, readonly string[]>;
  /** Which deck stems each answer stem matches (filled while grading; owned by the deck, bounded). */
  readonly matchMemo: Map<string, ReadonlySet<string>>;
  /** The cards (by index) whose prompt or reference has each stem. */
  readonly cardsOf: ReadonlyMap<string, readonly number[]>;
  /** The abbreviations the deck defines ("ARP" = Address Resolution Protocol). */
  readonly abbreviations: readonly { readonly abbr: string; readonly long: readonly string[] }[];
}

const ABBR = /^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$|^[A-Z]{2,}s?$/;

/** True when `abbr` (e.g. "PVC", "CNI", "mTLS") is the initials of `words` (camelCase words count by their parts). */
function initialsMatch(abbr: string, words: readonly string[]): boolean {
  const letters = abbr.replace(/s$/, '').toLowerCase();
  const parts: string[] = [];
  for (const w of words) {
    const cp = camelParts(w);
    if (cp.length > 0) parts.push(...cp);
    else parts.push(w.toLowerCase());
  }
  // "Time To Live" (TTL) counts its small words; "Domain Name System" (DNS) has none
  const content = parts.filter((p) => !STOPWORDS.has(p) || p.length > 3);
  return content.map((p) => p[0]).join('') === letters || parts.map((p) => p[0]).join('') === letters;
}

/**
 * Abbreviations the deck defines in its own text: "Long Form (ABBR)", "ABBR (Long Form)", "ABBR, the
 * Long Form", "ABBR stands for Long Form".
 * @returns pairs of the abbreviation and its long form (words as written)
 */
export function deckAbbreviations(texts: readonly string[]): { abbr: string; long: string[] }[] {
  const out: { abbr: string; long: string[] }[] = [];
  const seen = new Set<string>();
  const add = (abbr: string, long: string[]): void => {
    const key = abbr.toLowerCase();
    if (seen.has(key) || long.length === 0) return;
    seen.add(key);
    out.push({ abbr, long });
  };
  for (const raw of texts) {
    const text = raw.replace(/[`*_]/g, '');
    // Long Form (ABBR)
    for (const m of text.matchAll(
      /((?:[A-Za-z][\w'-]*[ -]){0,6}[A-Za-z][\w'-]*)\s*\(\s*([A-Za-z][A-Za-z0-9]{1,9})\s*\)/g,
    )) {
      const abbr = m[2]!;
      if (!ABBR.test(abbr)) continue;
      const words = m[1]!.split(/[ -]+/);
      for (let k = 1; k <= words.length; k++) {
        const long = words.slice(words.length - k);
        if (initialsMatch(abbr, long)) {
          add(abbr, long);
          break;
        }
      }
    }
    // ABBR (Long Form) | ABBR, the Long Form | ABBR stands for Long Form | ABBR: Long Form
    for (const m of text.matchAll(
      /\b([A-Z][A-Za-z0-9]{1,9})(?:\s*\(\s*|,\s+(?:the|a|an)\s+|\s+(?:stands for|means|is short for)\s+|:\s+)((?:[A-Za-z][\w'-]*[ -]){0,6}[A-Za-z][\w'-]*)/g,
    )) {
      const abbr = m[1]!;
      if (!ABBR.test(abbr)) continue;
      const words = m[2]!.split(/[ -]+/);
      for (let k = words.length; k >= 1; k--) {
        const long = words.slice(0, k);
        if (initialsMatch(abbr, long)) {
          add(abbr, long);
          break;
        }
      }
    }
  }
  return out;
}

/** Second halves of hyphenated words that make adjectives, not names ("eBPF-based", "sidecar-less"). */
const COMPOUND_TAILS: ReadonlySet<string> = new Set(
  'based less free like wide level time only side aware safe ready style driven native specific facing'.split(
    ' ',
  ),
);

/** Words written as names in the deck: camelCase ("NodePort"), hyphenated ("kube-proxy") and dotted ("cluster.local"). */
function nameWords(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*/g)) {
      const w = m[0];
      if (w.includes('.')) continue;
      if (w.includes('-')) {
        const parts = w.toLowerCase().split('-');
        // "kube-proxy", "round-robin"; not "per-node", "eBPF-based", "sidecar-less"
        if (
          parts.length === 2 &&
          parts.every((p) => p.length >= 2 && !STOPWORDS.has(p) && !COMPOUND_TAILS.has(p))
        )
          out.add(w);
      } else if (camelParts(w).length >= 2 && /[a-z]/.test(w)) out.add(w);
    }
  }
  return [...out];
}

/**
 * The things a question asks about: "What is (a) X?", "What does X do?", "Explain X", "Difference
 * between X and Y?", "X vs Y?". Each is at most four words.
 */
export function promptSubjects(prompt: string): string[] {
  // "the difference between the `Secure` and `HttpOnly` cookie attributes": the code names are the subjects
  const code = [...prompt.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
  if (code.length === 2 && /\b(?:difference|differ|compare|vs\.?|versus)\b/i.test(prompt)) return code;
  const p = prompt
    .replace(/[`*_"“”]/g, '')
    .replace(/\s*\([^)]*\)/g, '')
    .trim()
    .replace(/[?.!]+$/, '')
    .trim();
  let m =
    /^(?:what(?:'s| is| are) the\s+)?differences?\s+between\s+(?:an?\s+|the\s+)?(.+?)\s+and\s+(?:an?\s+|the\s+)?(.+)$/i.exec(
      p,
    );
  if (m) return [m[1]!, m[2]!].filter((x) => x.split(/\s+/).length <= 4);
  m = /^(?:what(?:'s| is| are)|who is|define|explain|describe)\s+(?:an?\s+|the\s+)?(.+)$/i.exec(p);
  if (m) {
    const x = m[1]!.replace(/\s+(?:in|for|used|and why|mode)\b.*$/i, '');
    return x.split(/\s+/).length <= 4 && !/\b(?:difference|types?|kinds?)\b/i.test(x) ? [x] : [];
  }
  m = /^what\s+(?:does|do)\s+(?:an?\s+|the\s+)?(.+?)\s+do$/i.exec(p);
  if (m) return m[1]!.split(/\s+/).length <= 4 ? [m[1]!] : [];
  m = /^(?:compare\s+)?(.+?)\s+(?:vs\.?|versus|and)\s+(.+)$/i.exec(p);
  if (m && /\bvs\.?|versus|^compare/i.test(p))
    return [m[1]!, m[2]!].filter((x) => x.split(/\s+/).length <= 4);
  return [];
}

/** The concepts a question is about: its names (abbreviations, camelCase, the deck's concepts) or its main words. */
function subjectsOf(prompt: Tokens, concepts: ReadonlyMap<string, Concept>): string[] {
  const out: string[] = [];
  for (const s of prompt.stems) if (concepts.has(s) && !out.includes(s)) out.push(s);
  return out;
}

function addAlias(
  byFirst: Map<string, { seq: string[]; canon: string }[]>,
  seq: string[],
  canon: string,
): void {
  if (seq.length === 0) return;
  const list = byFirst.get(seq[0]!) ?? [];
  if (list.some((x) => x.seq.join(' ') === seq.join(' '))) return;
  list.push({ seq, canon });
  list.sort((x, y) => y.seq.length - x.seq.length);
  byFirst.set(seq[0]!, list);
}

/** Content stems of a phrase, as `tokenize` reads it (without concept folding). */
function phraseStems(words: readonly string[], memo: StemMemo, code: readonly string[] = []): string[] {
  return tokenize(words.join(' '), { memo, code }).stems;
}

/**
 * Builds the deck model: concept names, word weights and lexical relations.
 * @param cards - every card of the deck
 * @param lexicon - WordNet data for the deck's words (see `src/lexicon/wordnet.ts`), or none
 */
export function buildDeckModel(cards: readonly Card[], lexicon: LexiconData = EMPTY_LEXICON): DeckModel {
  const memo = new StemMemo(20_000);
  const texts = cards.flatMap((c) => [c.prompt, c.answer]);
  const byFirst = new Map<string, { seq: string[]; canon: string }[]>();
  const concepts = new Map<string, Concept>();
  const words = new Map<string, readonly string[]>(TECH_ABBREVIATIONS);

  // code whose symbols matter ("==", "HEAD~2", "2>&1"): from the deck's inline code, longest first
  const codeSet = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(/`([^`\n]+)`/g)) {
      for (const part of m[1]!.split(/\s+/)) if (isSymbolCode(part)) codeSet.add(foldText(part));
    }
  }
  const code = [...codeSet].sort((a, b) => b.length - a.length);
  const addConcept = (display: string, forms: string[][]): void => {
    // the canonical word is the glued long form, as a stem: "persistentvolumeclaim"
    const longest = forms.reduce((a, b) => (b.length > a.length ? b : a));
    const canon = stem(longest.join(''));
    if (canon.length < 2) return;
    if (!concepts.has(canon)) concepts.set(canon, { canon, display });
    for (const f of forms) {
      const seq = phraseStems(f, memo, code);
      // every word of a name must count ("per node" must not make "node" a name)
      if (seq.length === f.length) addAlias(byFirst, seq, canon);
    }
    addAlias(byFirst, [canon], canon);
  };

  const abbreviations = deckAbbreviations(texts);
  for (const { abbr, long } of abbreviations) {
    const lowerLong = long.map((w) => w.toLowerCase());
    const camel = long.length === 1 ? camelParts(long[0]!) : [];
    const forms = [lowerLong, [abbr.toLowerCase()]];
    if (camel.length > 0) forms.push(camel);
    addConcept(abbr, forms);
    words.delete(abbr.toLowerCase());
  }
  for (const w of nameWords(texts)) {
    const parts = w.includes('-') ? w.toLowerCase().split('-') : camelParts(w);
    if (parts.length < 2) continue;
    addConcept(w, [parts, [parts.join('')]]);
  }
  // names written as code are concepts: `fork()`, `execve()`, `git merge`
  for (const t of texts) {
    for (const m of t.matchAll(/`([^`\n]+)`/g)) {
      const name = m[1]!.replace(/\(\)$/, '').trim();
      if (!/^[A-Za-z][A-Za-z0-9_]*(?: [A-Za-z][A-Za-z0-9_-]*){0,2}$/.test(name)) continue;
      const ws = name.split(' ');
      const seq = phraseStems(ws, memo, code);
      if (seq.length !== ws.length) continue;
      if (seq.length === 1) {
        const canonOf = byFirst.get(seq[0]!)?.find((x) => x.seq.length === 1)?.canon ?? seq[0]!;
        if (!concepts.has(canonOf)) concepts.set(canonOf, { canon: canonOf, display: name });
      } else addConcept(name, [ws.map((w) => w.toLowerCase())]);
    }
  }
  // what the questions ask about is a concept too ("Service", "Ingress", "Service Mesh")
  for (const c of cards) {
    const subjects = promptSubjects(c.prompt).map((subject) => {
      // "IPVS mode" is IPVS
      const ws = subject.split(/[\s-]+/).filter((w) => w !== '');
      if (ws.length > 1 && /^modes?$/i.test(ws[ws.length - 1]!)) ws.pop();
      return { subject, ws };
    });
    // "git merge" vs "git rebase": people say "merge" and "rebase"
    const shared =
      subjects.length === 2 &&
      subjects.every((x) => x.ws.length >= 2) &&
      subjects[0]!.ws[0]!.toLowerCase() === subjects[1]!.ws[0]!.toLowerCase();
    for (const { subject, ws } of subjects) {
      const seq = phraseStems(ws, memo, code);
      if (seq.length === 0 || seq.length !== ws.length) continue;
      if (seq.length === 1) {
        const canonOf = byFirst.get(seq[0]!)?.find((x) => x.seq.length === 1)?.canon ?? seq[0]!;
        if (!concepts.has(canonOf)) concepts.set(canonOf, { canon: canonOf, display: subject });
      } else {
        const forms = [ws.map((w) => w.toLowerCase())];
        if (shared) forms.push(ws.slice(1).map((w) => w.toLowerCase()));
        addConcept(subject, forms);
      }
    }
  }
  const aliases: AliasTable = { byFirst };

  const infos: DeckCardInfo[] = cards.map((card) => {
    const prompt = tokenize(card.prompt, { memo, aliases, words, code });
    const reference = tokenize(card.answer, { memo, aliases, words, code });
    return { card, prompt, reference, subjects: subjectsOf(prompt, concepts) };
  });

  const df = new Map<string, number>();
  for (const info of infos) {
    const seen = new Set([...info.prompt.stems, ...info.reference.stems]);
    for (const s of seen) df.set(s, (df.get(s) ?? 0) + 1);
  }
  const n = Math.max(1, infos.length);
  const idf = (s: string): number => Math.log((n + 1) / ((df.get(s) ?? 0) + 0.5));

  // lexical relations of the deck's words, keyed by stems
  const related = new Map<string, Set<string>>();
  const opposites = new Map<string, Set<string>>();
  const link = (map: Map<string, Set<string>>, from: string, to: string): void => {
    if (from === to || from.length < 2) return;
    let set = map.get(from);
    if (!set) map.set(from, (set = new Set()));
    set.add(to);
  };
  if (lexicon.size > 0) {
    const refWords = new Set<string>();
    for (const c of cards)
      for (const w of plainWords(`${c.prompt} ${c.answer}`)) if (!STOPWORDS.has(w)) refWords.add(w);
    for (const w of refWords) {
      const e = lexicon.get(w);
      if (!e) continue;
      const own = memo.stem(w);
      for (const b of e.bases) if (!b.includes(' ')) link(related, memo.stem(b), own);
      for (const x of [...e.synonyms, ...e.derived]) {
        if (x.includes(' ') || x.includes('-')) continue;
        link(related, memo.stem(x), own);
      }
      for (const x of e.antonyms) if (!x.includes(' ')) link(opposites, own, memo.stem(x));
    }
  }
  const opts: TokenizeOptions = { memo, aliases, words, code };
  const vocab = new Set<string>();
  const cardsOf = new Map<string, number[]>();
  infos.forEach((info, ci) => {
    for (const s of new Set([...info.prompt.stems, ...info.reference.stems])) {
      vocab.add(s);
      const list = cardsOf.get(s) ?? [];
      list.push(ci);
      cardsOf.set(s, list);
    }
  });
  for (const c of concepts.keys()) vocab.add(c);
  const vocabByFirst = new Map<number, string[]>();
  for (const v of vocab) {
    const list = vocabByFirst.get(v.charCodeAt(0)) ?? [];
    list.push(v);
    vocabByFirst.set(v.charCodeAt(0), list);
  }
  return {
    aliases,
    concepts,
    words,
    code,
    opts,
    cards: infos,
    idf,
    related,
    opposites,
    memo,
    vocab,
    vocabByFirst,
    matchMemo: new Map(),
    cardsOf,
    abbreviations,
  };
}

/**
 * The words of a deck to look up in a lexicon (see `src/lexicon/wordnet.ts`): every content word of
 * its prompts and references.
 */
export function lexiconWords(cards: readonly Card[]): string[] {
  const out = new Set<string>();
  for (const c of cards) {
    for (const w of plainWords(foldText(`${c.prompt} ${c.answer}`))) {
      if (!STOPWORDS.has(w) && w.length > 1 && !/\d/.test(w)) out.add(w);
    }
  }
  return [...out];
}
