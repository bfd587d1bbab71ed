import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import { cardHtml, gameCardsOf } from '../../../src/server/markdown/cards';

const plain: Card = { prompt: 'What is a Service?', answer: 'A stable address for a set of pods.' };
const rich: Card = {
  prompt: 'What does `ls -la` show?',
  body: '```sh\nls -la\n```',
  answer: 'Every file, **hidden ones** too.',
  choices: [
    { text: '`.` files too', correct: true },
    { text: 'only directories', correct: false },
  ],
};

describe('cardHtml', () => {
  it('adds nothing for a plain card', () => {
    expect(cardHtml(plain)).toBeUndefined();
  });

  it('renders the question, its code, the answer and the short texts that have markup', () => {
    const html = cardHtml(rich);
    expect(html?.prompt).toBe('What does <code>ls -la</code> show?');
    expect(html?.body).toContain('data-lang="shellscript"');
    expect(html?.answer).toBe('<p>Every file, <strong>hidden ones</strong> too.</p>');
    // The short answer too: it is this card's option when another card draws distractors.
    expect(html?.inline).toEqual({
      '`.` files too': '<code>.</code> files too',
      'Every file, **hidden ones** too.': 'Every file, <strong>hidden ones</strong> too.',
    });
  });
});

describe('gameCardsOf', () => {
  const deck = (updatedAt: number, card: Card) => ({ id: 'd', updatedAt: new Date(updatedAt), cards: [{ id: 'c1', card }] });

  it('renders once per deck version and gives every room its own card objects', () => {
    const first = gameCardsOf(deck(1, rich));
    const second = gameCardsOf(deck(1, rich));
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]?.html).toBe(first[0]?.html);
    // A new version of the deck is rendered again.
    const edited = gameCardsOf(deck(2, { ...rich, answer: 'Now *different*.' }));
    expect(edited[0]?.html?.answer).toBe('<p>Now <em>different</em>.</p>');
    // A plain card gets no HTML, only its short answer in plain words for the reveal [R9.2].
    expect(gameCardsOf(deck(3, plain))[0]).toEqual({ id: 'c1', card: plain, short: 'A stable address for a set of pods' });
  });
});
