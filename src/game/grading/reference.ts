/**
 * Reading a card's reference answer as key ideas: its clauses, each a set of weighted words (a word
 * the question already says weighs nothing; a word many cards of the deck use weighs little), with a
 * label in the reference's own words. And measuring how much of each idea an answer covers, with
 * typos, other word forms, the deck's concept names and WordNet synonyms.
 */
import type { DeckModel } from './deck';
import { fuzzyEquals } from './fuzzy';
import { tokenize, type Tokens } from './text';

/** One clause of the reference answer. */
export interface RefIdea {
  /** The clause in plain words, for the reveal ("the claim and its volume outlive the Pod"). */
  readonly label: string;
  /** Distinct stems of the clause (concepts folded). */
  readonly stems: readonly string[];
  /** Weight of each stem (0 for the question's own words). */
  readonly weights: readonly number[];
  readonly total: number;
  /** Which sentence of the reference it comes from (0 = the first). */
  readonly sentence: number;
  /** Stems the reference negates in this clause ("without NAT"). */
  readonly negated: ReadonlySet<string>;
  /** True for a bullet item. */
  readonly bullet: boolean;
  /** The clause's tokens in order. */
  readonly tokens: Tokens;
  /** `stems` as a set (shared by every card that looks this clause up). */
  readonly stemSet: ReadonlySet<string>;
}

/** A clause of text with its place in the reference. */
interface Segment {
  text: string;
  sentence: number;
  bullet: boolean;
}

/** Splits a reference answer into clauses: bullet items, sentences, and their parts at ; : — and ", and"-like joints. */
export function referenceSegments(answer: string): Segment[] {
  const out: Segment[] = [];
  let sentence = 0;
  let inFence = false;
  for (const rawLine of answer.split('\n')) {
    const line = rawLine.trim();
    if (line.startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (line === '' || inFence) continue;
    const bullet = /^([*\-•+]|\d+[.)])\s+/.exec(line);
    if (bullet) {
      out.push({ text: line.slice(bullet[0].length), sentence: sentence++, bullet: true });
      continue;
    }
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z`"'(])/)) {
      const parts = s.split(/;\s+|:\s+|\s+[—–]\s+|,\s+(?=(?:and|but|so|which|while|whereas|because|or)\s)/);
      for (const p of parts) if (p.trim() !== '') out.push({ text: p.trim(), sentence, bullet: false });
      sentence++;
    }
  }
  return out;
}

/** A clause as the reveal shows it: no Markdown marks, no parentheses, at most about 60 characters. */
export function plainLabel(text: string): string {
  let t = text
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:]+$/, '');
  if (t.length > 64) {
    const cut = t.lastIndexOf(' ', 60);
    t = `${t.slice(0, cut > 20 ? cut : 60)}…`;
  }
  return t;
}

/** True when an answer stem stands for a reference stem: same, a typo, another form, or a synonym. */
export function stemMatches(model: DeckModel, a: string, r: string): boolean {
  if (a === r) return true;
  // the deck's own words: what an answer word matches among them is worked out once per deck
  if (model.vocab.has(r)) return vocabMatches(model, a).has(r);
  return directMatch(model, a, r);
}

function directMatch(model: DeckModel, a: string, r: string): boolean {
  if (a === r) return true;
  // typos and other forms keep the first letter; only a synonym may not
  if (a.charCodeAt(0) === r.charCodeAt(0)) {
    if (fuzzyEquals(a, r)) return true;
    if (sameRootWord(a, r)) return true;
  }
  const rel = model.related.get(a);
  return rel !== undefined && rel.has(r);
}

/** The deck words an answer word matches (memoised in the deck model, bounded). */
export function vocabMatches(model: DeckModel, a: string): ReadonlySet<string> {
  const known = model.matchMemo.get(a);
  if (known) return known;
  const set = new Set<string>();
  for (const r of model.vocabByFirst.get(a.charCodeAt(0)) ?? []) if (directMatch(model, a, r)) set.add(r);
  for (const r of model.related.get(a) ?? []) if (model.vocab.has(r)) set.add(r);
  if (model.matchMemo.size >= MATCH_MEMO_SIZE) model.matchMemo.clear();
  model.matchMemo.set(a, set);
  return set;
}

/** How many answer words a deck remembers the matches of. */
const MATCH_MEMO_SIZE = 20_000;

/**
 * True when one word is the other plus a suffix ("balanc" / "balancer", "control" / "controller"),
 * the shorter at least five letters; "-less" says the opposite ("connection" / "connectionless").
 */
export function sameRootWord(a: string, r: string): boolean {
  const short = a.length <= r.length ? a : r;
  const long = short === a ? r : a;
  return short.length >= 5 && long.startsWith(short) && !long.startsWith('les', short.length);
}

/** Whether a stem is one of the question's: the answer gets no credit for repeating it. */
export function givenStems(model: DeckModel, prompt: Tokens): Set<string> {
  const out = new Set<string>();
  for (const s of prompt.stems) out.add(s);
  for (const j of prompt.join2) if (j !== '') out.add(j);
  void model;
  return out;
}

/**
 * Words that say nothing about the subject on their own; they count for little in an idea
 * ("provides", "type", "example").
 */
export const WEAK: ReadonlySet<string> = new Set(
  (
    'allow provid enabl common includ main exampl popular known call bas specific different make help ' +
    'one two new many more most less often mean need work important good better best particular certain ' +
    'variou each other itself own default usual way thing part kind type set also same whether run'
  ).split(' '),
);

/**
 * Compiles the reference answer of a card into key ideas.
 * @param model - the deck model
 * @param index - the card's index in the deck model
 */
export function compileIdeas(model: DeckModel, index: number): RefIdea[] {
  const info = model.cards[index]!;
  const given = givenStems(model, info.prompt);
  const ideas: RefIdea[] = [];
  for (const seg of referenceSegments(info.card.answer)) {
    const t = tokenize(seg.text, model.opts);
    const stems: string[] = [];
    const weights: number[] = [];
    const negated = new Set<string>();
    for (let i = 0; i < t.stems.length; i++) {
      const s = t.stems[i]!;
      if (t.neg[i]) negated.add(s);
      if (stems.includes(s)) continue;
      stems.push(s);
      const w = given.has(s) ? 0 : WEAK.has(s) ? 0.2 : Math.max(0.2, model.idf(s));
      weights.push(w);
    }
    const total = weights.reduce((x, y) => x + y, 0);
    if (total === 0) continue;
    ideas.push({
      label: plainLabel(seg.text),
      stems,
      weights,
      total,
      sentence: seg.sentence,
      negated,
      bullet: seg.bullet,
      tokens: t,
      stemSet: new Set(stems),
    });
  }
  return ideas;
}
