import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/decks/parse';
import type { Deck, DeckIssue } from '../../../src/decks/types';

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

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('parseDeck: code under a question', () => {
  it('keeps fenced lines between the heading and the answer as the card body, verbatim', () => {
    const deck = deckOf(
      lines(
        '# Code',
        '### What does this manifest create?',
        '```yaml',
        'apiVersion: v1',
        'kind: Service',
        '# a comment, not a heading',
        '> not an answer line',
        '',
        '- not a choice',
        '```',
        '> A Service.',
      ),
    );
    expect(deck.cards[0]).toEqual({
      prompt: 'What does this manifest create?',
      body: '```yaml\napiVersion: v1\nkind: Service\n# a comment, not a heading\n> not an answer line\n\n- not a choice\n```',
      answer: 'A Service.',
    });
  });

  it('joins several blocks with a blank line and accepts tilde fences and longer closing fences', () => {
    const deck = deckOf(lines('# C', '### Which is faster?', '~~~sql', 'SELECT 1;', '~~~~', '', '```go', 'x := 1', '```', '> The first.'));
    expect(deck.cards[0]?.body).toBe('~~~sql\nSELECT 1;\n~~~~\n\n```go\nx := 1\n```');
  });

  it('lets two cards share a question when their code differs', () => {
    const deck = deckOf(
      lines('# C', '### What does this print?', '```python', 'print(1)', '```', '> 1', '### What does this print?', '```python', 'print(2)', '```', '> 2'),
    );
    expect(deck.cards.map((c) => c.answer)).toEqual(['1', '2']);
  });

  it('still refuses the same question with the same code', () => {
    const errors = errorsOf(lines('# C', '### Q?', '```', 'x', '```', '> 1', '### Q?', '```', 'x', '```', '> 2'));
    expect(errors).toEqual([{ line: 7, message: expect.stringContaining('duplicate question') }]);
  });

  it('reports a fence that is never closed at the line that opened it', () => {
    const errors = errorsOf(lines('# C', '### Q?', '```sh', 'ls -la', '> answer'));
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [2, 'card "Q?" has no answer'],
      [3, 'code block opened here is never closed (end it with a line "```")'],
    ]);
  });

  it('keeps plain text between the question and the answer an error', () => {
    const errors = errorsOf(lines('# C', '### Q?', 'stray text', '```', 'code', '```', '> A'));
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining('unexpected text') }]);
  });

  it('refuses a code block after the answer with one error, not one per line', () => {
    const errors = errorsOf(lines('# C', '### Q?', '> A', '```yaml', 'a: 1', 'b: 2', '```', 'Topic: t'));
    expect(errors).toEqual([{ line: 4, message: expect.stringContaining('goes between the question and its answer') }]);
  });

  it('ignores a code block before the first card with a warning', () => {
    const result = parseDeck(lines('# C', '```', 'Topic: x', '```', '### Q?', '> A'));
    expect(result).toMatchObject({ ok: true, warnings: [{ line: 2, message: 'ignored code block before the first card' }] });
  });

  it('keeps code inside the answer as written: no bullets, blank lines kept', () => {
    const deck = deckOf(
      lines('# C', '### Q?', '> Like this:', '> ```yaml', '> containers:', '>   - name: web', '>', '>', '>     image: nginx', '> ```', '> - a bullet'),
    );
    expect(deck.cards[0]?.answer).toBe('Like this:\n```yaml\ncontainers:\n  - name: web\n\n\n    image: nginx\n```\n• a bullet');
  });

  it('gives a too long body the line of its first fence', () => {
    const code = Array.from({ length: 400 }, (_, i) => `line ${i} of a very long listing`);
    const errors = errorsOf(lines('# C', '### Q?', '', '```', ...code, '```', '> A'));
    expect(errors).toEqual([{ line: 4, message: expect.stringMatching(/code under the question is too long/) }]);
  });
});
