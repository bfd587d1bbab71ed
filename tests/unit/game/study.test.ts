import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import { commonWrongAnswers, keyIdeasOf, studySheet } from '../../../src/game/study';
import { rankTeams } from '../../../src/game/teams';

const card = (over: Partial<Card>): Card => ({ prompt: 'Q?', answer: 'A.', ...over });

describe('study sheet (issue 12 item 8)', () => {
  it('key ideas are the card’s own ideas when it has them, in plain words', () => {
    expect(keyIdeasOf(card({ ideas: [{ label: 'routes **Service** traffic', terms: [] }] }))).toEqual([
      'routes Service traffic',
    ]);
  });

  it('without ideas: the reference answer’s bullets, else its sentences, Markdown removed', () => {
    expect(keyIdeasOf(card({ answer: 'Intro line.\n• runs on each `node`\n• keeps [rules](http://x) up to date' }))).toEqual([
      'runs on each node',
      'keeps rules up to date',
    ]);
    expect(keyIdeasOf(card({ answer: 'CoreDNS is the DNS server. It resolves *Service* names!' }))).toEqual([
      'CoreDNS is the DNS server.',
      'It resolves Service names!',
    ]);
  });

  it('the most common wrong answers: typed answers grouped by spelling, picks by option text, right ones left out', () => {
    const q = { index: 0, cardId: 'c', kind: 'text', prompt: 'Q?', skipped: false, choices: [] };
    const answers = [
      { questionIndex: 0, choiceId: null, text: 'kube proxy', verdict: 'incorrect' },
      { questionIndex: 0, choiceId: null, text: 'Kube-Proxy', verdict: 'incorrect' },
      { questionIndex: 0, choiceId: null, text: 'kube proxy', verdict: 'incorrect' },
      { questionIndex: 0, choiceId: null, text: 'etcd', verdict: 'incorrect' },
      { questionIndex: 0, choiceId: null, text: 'kubelet', verdict: 'correct' },
      { questionIndex: 1, choiceId: null, text: 'other question', verdict: 'incorrect' },
    ];
    expect(commonWrongAnswers(q, answers)).toEqual([
      { text: 'kube proxy', count: 3 },
      { text: 'etcd', count: 1 },
    ]);
    const choice = { ...q, kind: 'choice', choices: [{ id: 'a', text: 'Cluster Network' }, { id: 'b', text: 'CNI' }] };
    expect(
      commonWrongAnswers(choice, [
        { questionIndex: 0, choiceId: 'a', text: null, verdict: 'incorrect' },
        { questionIndex: 0, choiceId: 'b', text: null, verdict: 'correct' },
      ]),
    ).toEqual([{ text: 'Cluster Network', count: 1 }]);
  });

  it('the sheet follows the asked order; a card gone from the deck says so; a skipped question lists no wrong answers', () => {
    const sheet = studySheet(
      [
        { index: 1, cardId: 'gone', kind: 'text', prompt: 'Second?', skipped: true, choices: [] },
        { index: 0, cardId: 'c1', kind: 'text', prompt: 'First?', skipped: false, choices: [] },
      ],
      new Map([['c1', card({ answer: 'The answer.', accept: ['yes'] })]]),
      [
        { questionIndex: 0, choiceId: null, text: 'no', verdict: 'incorrect' },
        { questionIndex: 0, choiceId: null, text: 'yes', verdict: 'correct' },
        { questionIndex: 1, choiceId: null, text: 'x', verdict: 'incorrect' },
      ],
    );
    expect(sheet.map((s) => s.prompt)).toEqual(['First?', 'Second?']);
    expect(sheet[0]).toMatchObject({ reference: 'The answer.', accepted: ['yes'], answered: 2, correct: 1 });
    expect(sheet[0]?.wrong).toEqual([{ text: 'no', count: 1 }]);
    expect(sheet[1]).toMatchObject({ reference: null, keyIdeas: [], wrong: [] });
  });

  it('[R15.6] stored players rank into teams as the game ranked them', () => {
    const rows = rankTeams(3, [
      { team: 0, score: 1000, correctCount: 1 },
      { team: 0, score: 0, correctCount: 0 },
      { team: 1, score: 600, correctCount: 1 },
      { team: null, score: 5000, correctCount: 5 },
      { team: 1, score: 9999, correctCount: 9, removed: true },
    ]);
    expect(rows.map((r) => [r.name, r.size, r.score, r.rank])).toEqual([
      ['Blue', 1, 600, 1],
      ['Red', 2, 500, 2],
    ]);
  });
});
