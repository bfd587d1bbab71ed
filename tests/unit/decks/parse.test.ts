import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanQuestion, parseDeck } from '../../../src/decks/parse';
import { DeckSchema, type Card, type Deck, type DeckIssue } from '../../../src/decks/types';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/decks/${name}`, import.meta.url), 'utf8');

function deckOf(text: string, fileName?: string): Deck {
  const result = parseDeck(text, fileName === undefined ? {} : { fileName });
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.deck;
}

function errorsOf(text: string): DeckIssue[] {
  const result = parseDeck(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

/** `[line, message fragment]` pairs, to check both line and wording without repeating whole messages. */
function expectErrors(errors: DeckIssue[], expected: [number, string][]): void {
  expect(errors.map((e) => e.line)).toEqual(expected.map(([line]) => line));
  errors.forEach((e, i) => expect(e.message).toContain(expected[i]?.[1]));
}

describe('parseDeck: structure', () => {
  it('reads title, id, description and cards', () => {
    const deck = deckOf('# My Deck\nid: my-deck\ndescription: A small deck.\n\n### Q one?\n> A one.\n');
    expect(deck).toEqual({
      id: 'my-deck',
      title: 'My Deck',
      description: 'A small deck.',
      cards: [{ prompt: 'Q one?', answer: 'A one.' }],
    });
  });

  it('accepts header keys in any case and trims the title', () => {
    const deck = deckOf('#   Spaced Title   \nID: x1\nDescription:  d \n### Q?\n> A\n');
    expect(deck.title).toBe('Spaced Title');
    expect(deck.id).toBe('x1');
    expect(deck.description).toBe('d');
  });

  it('names the deck after the file when there is no # heading, with a warning', () => {
    const result = parseDeck('### Q?\n> A\n', { fileName: 'decks/kube_basics-2.md' });
    expect(result).toMatchObject({ ok: true, deck: { title: 'kube basics 2' } });
    expect(result.ok && result.warnings[0]?.message).toContain('named after the file');
  });

  it('requires a title when there is neither heading nor file name', () => {
    expectErrors(errorsOf('### Q?\n> A\n'), [[1, 'deck has no title']]);
  });

  it('strips a closing # sequence from headings', () => {
    const deck = deckOf('# Title #\n### What is X? ###\n> x\n');
    expect(deck.title).toBe('Title');
    expect(deck.cards[0]?.prompt).toBe('What is X?');
  });

  it('handles CRLF, lone CR and a BOM with correct line numbers', () => {
    const text = '\uFEFF# T\r\n\r\n### A?\r\n> a\r\n### B?\r### A?\r\n> again\r\n';
    const errors = errorsOf(text);
    expectErrors(errors, [
      [5, 'card "B?" has no answer'],
      [6, 'duplicate question "A?" (first at line 3)'],
    ]);
    expect(deckOf('\uFEFF# T\r\n### A?\r\n> a\r\n> b\r\n').cards[0]?.answer).toBe('a\nb');
  });

  it('repairs mojibake before parsing and warns with the line', () => {
    const result = parseDeck('# T\n\n### Whatâ€™s up?\n> donâ€™t panic\n');
    expect(result).toEqual({
      ok: true,
      deck: { title: 'T', cards: [{ prompt: 'What’s up?', answer: 'don’t panic' }] },
      warnings: [
        { line: 3, message: 'repaired mojibake' },
        { line: 4, message: 'repaired mojibake' },
      ],
    });
  });

  it('drops a BOM that was itself mojibake', () => {
    expect(deckOf('ï»¿# T\n### Q?\n> A\n').title).toBe('T');
  });

  it('ignores thematic breaks and one-line HTML comments', () => {
    const result = parseDeck('# T\n---\n### Q?\n<!-- note -->\n> A\n***\n### R?\n> B\n');
    expect(result).toEqual({
      ok: true,
      deck: {
        title: 'T',
        cards: [
          { prompt: 'Q?', answer: 'A' },
          { prompt: 'R?', answer: 'B' },
        ],
      },
      warnings: [],
    });
  });

  it('warns about other headings and stray text outside cards', () => {
    const result = parseDeck(
      '# T\nAn intro paragraph.\n## Section\n### Q?\n> A\n## Next\nsome words\n# Second title\n',
    );
    expect(result.ok && result.warnings.map((w) => [w.line, w.message])).toEqual([
      [2, 'ignored text before the first card'],
      [3, 'ignored heading "## Section" (cards start with "### ")'],
      [6, 'ignored heading "## Next" (cards start with "### ")'],
      [7, 'ignored text outside a card'],
      [8, 'ignored heading "# Second title" (cards start with "### ")'],
    ]);
  });
});

describe('parseDeck: answers', () => {
  it('joins > lines with newlines, > alone is a blank line, repeated blanks collapse, ends are trimmed', () => {
    const deck = deckOf('# T\n### Q?\n>\n> first\n>\n>\n>   \n> second\n>\n');
    expect(deck.cards[0]?.answer).toBe('first\n\nsecond');
  });

  it('normalises *, - and + bullets to "• item", keeping nesting', () => {
    const deck = deckOf(
      '# T\n### Q?\n> Items:\n> * one\n> - two\n> + three\n>   * nested\n> *not a bullet*\n',
    );
    expect(deck.cards[0]?.answer).toBe('Items:\n• one\n• two\n• three\n  • nested\n*not a bullet*');
  });

  it('continues the answer across a blank line between > blocks, as a paragraph break', () => {
    expect(deckOf('# T\n### Q?\n> para one\n\n> para two\n').cards[0]?.answer).toBe('para one\n\npara two');
  });

  it('accepts >text without a space', () => {
    expect(deckOf('# T\n### Q?\n>tight\n').cards[0]?.answer).toBe('tight');
  });
});

describe('parseDeck: question lines that are not headings', () => {
  it.each([
    ['👉 “How does traffic flow from internet to Pod?”', 'How does traffic flow from internet to Pod?'],
    ['➡️ What is DNS?', 'What is DNS?'],
    ['**What is bold?**', 'What is bold?'],
    ['- "Quoted in a list?"', 'Quoted in a list?'],
    ['Plain question?', 'Plain question?'],
    ['Why: does a colon break it?', 'Why: does a colon break it?'],
  ])('%j becomes %j', (line, prompt) => {
    expect(deckOf(`# T\n\n${line}\n> answer\n`).cards[0]?.prompt).toBe(prompt);
  });

  it('can follow a previous card directly', () => {
    const deck = deckOf('# T\n### A?\n> a\n👉 B?\n> b\n');
    expect(deck.cards.map((c) => [c.prompt, c.answer])).toEqual([
      ['A?', 'a'],
      ['B?', 'b'],
    ]);
  });

  it('reports a line followed by an answer that is not a question, and keeps its answer', () => {
    expectErrors(errorsOf('# T\n### A?\n> a\n\nJust a statement\n> b\n'), [
      [5, 'text followed by an answer is not a question'],
    ]);
  });
});

describe('cleanQuestion', () => {
  it('keeps quotes that do not wrap the whole question', () => {
    expect(cleanQuestion('"Hello" in French?')).toBe('"Hello" in French?');
    expect(cleanQuestion('What does ¿ mean?')).toBe('What does ¿ mean?');
    expect(cleanQuestion('$PATH means?')).toBe('$PATH means?');
  });

  it('drops trailing emoji', () => {
    expect(cleanQuestion('What is a Pod? 🤔')).toBe('What is a Pod?');
  });
});

describe('parseDeck: structured fields', () => {
  it('reads every field from the fixture (keys case-insensitive)', () => {
    const deck = deckOf(fixture('structured.md'));
    expect(deck).toEqual({
      id: 'structured-fields',
      title: 'Structured Fields',
      description: 'Every optional field at least once.',
      cards: [
        {
          prompt: 'What is CNI?',
          answer: 'CNI stands for Container Network Interface.\n\n• Calico\n• Flannel',
          choices: [
            { text: 'Container Network Interface', correct: true },
            { text: 'Cluster Network Interface', correct: false },
            { text: 'Container Node Integration', correct: false },
          ],
          accept: ['container network interface', 'cni'],
          ideas: [
            { label: 'container network interface', terms: ['container networking interface', 'cni spec'] },
            { label: 'plugins', terms: ['plugin', 'calico', 'flannel'] },
          ],
          need: 2,
          wrong: ['cluster network interface', 'cloud network interface'],
          mode: 'choice',
          topic: 'CNI',
        },
        {
          prompt: 'How does traffic reach a Pod from the internet?',
          answer: 'Internet → LoadBalancer → NodePort → Service → Pod.',
          accept: ['through the load balancer', 'via a nodeport'],
          ideas: [
            { label: 'load balancer', terms: [] },
            { label: 'service', terms: ['svc', 'clusterip'] },
          ],
          order: ['internet', 'load balancer', 'node port', 'service', 'pod'],
          mode: 'text',
        },
      ],
    });
  });

  it('reads "Idea: a | b" without "=" as label a with term b', () => {
    expect(deckOf('# T\n### Q?\n> A\nIdea: plugins | calico\n').cards[0]?.ideas).toEqual([
      { label: 'plugins', terms: ['calico'] },
    ]);
  });

  it('parses the example in docs/DECKS.md', () => {
    const doc = readFileSync(new URL('../../../docs/DECKS.md', import.meta.url), 'utf8');
    const example = /```markdown\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const deck = deckOf(example ?? '');
    expect(deck.id).toBe('kubernetes-networking');
    expect(deck.cards[0]).toMatchObject({ prompt: 'What is CNI?', need: 1, mode: 'text', topic: 'CNI' });
  });

  /** Writes a deck in the documented format, to check that parsing gives the same deck back. */
  function toMarkdown(deck: Deck): string {
    const out = [`# ${deck.title}`];
    if (deck.id) out.push(`id: ${deck.id}`);
    if (deck.description) out.push(`description: ${deck.description}`);
    for (const card of deck.cards) {
      out.push('', `### ${card.prompt}`, ...card.answer.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)));
      if (card.choices) {
        out.push('Choices:', ...card.choices.map((c) => `- [${c.correct ? 'x' : ' '}] ${c.text}`));
      }
      if (card.accept) out.push(`Accept: ${card.accept.join(' | ')}`);
      for (const idea of card.ideas ?? []) out.push(`Idea: ${idea.label} = ${idea.terms.join(' | ')}`);
      if (card.need !== undefined) out.push(`Need: ${card.need}`);
      if (card.wrong) out.push(`Wrong: ${card.wrong.join(' | ')}`);
      if (card.order) out.push(`Order: ${card.order.join(' → ')}`);
      if (card.mode) out.push(`Mode: ${card.mode}`);
      if (card.topic) out.push(`Topic: ${card.topic}`);
    }
    return out.join('\n');
  }

  it('round-trips structured fields through the Markdown format', () => {
    const cards: Card[] = [
      {
        prompt: 'Which plugin uses eBPF?',
        answer: 'Cilium.\n\n• fast\n• observable',
        choices: [
          { text: 'Calico', correct: false },
          { text: 'Cilium', correct: true },
        ],
        accept: ['cilium'],
        ideas: [{ label: 'ebpf', terms: ['bpf', 'extended bpf'] }],
        need: 1,
        wrong: ['flannel', 'weave'],
        mode: 'choice',
        topic: 'CNI',
      },
      { prompt: 'Order the hops?', answer: 'A then B then C.', order: ['a', 'b', 'c'], mode: 'text' },
      { prompt: 'Plain card?', answer: 'Plain answer.' },
    ];
    const deck = DeckSchema.parse({ id: 'round-trip', title: 'Round ☸️ trip', description: 'd', cards });
    expect(deckOf(toMarkdown(deck))).toEqual(deck);
  });
});

describe('parseDeck: errors', () => {
  it('reports every problem in the fixture with its line', () => {
    expectErrors(errorsOf(fixture('errors.md')), [
      [2, 'invalid deck id "Not A Valid Id"'],
      [3, 'unknown field "author:"'],
      [5, 'answer (">" block) with no question before it'],
      [7, 'card "What has no answer?" has no answer'],
      [11, 'card "What has bad choices?": Choices need exactly one correct item "- [x]" (found 0)'],
      [14, '"Need:" must be a whole number from 1 to 20 (got "many")'],
      [15, '"Mode:" must be one of choice, text, order, multi, number, truefalse, poll, cloud (got "quiz")'],
      [16, 'unknown field "Colour:" (expected Choices, Accept, Idea, Need, Wrong, Order, Mode, Topic, Number, Tolerance, Unit or Correct)'],
      [20, 'Choices need at least 2 items (found 1)'],
      [25, 'Choices need exactly one correct item "- [x]" (found 2)'],
      [30, 'duplicate question "WHAT HAS NO ANSWER?" (first at line 7)'],
      [35, 'card "What has prose in it?": unexpected text (answer lines start with ">"'],
      [38, 'answer (">" block) with no question before it'],
    ]);
  });

  it('reports an empty deck', () => {
    expectErrors(errorsOf(fixture('no-cards.md')), [[1, 'deck has no cards']]);
    expectErrors(errorsOf(''), [
      [1, 'deck has no title'],
      [1, 'deck has no cards'],
    ]);
  });

  it('reports a card with no answer at the end of the file', () => {
    expectErrors(errorsOf('# T\n### A?\n> a\n### B?'), [[4, 'card "B?" has no answer']]);
  });

  it('reports a card whose fields come without an answer', () => {
    expectErrors(errorsOf('# T\n### A?\nTopic: x\n'), [[2, 'card "A?" has no answer']]);
  });

  it('reports an empty ### heading', () => {
    expectErrors(errorsOf('# T\n### A?\n> a\n###\n> b\n'), [[4, 'card heading "###" has no question']]);
  });

  it('reports too many choices and choices written inline', () => {
    const many = ['- [x] 1', '- [ ] 2', '- [ ] 3', '- [ ] 4', '- [ ] 5', '- [ ] 6', '- [ ] 7'].join('\n');
    expectErrors(
      errorsOf(`# T\n### A?\n> a\nChoices:\n${many}\n### B?\n> b\nChoices: x | y\n- [x] x\n- [ ] y\n`),
      [
        [4, 'Choices allow at most 6 items (found 7)'],
        [14, 'write each choice on its own line below "Choices:"'],
      ],
    );
  });

  it('reports malformed choice items and items outside a Choices list', () => {
    expectErrors(
      errorsOf('# T\n### A?\n> a\nChoices:\n- [x] yes\n- no box\n- [ ] maybe\nTopic: t\n- [ ] late\n'),
      [
        [6, 'write a choice as "- [x] text" (correct) or "- [ ] text"'],
        [9, 'choice item outside a "Choices:" list'],
      ],
    );
  });

  it('reports Need out of range or above the number of ideas', () => {
    expectErrors(
      errorsOf('# T\n### A?\n> a\nNeed: 0\n### B?\n> b\nNeed: 21\n### C?\n> c\nIdea: x\nNeed: 2\n'),
      [
        [4, '"Need:" must be a whole number from 1 to 20 (got "0")'],
        [7, '(got "21")'],
        [11, '"Need: 2" but the card has only 1 "Idea:" lines'],
      ],
    );
  });

  it('allows Need without Idea lines (the grader picks the ideas)', () => {
    expect(deckOf('# T\n### A?\n> a\nNeed: 2\n').cards[0]?.need).toBe(2);
  });

  it('reports empty and malformed Accept, Wrong, Idea, Order and Topic', () => {
    expectErrors(errorsOf('# T\n### A?\n> a\nAccept: |\nWrong:\nIdea: = x\nOrder: only one\nTopic:\n'), [
      [4, 'field "Accept:" has no values'],
      [5, 'field "Wrong:" has no values'],
      [6, '"Idea:" needs a label'],
      [7, '"Order:" needs at least 2 items'],
      [8, '"Topic:" is empty'],
    ]);
  });

  it('reports duplicate single-valued fields but lets Accept, Wrong and Idea repeat', () => {
    expectErrors(
      errorsOf('# T\nid: a\nid: b\n### A?\n> a\nMode: text\nAccept: x\nAccept: y\nmode: choice\n'),
      [
        [3, 'duplicate field "id:" (first at line 2)'],
        [9, 'duplicate field "mode:" (first at line 6)'],
      ],
    );
  });

  it('reports fields in the wrong place', () => {
    expectErrors(errorsOf('# T\nTopic: early\n### A?\n> a\n## Section\nAccept: x\nid: late\nfoo: bar\n'), [
      [2, 'field "Topic:" is outside a card'],
      [6, 'field "Accept:" is outside a card'],
      [7, 'field "id:" belongs before the first card'],
      [8, 'unknown field "foo:" outside a card'],
    ]);
  });

  it('reports prompts and answers over the schema limits at their lines', () => {
    const longPrompt = `${'why '.repeat(150)}?`;
    const longAnswer = 'a'.repeat(4001);
    const errors = errorsOf(`# T\n### ${longPrompt}\n> fine\n\n### B?\n> short\n> ${longAnswer}\n`);
    expectErrors(errors, [
      [2, 'question is too long (601 characters, max 500)'],
      [6, 'card "B?": answer is too long (4007 characters, max 4000)'],
    ]);
  });

  it('reports other schema limits at the line of the field', () => {
    const errors = errorsOf(
      `# ${'t'.repeat(201)}\n### A?\n> a\nChoices:\n- [x] ok\n- [ ] ${'c'.repeat(301)}\nTopic: ${'x'.repeat(81)}\n`,
    );
    expectErrors(errors, [
      [1, 'title is too long (201 characters, max 200)'],
      [6, 'Choices item 2 is too long'],
      [7, 'Topic is too long (81 characters, max 80)'],
    ]);
  });

  it('sorts errors by line and reports no warnings on failure', () => {
    const result = parseDeck('# T\n### A?\n### Whatâ€™s?\n');
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('warnings');
    expect(!result.ok && result.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
