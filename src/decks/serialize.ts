import { closesFence, FENCE_OPEN } from './parse';
import type { Card, Deck } from './types';

/**
 * Writes a deck back as Markdown in the format of docs/DECKS.md, so that `parseDeck(serializeDeck(d))`
 * gives `d` again (tests/unit/decks/serialize.test.ts checks it on generated decks). Used by the export,
 * by the browser form (the form's deck is written out and parsed, so its errors come with lines too)
 * and by clones.
 *
 * What the format cannot hold is not invented here: a value with `|` in an `Accept:` list, say, comes
 * back as two values. Such decks cannot come from the parser, and the form's decks go through the parser.
 */

/** Answers the host settled in games, written as `Accept:` / `Wrong:` lines of their card. */
export interface LearnedLines {
  accept: readonly string[];
  wrong: readonly string[];
}

export interface SerializeOptions {
  /** By card index: learned examples to write under a `<!-- learned from games -->` comment. */
  learned?: ReadonlyMap<number, LearnedLines>;
}

export interface SerializedDeck {
  text: string;
  /** The 1-based line where each card starts (its `###` heading), by card index. */
  cardLines: number[];
}

/** The stored answer (bullets as `• item`) as `>` lines; code blocks inside it are kept as written. */
function answerLines(answer: string): string[] {
  let fence: string | null = null;
  return answer.split('\n').map((line) => {
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
    } else {
      const open = FENCE_OPEN.exec(line)?.[1];
      if (open !== undefined) fence = open;
      else line = line.replace(/^(\s*)• (?=\S)/, '$1- ');
    }
    return line === '' ? '>' : `> ${line}`;
  });
}

/** A number as the reader takes it back exactly: JavaScript's shortest round-trip form (`1e-7` included). */
function plainNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

function cardLines(card: Card, learned: LearnedLines | undefined): string[] {
  const out = [`### ${card.prompt}`];
  if (card.body) out.push(...card.body.split('\n'));
  out.push(...answerLines(card.answer));
  if (card.choices) {
    out.push('Choices:');
    for (const c of card.choices) out.push(`- [${c.correct ? 'x' : ' '}] ${c.text}`);
  }
  if (card.accept && card.accept.length > 0) out.push(`Accept: ${card.accept.join(' | ')}`);
  for (const idea of card.ideas ?? []) {
    out.push(idea.terms.length > 0 ? `Idea: ${idea.label} = ${idea.terms.join(' | ')}` : `Idea: ${idea.label}`);
  }
  if (card.need !== undefined) out.push(`Need: ${card.need}`);
  if (card.wrong && card.wrong.length > 0) out.push(`Wrong: ${card.wrong.join(' | ')}`);
  if (card.hints && card.hints.length > 0) out.push(`Hint: ${card.hints.join(' | ')}`);
  if (card.order) out.push(`Order: ${card.order.join(' > ')}`);
  if (card.mode) out.push(`Mode: ${card.mode}`);
  if (card.number !== undefined) out.push(`Number: ${plainNumber(card.number)}`);
  if (card.tolerance !== undefined) out.push(`Tolerance: ${plainNumber(card.tolerance)}`);
  if (card.unit) out.push(`Unit: ${card.unit}`);
  if (card.truth !== undefined) out.push(`Correct: ${card.truth ? 'true' : 'false'}`);
  if (card.topic) out.push(`Topic: ${card.topic}`);
  if (learned && (learned.accept.length > 0 || learned.wrong.length > 0)) {
    out.push('<!-- learned from games -->');
    for (const a of learned.accept) out.push(`Accept: ${a}`);
    for (const w of learned.wrong) out.push(`Wrong: ${w}`);
  }
  return out;
}

/**
 * The deck as Markdown, with the line where each card starts.
 * @param deck - a deck (from the parser, the database or the browser form)
 * @param opts - learned examples to add as `Accept:` / `Wrong:` lines
 */
export function serializeDeckWithLines(deck: Deck, opts: SerializeOptions = {}): SerializedDeck {
  const lines = [`# ${deck.title}`];
  if (deck.id) lines.push(`id: ${deck.id}`);
  if (deck.description) lines.push(`description: ${deck.description.replace(/\s*\n\s*/g, ' ')}`);
  const starts: number[] = [];
  deck.cards.forEach((card, i) => {
    lines.push('');
    starts.push(lines.length + 1);
    lines.push(...cardLines(card, opts.learned?.get(i)));
  });
  return { text: `${lines.join('\n')}\n`, cardLines: starts };
}

/**
 * The deck as Markdown that parses back to the same deck.
 * @param deck - a deck
 * @param opts - learned examples to add as `Accept:` / `Wrong:` lines
 */
export function serializeDeck(deck: Deck, opts: SerializeOptions = {}): string {
  return serializeDeckWithLines(deck, opts).text;
}
