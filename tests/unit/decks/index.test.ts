import { describe, expect, it } from 'vitest';
import * as decks from '../../../src/decks/index';
import { DeckIdSchema, formatDeckErrors, slugifyDeckId } from '../../../src/decks/index';

describe('decks index', () => {
  it('re-exports the parser, the repair and the schemas', () => {
    expect(typeof decks.parseDeck).toBe('function');
    expect(typeof decks.repairMojibake).toBe('function');
    expect(decks.DeckSchema).toBeDefined();
    expect(decks.BUILTIN_DECK_ID).toBe('kubernetes-networking');
  });
});

describe('slugifyDeckId', () => {
  it.each([
    ['☸️ SECTION 4: Kubernetes Networking', 'section-4-kubernetes-networking'],
    ['Kubernetes Networking', 'kubernetes-networking'],
    ['Café naïve Zürich — Straße', 'cafe-naive-zurich-strasse'],
    ['  --Hello__World!!  ', 'hello-world'],
    ['☸️ 🚀', 'deck'],
    ['日本語', 'deck'],
  ])('%j -> %j', (title, id) => {
    expect(slugifyDeckId(title)).toBe(id);
  });

  it('stays within 63 characters without a trailing dash', () => {
    const id = slugifyDeckId(`${'a'.repeat(62)} b and more`);
    expect(id).toBe('a'.repeat(62));
    expect(slugifyDeckId('word '.repeat(40)).length).toBeLessThanOrEqual(63);
  });

  it.each(['x', 'A Title', '—', `${'Long title '.repeat(20)}`, '123 Go'])(
    'always satisfies DeckIdSchema (%j)',
    (title) => {
      expect(DeckIdSchema.safeParse(slugifyDeckId(title)).success).toBe(true);
    },
  );
});

describe('formatDeckErrors', () => {
  it('prints file:line: message, one per line', () => {
    const errors = [
      { line: 12, message: 'card "What is X?" has no answer' },
      { line: 14, message: 'unknown field "Foo:"' },
    ];
    expect(formatDeckErrors(errors)).toBe(
      'deck.md:12: card "What is X?" has no answer\ndeck.md:14: unknown field "Foo:"',
    );
    expect(formatDeckErrors(errors.slice(0, 1), 'decks/k8s.md')).toBe(
      'decks/k8s.md:12: card "What is X?" has no answer',
    );
    expect(formatDeckErrors([])).toBe('');
  });
});
