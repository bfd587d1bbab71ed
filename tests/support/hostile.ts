import fc from 'fast-check';

/**
 * Arbitraries of hostile input for the fuzz tests: strings with control characters, lone surrogates, invisible
 * and bidi characters, look-alikes, over-long text, and values of every JSON type where a string is expected.
 */

/** One UTF-16 code unit, any of them: lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

const SPECIAL = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202e0001 :erocs',
  'ali\u200bce',
  '\u0430lice',
  'alice',
  '\t\n\r',
  '\ud800',
  '\udc00x',
  '\u3164',
  '👩\u200d💻',
  'x'.repeat(101),
  'y'.repeat(1001),
  '__proto__',
  'constructor',
  '%00',
  '%ZZ',
  '../../etc/passwd',
  "'; DROP TABLE \"Room\"; --",
  '=HYPERLINK("http://x")',
  '0000-01-01',
  '+275760-09-13',
  '9999-12-31T23:59:59Z',
  'NaN',
  '-1',
  '1e309',
];

/** Ordinary text salted with the characters that break things: controls, bidi, zero-width, lone surrogates. */
const salted = fc.string({
  unit: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\u200b', '\ufeff', '\ud800', '\udfff') },
    { weight: 3, arbitrary: fc.constantFrom('a', 'b', 'Z', ' ', '1', '-', 'é', 'а') },
  ),
  minLength: 1,
  maxLength: 12,
});

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: salted },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 150, maxLength: 300 }) },
);

/** Anything JSON can carry, weighted towards strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER, -0, 1.5, 1e308) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
);
