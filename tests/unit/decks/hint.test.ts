import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/decks/parse';
import { CardSchema, DeckSchema, type Deck, type DeckIssue } from '../../../src/decks/types';

function deckOf(text: string): Deck {
  const result = parseDeck(text);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.deck;
}

function errorsOf(text: string): DeckIssue[] {
  const result = parseDeck(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('parseDeck: Hint field', () => {
  it('reads "Hint: a | b" into hints, trimmed, in order', () => {
    const deck = deckOf(
      '# T\n### What is CoreDNS?\n> The cluster DNS server.\nHint:  dns |names| domain  \n',
    );
    expect(deck.cards[0]?.hints).toEqual(['dns', 'names', 'domain']);
  });

  it('is repeatable (values add up) and case-insensitive, like Wrong', () => {
    const deck = deckOf('# T\n### Q?\n> A\nHint: a | b\nWrong: w\nhint: c\nHINT: d\nWrong: x\n');
    expect(deck.cards[0]?.hints).toEqual(['a', 'b', 'c', 'd']);
    expect(deck.cards[0]?.wrong).toEqual(['w', 'x']);
  });

  it('leaves hints out of a card without Hint lines', () => {
    const card = deckOf('# T\n### Q?\n> A\nWrong: w\n').cards[0];
    expect(card).toEqual({ prompt: 'Q?', answer: 'A', wrong: ['w'] });
    expect(card).not.toHaveProperty('hints');
  });

  it('keeps hints next to every other field', () => {
    const deck = deckOf(
      [
        '# T',
        '### What is Service discovery?',
        '> Finding Services by DNS name.',
        'Accept: dns + service name',
        'Idea: by DNS name = dns | coredns',
        'Need: 1',
        'Wrong: hardcoded',
        'Hint: find each other | locate services',
        'Mode: text',
        'Topic: DNS',
      ].join('\n'),
    );
    expect(deck.cards[0]).toEqual({
      prompt: 'What is Service discovery?',
      answer: 'Finding Services by DNS name.',
      accept: ['dns + service name'],
      ideas: [{ label: 'by DNS name', terms: ['dns', 'coredns'] }],
      need: 1,
      wrong: ['hardcoded'],
      hints: ['find each other', 'locate services'],
      mode: 'text',
      topic: 'DNS',
    });
  });

  it('reports an empty Hint, and a Hint outside a card, with their lines', () => {
    const empty = errorsOf('# T\n### A?\n> a\nHint: |\n');
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ line: 4 });
    expect(empty[0]?.message).toContain('field "Hint:" has no values');

    const outside = errorsOf('# T\nHint: early\n### A?\n> a\n');
    expect(outside[0]).toMatchObject({ line: 2 });
    expect(outside[0]?.message).toContain('field "Hint:" is outside a card');
  });

  it('reports hints over the schema limits at the line of the value', () => {
    const long = 'h'.repeat(201);
    const errors = errorsOf(`# T\n### A?\n> a\nHint: ok\nHint: ${long}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 5 });
    expect(errors[0]?.message).toContain('Hint item 2 is too long (201 characters, max 200)');

    const many = Array.from({ length: 61 }, (_, i) => `h${i}`).join(' | ');
    const tooMany = errorsOf(`# T\n### A?\n> a\nHint: ${many}\n`);
    expect(tooMany[0]).toMatchObject({ line: 4 });
    expect(tooMany[0]?.message).toContain('Hint has too many items (61, max 60)');
  });
});

describe('CardSchema: hints', () => {
  it('is optional and validated like wrong', () => {
    const base = { prompt: 'Q?', answer: 'A' };
    expect(CardSchema.parse(base)).not.toHaveProperty('hints');
    expect(CardSchema.parse({ ...base, hints: ['  dns  '] }).hints).toEqual(['dns']);
    expect(CardSchema.safeParse({ ...base, hints: [''] }).success).toBe(false);
    expect(CardSchema.safeParse({ ...base, hints: ['x'.repeat(201)] }).success).toBe(false);
    expect(CardSchema.safeParse({ ...base, hints: Array.from({ length: 61 }, () => 'x') }).success).toBe(
      false,
    );
  });

  it('round-trips through a deck stored as JSON', () => {
    const deck = DeckSchema.parse({ title: 'T', cards: [{ prompt: 'Q?', answer: 'A', hints: ['a', 'b'] }] });
    expect(DeckSchema.parse(JSON.parse(JSON.stringify(deck)))).toEqual(deck);
  });
});
