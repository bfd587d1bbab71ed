import type { Card } from '../../decks/types';
import { shortAnswer as plainShortAnswer } from '../../game/grading';
import { shortAnswer, textAnswerSummary } from '../../game/questions';
import type { CardHtml, GameCard } from '../../game/types';
import { answerToMarkdown, renderBlock, renderInline } from './index';

/**
 * A deck's cards with their Markdown rendered, for the game and for the deck pages. Rendering (Shiki in
 * particular) costs milliseconds per code block, so a deck is rendered once per version and kept.
 */

/** HTML of a card for the game: only the parts that have markup. */
export function cardHtml(card: Card): CardHtml | undefined {
  const html: CardHtml = {};
  const prompt = renderInline(card.prompt);
  if (prompt !== undefined) html.prompt = prompt;
  const body = card.body ? renderBlock(card.body, { always: true }) : undefined;
  if (body !== undefined) html.body = body;
  const answer = renderBlock(answerToMarkdown(card.answer));
  if (answer !== undefined) html.answer = answer;
  // The texts a choice or a reveal may show: curated choices, or this card's short answer (which also serves
  // as a distractor on other cards' questions).
  const inline: Record<string, string> = {};
  for (const text of [...(card.choices ?? []).map((c) => c.text), shortAnswer(card), textAnswerSummary(card)]) {
    const rendered = renderInline(text);
    if (rendered !== undefined) inline[text] = rendered;
  }
  if (Object.keys(inline).length > 0) html.inline = inline;
  return Object.keys(html).length > 0 ? html : undefined;
}

/** Everything of a card as HTML, plain parts included: the deck page's preview "as players will see it". */
export interface CardPreviewHtml {
  prompt: string;
  body: string | null;
  answer: string;
  /** By choice index, or null for a card without curated choices. */
  choices: string[] | null;
}

export function cardPreviewHtml(card: Card): CardPreviewHtml {
  const always = { always: true };
  return {
    prompt: renderInline(card.prompt, always) ?? '',
    body: card.body ? (renderBlock(card.body, always) ?? null) : null,
    answer: renderBlock(answerToMarkdown(card.answer), always) ?? '',
    choices: card.choices ? card.choices.map((c) => renderInline(c.text, always) ?? '') : null,
  };
}

interface DeckLike {
  id: string;
  updatedAt: Date;
  cards: readonly { id: string; card: Card }[];
}

const MAX_DECKS = 64;
/** Rendered HTML by deck id, with the version it was rendered from; the oldest deck goes first when full. */
const rendered = new Map<string, { version: number; html: Map<string, CardHtml | undefined>; short: Map<string, string> }>();

/**
 * The deck's cards for a new room, with their HTML. The HTML is rendered on the first room of each deck
 * version and reused; the GameCard objects are new for every room (the game keeps per-card state on them).
 */
export function gameCardsOf(deck: DeckLike): GameCard[] {
  const version = deck.updatedAt.getTime();
  let entry = rendered.get(deck.id);
  if (entry && entry.version === version) {
    rendered.delete(deck.id);
  } else {
    entry = { version, html: new Map(), short: new Map() };
  }
  rendered.set(deck.id, entry);
  if (rendered.size > MAX_DECKS) rendered.delete(rendered.keys().next().value ?? '');
  const { html: cache, short: shorts } = entry;
  return deck.cards.map((c): GameCard => {
    if (!cache.has(c.id)) cache.set(c.id, cardHtml(c.card));
    const html = cache.get(c.id);
    // The reveal's answer in plain words, worked out once per deck version (it reads the reference as a list).
    let short = shorts.get(c.id);
    if (short === undefined) {
      short = plainShortAnswer(c.card);
      shorts.set(c.id, short);
    }
    return html ? { id: c.id, card: c.card, html, short } : { id: c.id, card: c.card, short };
  });
}
