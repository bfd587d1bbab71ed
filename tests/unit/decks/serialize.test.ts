import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/decks/parse';
import { serializeDeck, serializeDeckWithLines } from '../../../src/decks/serialize';
import { DeckSchema, type Card, type Deck } from '../../../src/decks/types';

function parsed(text: string): Deck {
  const r = parseDeck(text);
  if (!r.ok) throw new Error(`parse failed:\n${r.errors.map((e) => `${e.line}: ${e.message}`).join('\n')}\n---\n${text}`);
  return r.deck;
}

// ---- generators of decks the format can hold (what the parser itself would produce) ----

/** Words with Markdown, accents and punctuation, none of them a field or list separator. */
const WORDS = [
  'pod', 'Service', 'node', 'DNS', 'ip', 'the', 'a', 'of', 'naïve', 'café', 'Ünïcödé', '42', '3.14', 'C#', '`kubectl get`',
  '**bold**', '_em_', '[docs](https://example.com/x)', 'a=b', 'x: y', '(aside)', 'it’s', '“quoted”', '→', '😀', 'e.g.',
  'SELECT', '*', '<b>', '&amp;', '\\n',
];
const word = fc.constantFrom(...WORDS);
const plainWord = fc.constantFrom(...WORDS.filter((w) => !/[=|>→-]/.test(w)));
/** A phrase whose first word is a letter word (no leading decoration or list marker). */
const phrase = (w = word, max = 6) =>
  fc.tuple(fc.constantFrom('pod', 'What', 'Service', 'node', 'Why', 'naïve'), fc.array(w, { maxLength: max })).map(([first, rest]) => [first, ...rest].join(' '));

const codeLine = fc.oneof(
  phrase(word, 4),
  fc.constantFrom('', '- item', '  - nested: true', '### not a heading', '> not a quote', 'Accept: not a field', '<!-- x -->', '---', '    indented();'),
);
const fenced = fc
  .tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'yaml', 'sql', 'go', 'python', 'sh'), fc.array(codeLine, { minLength: 1, maxLength: 5 }))
  .map(([f, lang, body]) => [`${f}${lang}`, ...body, f].join('\n'));

const answerLine = fc.oneof(
  { weight: 4, arbitrary: phrase() },
  { weight: 2, arbitrary: phrase().map((p) => `• ${p}`) },
  { weight: 1, arbitrary: phrase().map((p) => `  • ${p}`) },
);
const paragraph = fc.array(answerLine, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
const answer = fc
  .array(fc.oneof({ weight: 4, arbitrary: paragraph }, { weight: 1, arbitrary: fenced }), { minLength: 1, maxLength: 3 })
  .map((blocks) => blocks.join('\n\n'))
  .filter((a) => !/^\s/.test(a));

const list = fc.array(phrase(plainWord, 4), { minLength: 1, maxLength: 3 });

const card: fc.Arbitrary<Card> = fc
  .record(
    {
      prompt: phrase(word, 6).map((p) => `${p}?`),
      body: fc.array(fenced, { minLength: 1, maxLength: 2 }).map((b) => b.join('\n\n')),
      answer,
      choices: fc
        .tuple(fc.array(phrase(word, 4), { minLength: 2, maxLength: 6 }), fc.nat())
        .map(([texts, k]) => texts.map((text, i) => ({ text, correct: i === k % texts.length }))),
      accept: list,
      ideas: fc.array(fc.record({ label: phrase(plainWord, 3), terms: fc.array(phrase(plainWord, 3), { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
      wrong: list,
      hints: list,
      order: fc.array(phrase(plainWord, 2), { minLength: 2, maxLength: 5 }),
      mode: fc.constantFrom('choice' as const, 'text' as const),
      topic: phrase(word, 3),
    },
    { requiredKeys: ['prompt', 'answer'] },
  )
  .chain((c) => (c.ideas ? fc.integer({ min: 1, max: c.ideas.length }).map((need) => ({ ...c, need })) : fc.constant(c)));

/** Cards of the kinds with fields of their own [R12]: numbers (decimals, negatives, tiny and huge) and truth. */
const kindCard: fc.Arbitrary<Card> = fc.oneof(
  fc.record(
    {
      prompt: phrase(word, 6).map((p) => `${p}?`),
      answer,
      mode: fc.constant('number' as const),
      number: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), fc.constant(1e-7)),
      tolerance: fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 100, noNaN: true })),
      unit: fc.constantFrom('Pods', 'ms', 'km', '%', 'naïve units'),
    },
    { requiredKeys: ['prompt', 'answer', 'mode', 'number'] },
  ),
  fc.record({ prompt: phrase(word, 6).map((p) => `${p}?`), answer, mode: fc.constant('truefalse' as const), truth: fc.boolean() }),
  fc.record({
    prompt: phrase(word, 6).map((p) => `${p}?`),
    answer,
    mode: fc.constantFrom('multi' as const, 'poll' as const),
    choices: fc.array(phrase(word, 4), { minLength: 2, maxLength: 6 }),
  }).map((c) => ({ ...c, choices: c.choices.map((text, i) => ({ text, correct: c.mode === 'multi' && i % 2 === 0 })) })),
  fc.record({ prompt: phrase(word, 6).map((p) => `${p}?`), answer, mode: fc.constant('order' as const), order: fc.uniqueArray(phrase(plainWord, 2), { minLength: 2, maxLength: 8, selector: (o) => o.toLowerCase() }) }),
  fc.record({ prompt: phrase(word, 6).map((p) => `${p}?`), answer, mode: fc.constant('cloud' as const) }),
);

const deck: fc.Arbitrary<Deck> = fc.record(
  {
    id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    title: phrase(word, 5),
    description: phrase(word, 8),
    cards: fc.uniqueArray(fc.oneof({ weight: 3, arbitrary: card }, { weight: 1, arbitrary: kindCard }), { minLength: 1, maxLength: 5, selector: (c) => `${c.prompt.toLowerCase()}\n${c.body ?? ''}` }),
  },
  { requiredKeys: ['title', 'cards'] },
);

describe('serializeDeck', () => {
  it('round-trips generated decks through the parser', () => {
    fc.assert(
      fc.property(deck, (d) => {
        const expected = DeckSchema.parse(d);
        expect(parsed(serializeDeck(expected))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every fixture deck and the built-in deck, and is stable on a second pass', () => {
    const dir = new URL('../../fixtures/decks/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    const texts = files.flatMap((f) => {
      const r = parseDeck(readFileSync(new URL(f, dir), 'utf8'));
      return r.ok ? [serializeDeck(r.deck)] : [];
    });
    for (const other of ['../../fixtures/networking-seed.md', '../../../src/decks/builtin/kubernetes-networking.md']) {
      texts.push(serializeDeck(parsed(readFileSync(new URL(other, import.meta.url), 'utf8'))));
    }
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const text of texts) {
      const once = parsed(text);
      expect(serializeDeck(once)).toBe(text);
    }
  });

  it('writes learned examples as Accept and Wrong lines that the parser adds to the card', () => {
    const d = parsed('# T\n### Q?\n> A\nAccept: a\n### R?\n> B\n');
    const text = serializeDeck(d, { learned: new Map([[0, { accept: ['the data stays'], wrong: ['pods keep it'] }]]) });
    expect(text).toContain('<!-- learned from games -->\nAccept: the data stays\nWrong: pods keep it');
    expect(parsed(text).cards[0]).toEqual({ prompt: 'Q?', answer: 'A', accept: ['a', 'the data stays'], wrong: ['pods keep it'] });
  });

  it('tells the line where each card starts', () => {
    const d = parsed('# T\nid: t\n### Q?\n> A\n### R?\n```\nx\n```\n> B\n');
    const { text, cardLines } = serializeDeckWithLines(d);
    const all = text.split('\n');
    expect(cardLines.map((l) => all[l - 1])).toEqual(['### Q?', '### R?']);
  });
});
