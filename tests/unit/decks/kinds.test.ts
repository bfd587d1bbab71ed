import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/decks/parse';
import { serializeDeck } from '../../../src/decks/serialize';
import { DeckSchema } from '../../../src/decks/types';

const deck = (cards: string) => `# Kinds\n\n${cards}\n`;

describe('question kinds in the deck format [R12.1]', () => {
  it('[R12.1] reads every kind with its fields', () => {
    const r = parseDeck(
      deck(`### Is a ClusterIP reachable from outside?
> No.
Mode: truefalse
Correct: false

### Which are CNI plugins?
> Calico and Flannel.
Choices:
- [x] Calico
- [ ] etcd
- [x] Flannel
Mode: multi

### Order the path.
> LB, Service, Pod.
Order: LB > Service > Pod
Mode: order

### Max pods per node?
> 110.
Mode: number
Number: 110
Tolerance: 10
Unit: Pods

### Which type do you use?
> No right answer.
Choices:
- [ ] ClusterIP
- [ ] NodePort
Mode: poll

### One word?
> Anything.
Mode: Word cloud`.replace('Word cloud', 'cloud')),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.deck.cards.map((c) => c.mode)).toEqual(['truefalse', 'multi', 'order', 'number', 'poll', 'cloud']);
    expect(r.deck.cards[0]?.truth).toBe(false);
    expect(r.deck.cards[1]?.choices?.filter((c) => c.correct)).toHaveLength(2);
    expect(r.deck.cards[3]).toMatchObject({ number: 110, tolerance: 10, unit: 'Pods' });
    // Written out and read back, the same deck.
    const again = parseDeck(serializeDeck(r.deck));
    expect(again.ok && again.deck).toEqual(r.deck);
  });

  it('[R12.1] reports each kind problem at its line', () => {
    const r = parseDeck(
      deck(`### A?
> a
Mode: truefalse

### B?
> b
Choices:
- [ ] one
- [ ] two
Mode: multi

### C?
> c
Choices:
- [x] one
- [ ] two
Mode: poll

### D?
> d
Mode: order

### E?
> e
Mode: number
Number: lots
Tolerance: -2

### F?
> f
Number: 3
Correct: maybe
Mode: dance

### G?
> g
Order: a > b > c > d > e > f > g > h > i
Mode: order`),
    );
    if (r.ok) throw new Error('expected errors');
    expect(r.errors).toEqual([
      { line: 5, message: 'card "A?": "Mode: truefalse" needs a "Correct: true" or "Correct: false" line' },
      { line: 9, message: 'card "B?": a multi-select card needs at least one correct choice "- [x]"' },
      { line: 16, message: 'card "C?": a poll has no right answer: write its choices as "- [ ] text"' },
      { line: 23, message: 'card "D?": "Mode: order" needs an "Order: a > b > c" line' },
      { line: 27, message: 'card "E?": "Mode: number" needs a "Number:" line' },
      { line: 28, message: 'card "E?": "Number:" must be a number such as 42 or 3.5 (got "lots")' },
      { line: 29, message: 'card "E?": "Tolerance:" cannot be negative (got "-2")' },
      { line: 33, message: 'card "F?": "Number:" belongs to a "Mode: number" card' },
      { line: 34, message: 'card "F?": "Correct:" must be "true" or "false" (got "maybe")' },
      { line: 35, message: 'card "F?": "Mode:" must be one of choice, text, order, multi, number, truefalse, poll, cloud (got "dance")' },
      { line: 39, message: 'card "G?": an ordering card arranges at most 8 items (found 9)' },
    ]);
  });

  it('[R12.1] a deck that arrives as JSON holds to the same rules', () => {
    const bad = DeckSchema.safeParse({ title: 't', cards: [{ prompt: 'p?', answer: 'a', mode: 'multi' }] });
    expect(bad.success).toBe(false);
    const poll = DeckSchema.safeParse({
      title: 't',
      cards: [{ prompt: 'p?', answer: 'a', mode: 'poll', choices: [{ text: 'x', correct: false }, { text: 'y', correct: false }] }],
    });
    expect(poll.success).toBe(true);
    const classic = DeckSchema.safeParse({
      title: 't',
      cards: [{ prompt: 'p?', answer: 'a', choices: [{ text: 'x', correct: true }, { text: 'y', correct: true }] }],
    });
    expect(classic.success).toBe(false);
  });

  it('[R12.1] the sample deck has one card of every kind and parses clean', () => {
    const file = path.resolve(__dirname, '../../../src/decks/builtin/question-kinds.md');
    const r = parseDeck(readFileSync(file, 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.warnings).toEqual([]);
    expect(new Set(r.deck.cards.map((c) => c.mode))).toEqual(
      new Set(['choice', 'text', 'order', 'multi', 'number', 'truefalse', 'poll', 'cloud']),
    );
  });
});
