import type { Card } from '../../decks/types';
import { buildDeckModel, type DeckModel } from './deck';
import {
  compileRefModel,
  deckIdeas,
  indexForeign,
  notForeign,
  type ForeignIdea,
  type ForeignIndex,
  type RefModel,
} from './evidence';
import { compileExample, type LearnedExample } from './examples';
import { EMPTY_LEXICON, type LexiconData } from './lexicon';
import { compileList, listPrompt } from './lists';
import { compileIdeas, givenStems, WEAK } from './reference';
import { MODEL, type LinearModel, type RefCard } from './refgrade';
import type { CompiledCard } from './types';
import { camelParts, foldText, plainWords, stem, STOPWORDS, tokenize, type TokenizeOptions } from './text';

/**
 * A phrase precompiled for matching: stems in order, required negation per word, glued neighbour
 * pairs for compound spellings. A phrase written `a + b` is a conjunction: every part must appear
 * somewhere in the answer, in any order.
 */
export interface Term {
  readonly text: string;
  readonly toks: readonly string[];
  readonly negReq: readonly boolean[];
  /** stem(word j + word j+1) for compound matching ("node port" vs "nodeport"). */
  readonly join2: readonly string[];
  /** First char code of the first stem (fast reject). */
  readonly first: number;
  /** Conjunction parts, or null for a plain phrase. */
  readonly parts: readonly Term[] | null;
}

/** A key idea ready for matching. */
export interface CompiledIdea {
  readonly label: string;
  readonly terms: readonly Term[];
  /** How many distinct terms must match (1 for deck ideas; more for ideas derived from prose). */
  readonly minHits: number;
  /** True when the idea only restates the question (it never earns credit on its own). */
  readonly trivial: boolean;
}

/** A choice text as a bag of stems, to spot an answer that just repeats one of the choices. */
export interface CompiledChoice {
  readonly stems: readonly string[];
  readonly correct: boolean;
}

/** A camelCase name of the prompt ("NodePort"), as stems. */
export interface PromptName {
  readonly whole: string;
  readonly parts: readonly string[];
}

/** Everything the grader needs, computed once per card. */
export interface GradingCard extends CompiledCard {
  readonly ideas: readonly CompiledIdea[];
  /** Non-trivial ideas needed for a fully correct answer. */
  readonly need: number;
  readonly accept: readonly Term[];
  readonly wrong: readonly Term[];
  /**
   * On-topic terms (`Hint:`) that earn partial credit when no key idea matches; never full credit,
   * never counted towards `need`.
   */
  readonly hints: readonly Term[];
  /** Order items, each a list of terms, or null when the answer is not a sequence. */
  readonly order: readonly (readonly Term[])[] | null;
  readonly choices: readonly CompiledChoice[];
  /** Stems (and glued pairs) of the prompt, to detect answers that only echo the question. */
  readonly promptStems: ReadonlySet<string>;
  /**
   * camelCase names of the prompt: the stem of the whole name ("nodeport") and of its words (node,
   * port). An answer that uses all the words apart without the name itself ("a port on the node")
   * describes the name rather than repeating it.
   */
  readonly promptNames: readonly PromptName[];
  /** True when the card has no `Idea:` lines: the reference answer decides (see refgrade.ts). */
  readonly derived: boolean;
  /** The card read from its reference, in its deck (always present: fields cards use it for contradictions). */
  readonly ref: RefCard;
  /** How answers are read for the reference (the deck's concept names and abbreviations). */
  readonly tokenOptions: TokenizeOptions;
}

/** What a card is compiled with besides itself. */
export interface CardContext {
  /** The deck's cards (this one included): concept names, word weights and mix-ups come from them. */
  readonly deck?: readonly Card[] | CompiledDeckModel;
  /** WordNet data for the deck's words (`src/lexicon/wordnet.ts`). */
  readonly lexicon?: LexiconData;
  /** Answers a host settled for this card. */
  readonly examples?: readonly LearnedExample[];
  /** A linear model other than the built-in one (for measuring it). */
  readonly model?: LinearModel | undefined;
}

/** A deck model plus every card's reference model, shared by the deck's compiled cards. */
export interface CompiledDeckModel {
  readonly model: DeckModel;
  readonly refs: readonly RefModel[];
  /** Every clause of every card's reference, and the same by word (the source of mix-ups). */
  readonly ideas: readonly ForeignIdea[];
  readonly ideaIndex: ForeignIndex;
}

/** A compiled deck: its cards in deck order, ready for `gradeAnswer`. */
export interface CompiledDeck extends CompiledDeckModel {
  readonly cards: readonly GradingCard[];
  /** The compiled card of a prompt (exact prompt text), if any. */
  card(prompt: string): GradingCard | undefined;
}

/** Words too generic to be key ideas when deriving them from prose. */
const GENERIC = new Set(
  (
    'allow allows allowed provide provides provided enable enables enabled common commonly include includes ' +
    'including main mainly type types example examples popular known called stand stands based specific ' +
    'different set make makes made help helps one two new many much more most less often mean means want ' +
    'need needs work works important good better best kubernetes k8s dedicated particular certain various ' +
    'feature features each every all any'
  ).split(' '),
);

function compilePhrase(text: string): Term | null {
  const t = tokenize(text);
  if (t.stems.length === 0) return null;
  const join2: string[] = [];
  for (let i = 0; i + 1 < t.raws.length; i++) join2.push(stem(t.raws[i]! + t.raws[i + 1]!));
  return {
    text,
    toks: t.stems,
    negReq: t.neg,
    join2,
    first: t.stems[0]!.charCodeAt(0),
    parts: null,
  };
}

/**
 * Compiles one deck phrase (an `Accept`, `Wrong`, idea term or order item) into a {@link Term}.
 * @param text - the phrase; `a + b` means both parts, in any order
 * @returns the term, or null when it has no content words
 */
export function compileTerm(text: string): Term | null {
  if (text.includes(' + ')) {
    const parts = text
      .split(' + ')
      .map((p) => compilePhrase(p))
      .filter((p): p is Term => p !== null);
    if (parts.length === 0) return null;
    if (parts.length === 1) return parts[0]!;
    return { text, toks: [], negReq: [], join2: [], first: 0, parts };
  }
  return compilePhrase(text);
}

function compileTerms(texts: readonly string[]): Term[] {
  const out: Term[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    const term = compileTerm(text);
    if (!term) continue;
    // the same stems twice ("network" and "networking") would count twice
    const key = term.parts ? term.parts.map((p) => p.toks.join(' ')).join(' + ') : term.toks.join(' ');
    const negKey = term.negReq.map((n) => (n ? '!' : '')).join('');
    if (seen.has(key + negKey)) continue;
    seen.add(key + negKey);
    out.push(term);
  }
  return out;
}

function promptStemSet(prompt: string): { stems: Set<string>; names: PromptName[] } {
  const set = new Set<string>();
  const names: PromptName[] = [];
  const t = tokenize(prompt);
  for (const s of t.stems) set.add(s);
  for (const j of t.join2) if (j !== '') set.add(j);
  // camelCase words in the prompt ("ExternalName", "LoadBalancer") also count by their parts
  const words = prompt.split(/[^A-Za-z0-9]+/);
  for (const w of words) {
    const parts = camelParts(w);
    // "ExternalName" -> external, name; but not "CoreDNS" or "ClusterIP" (an acronym part stays meaningful)
    if (parts.length === 0 || /[A-Z]{2}/.test(w)) continue;
    const stems = parts.filter((p) => !STOPWORDS.has(p)).map((p) => stem(p));
    for (const s of stems) set.add(s);
    if (stems.length >= 2) names.push({ whole: stem(w.toLowerCase()), parts: stems });
  }
  return { stems: set, names };
}

function termIsTrivial(term: Term, promptStems: ReadonlySet<string>): boolean {
  if (term.parts) return term.parts.every((p) => termIsTrivial(p, promptStems));
  return (
    term.toks.every((s) => promptStems.has(s)) || (term.toks.length === 2 && promptStems.has(term.join2[0]!))
  );
}

/** An idea is trivial when its label only restates words of the question ("Pod" for "...to Pod?"). */
function makeIdea(
  label: string,
  terms: Term[],
  minHits: number,
  promptStems: ReadonlySet<string>,
): CompiledIdea {
  const labelTerm = compileTerm(label);
  const trivial = labelTerm
    ? termIsTrivial(labelTerm, promptStems)
    : terms.every((t) => termIsTrivial(t, promptStems));
  return { label, terms, minHits, trivial };
}

/** Splits a reference answer into segments: sentences of prose and bullet items. */
function answerSegments(answer: string): { text: string; bullet: boolean }[] {
  const segments: { text: string; bullet: boolean }[] = [];
  for (const rawLine of answer.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const bullet = /^([*\-•]|\d+[.)])\s+/.exec(line);
    if (bullet) {
      segments.push({ text: line.slice(bullet[0].length), bullet: true });
      continue;
    }
    for (const sentence of line.split(/(?<=[.!?;])\s+/)) {
      if (sentence.trim() !== '') segments.push({ text: sentence.trim(), bullet: false });
    }
  }
  return segments;
}

/**
 * Derives key ideas from a reference answer for cards without `Idea:` lines: each bullet item is an
 * idea, and each sentence is an idea made of its content words (question words and generic words
 * removed); a sentence idea counts when about 40% of its words (at least two when it has three or
 * more) appear in the answer.
 */
function deriveIdeas(card: Card, promptStems: ReadonlySet<string>): { ideas: CompiledIdea[]; need: number } {
  const ideas: CompiledIdea[] = [];
  let bullets = 0;
  for (const seg of answerSegments(card.answer)) {
    const words = plainWords(seg.text).filter(
      (w) => !STOPWORDS.has(w) && !GENERIC.has(w) && w.length > 1 && !promptStems.has(stem(w)),
    );
    const unique = [...new Set(words)];
    if (unique.length === 0) continue;
    if (seg.bullet && unique.length <= 4) {
      const term = compileTerm(unique.join(' '));
      if (!term) continue;
      bullets++;
      ideas.push(makeIdea(seg.text.trim().slice(0, 120), [term], 1, promptStems));
      continue;
    }
    const terms = compileTerms(unique);
    if (terms.length === 0) continue;
    const minHits = terms.length <= 2 ? 1 : Math.max(2, Math.ceil(terms.length * 0.4));
    ideas.push(makeIdea(unique.slice(0, 4).join(' '), terms, minHits, promptStems));
  }
  const counted = ideas.filter((i) => !i.trivial).length;
  const need = bullets >= 2 ? Math.min(2, bullets) : Math.max(1, Math.ceil(counted * 0.5));
  return { ideas, need: Math.max(1, Math.min(need, counted)) };
}

function compileChoices(card: Card): CompiledChoice[] {
  return (card.choices ?? [])
    .map((c) => ({ stems: tokenize(c.text).stems, correct: c.correct }))
    .filter((c) => c.stems.length > 0);
}

/** Reads a deck: its model and every card's reference model. */
export function compileDeckModel(
  cards: readonly Card[],
  lexicon: LexiconData = EMPTY_LEXICON,
): CompiledDeckModel {
  const model = buildDeckModel(cards, lexicon);
  const refs = model.cards.map((info, i) => {
    const given = givenStems(model, info.prompt);
    const isList =
      listPrompt(info.card.prompt) !== null ||
      (info.card.order?.length ?? 0) >= 2 ||
      /\bflow\b|->|→/.test(info.card.prompt + info.card.answer.slice(0, 80));
    const opts = model.opts;
    const main = new Set(tokenize(info.card.answer.replace(/\([^)]*\)/g, ' '), opts).stems);
    return compileRefModel(
      model,
      i,
      compileIdeas(model, i),
      info.reference,
      given,
      info.subjects,
      isList,
      main,
      info.card.answer,
      info.card.prompt,
      opts,
    );
  });
  const ideas = deckIdeas(refs);
  return { model, refs, ideas, ideaIndex: indexForeign(ideas) };
}

/**
 * Compiles every card of a deck with the deck as context (one model shared by all cards).
 * @param cards - the deck's cards
 * @param opts - WordNet data for the deck's words, and the host-settled examples of each card (by
 *   index in `cards`)
 */
export function compileDeck(
  cards: readonly Card[],
  opts: {
    lexicon?: LexiconData;
    examples?: (card: Card, index: number) => readonly LearnedExample[];
    /** A linear model other than the built-in one (for measuring it). */
    model?: LinearModel;
  } = {},
): CompiledDeck {
  const dm = compileDeckModel(cards, opts.lexicon);
  const compiled = cards.map((card, i) =>
    compileCard(card, { deck: dm, examples: opts.examples?.(card, i) ?? [], model: opts.model }),
  );
  const byPrompt = new Map(compiled.map((c) => [c.card.prompt, c]));
  return { ...dm, cards: compiled, card: (prompt) => byPrompt.get(prompt) };
}

/**
 * Prepares a card for fast repeated grading: every phrase of the card (accepted answers, key-idea
 * terms, wrong answers, hints, order items, choices, the prompt) is tokenised and stemmed once, and
 * its reference answer is read as key ideas in the context of its deck.
 * @param card - a deck card
 * @param context - the deck (its other cards are a source of confusions), lexical data and learned
 *   examples; without it the card is its own one-card deck
 * @returns the compiled card (pass it to `gradeAnswer`)
 */
export function compileCard(card: Card, context: CardContext = {}): GradingCard {
  const { stems: promptStems, names: promptNames } = promptStemSet(card.prompt);
  let ideas: CompiledIdea[];
  let need: number;
  let derived = false;
  if (card.ideas && card.ideas.length > 0) {
    ideas = card.ideas.map((idea) =>
      makeIdea(idea.label, compileTerms([idea.label, ...idea.terms]), 1, promptStems),
    );
    const counted = ideas.filter((i) => !i.trivial).length;
    need = Math.max(1, Math.min(card.need ?? Math.min(2, counted), Math.max(1, counted)));
  } else {
    const d = deriveIdeas(card, promptStems);
    ideas = d.ideas;
    need = card.need !== undefined ? Math.max(1, Math.min(card.need, d.ideas.length)) : d.need;
    derived = true;
  }
  let order: Term[][] | null = null;
  if (card.order && card.order.length >= 2) {
    order = card.order.map((item) => {
      const key = foldText(item).trim();
      const idea = card.ideas?.find((i) => foldText(i.label).trim() === key);
      return compileTerms(idea ? [idea.label, ...idea.terms] : [item]);
    });
  }
  const ref = compileRefCard(card, context);
  return {
    card,
    ideas,
    need,
    accept: compileTerms(card.accept ?? []),
    wrong: compileTerms(card.wrong ?? []),
    // a hint made only of the question's words would reward repeating the question
    hints: compileTerms(card.hints ?? []).filter((t) => !termIsTrivial(t, promptStems)),
    order,
    choices: compileChoices(card),
    promptStems,
    promptNames,
    derived,
    ref,
    tokenOptions: ref.deck.opts,
  };
}

/** The card's reference model within its deck (a deck of one when no deck is given). */
function compileRefCard(card: Card, context: CardContext): RefCard {
  let dm: CompiledDeckModel;
  if (context.deck && 'model' in context.deck) dm = context.deck;
  else {
    const cards = context.deck && context.deck.length > 0 ? context.deck : [card];
    dm = compileDeckModel(cards.includes(card) ? cards : [...cards, card], context.lexicon);
  }
  const model = dm.model;
  const index = model.cards.findIndex((c) => c.card === card || c.card.prompt === card.prompt);
  const ref = dm.refs[index]!;
  const info = model.cards[index]!;
  // what other cards are about, and this card never mentions: wrong list items and mix-ups
  const otherSubjects = new Map<string, number>();
  model.cards.forEach((other, i) => {
    if (i === index) return;
    for (const s of other.subjects) {
      if (!ref.given.has(s) && !info.subjects.includes(s)) otherSubjects.set(s, i);
    }
    if (other.prompt.stems.length > 3) return;
    for (const s of other.prompt.stems) {
      if (!ref.stems.has(s) && !ref.given.has(s) && !info.reference.stems.includes(s))
        otherSubjects.set(s, i);
    }
  });
  // "What is CNI?": the deck spells CNI out; "How do you ...?": the commands the reference gives
  const spelledOut = model.abbreviations
    .filter((x) => new RegExp(`\\b${x.abbr}\\b`).test(card.prompt))
    .map((x) => ({ abbr: x.abbr, stems: tokenize(x.long.join(' '), { memo: model.memo }).stems }))
    .filter((x) => x.stems.length >= 2);
  const commands = /^\s*how\b/i.test(card.prompt)
    ? [...card.answer.matchAll(/`([^`\n]+)`/g)]
        .map((m) => m[1]!.trim().toLowerCase().replace(/\s+/g, ' '))
        .filter((c) => /^[a-z][\w.-]*\s+\S/.test(c))
    : [];
  const list = compileList(model, card.prompt, card.answer);
  const known = new Set<string>();
  if (list) {
    const itemStems = new Set(list.items.flatMap((i) => i.stems));
    for (const c of model.cards) {
      for (const s of [...c.reference.stems, ...c.prompt.stems]) {
        if (!itemStems.has(s) && !ref.given.has(s) && !WEAK.has(s) && s.length > 2) known.add(s);
      }
    }
  }
  const examples = (context.examples ?? []).map((e) =>
    compileExample(model, e, tokenize(e.text, model.opts), ref.given),
  );
  return {
    deck: model,
    ref,
    list,
    known,
    otherSubjects,
    examples,
    spelledOut,
    commands,
    foreign: { byStem: dm.ideaIndex.byStem, except: notForeign(model, ref, dm.ideas, dm.ideaIndex) },
    model: context.model ?? MODEL,
    tokenOptions: model.opts,
  };
}
