import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../../src/game/invariants';
import { hostileString } from '../../support/hostile';
import { UNSCORED_KINDS } from '../../../src/boards/counting';
import type { Card } from '../../../src/decks/types';
import type { Command } from '../../../src/game/commands';
import { isScored, kindFor, QUESTION_KINDS } from '../../../src/game/kinds/kind';
import { multiGrade, numberGrade, orderGrade } from '../../../src/game/kinds/score';
import { apply, createGame, type ApplyResult } from '../../../src/game/reducer';
import type { GameCard, GameState } from '../../../src/game/types';
import { countsView, hostView, playerView, publicView } from '../../../src/game/views';
import { RoomGrades } from '../../../src/server/room/grades';
import { HOST, seededRng, settings } from './helpers';

const KIND_CARDS: GameCard[] = [
  { id: 'tf', card: { prompt: 'A ClusterIP is reachable from outside.', answer: 'False.', mode: 'truefalse', truth: false } },
  {
    id: 'multi',
    card: {
      prompt: 'Which are CNI plugins?',
      answer: 'Calico, Flannel, Cilium.',
      mode: 'multi',
      choices: [
        { text: 'Calico', correct: true },
        { text: 'CoreDNS', correct: false },
        { text: 'Flannel', correct: true },
        { text: 'etcd', correct: false },
      ],
    },
  },
  {
    id: 'order',
    card: { prompt: 'Order the path.', answer: 'LB, NodePort, Service, Pod.', mode: 'order', order: ['LB', 'NodePort', 'Service', 'Pod'] },
  },
  { id: 'num', card: { prompt: 'Max pods per node?', answer: '110.', mode: 'number', number: 110, tolerance: 10, unit: 'Pods' } },
  {
    id: 'poll',
    card: {
      prompt: 'Which Service type do you use most?',
      answer: 'No right answer.',
      mode: 'poll',
      choices: [
        { text: 'ClusterIP', correct: false },
        { text: 'NodePort', correct: false },
        { text: 'LoadBalancer', correct: false },
      ],
    },
  },
  { id: 'cloud', card: { prompt: 'One word: what is hard?', answer: 'Anything.', mode: 'cloud' } },
  { id: 'text', card: { prompt: 'What does kube-proxy do?', answer: 'Routes Service traffic.', accept: ['routes service traffic'] } },
];

/** A small driver over the reducer with the kinds' cards. */
class KindGame {
  state: GameState;
  now = 1_000_000;
  rng = seededRng(7);
  grades = new RoomGrades();

  constructor(plan: string[], mode: 'mixed' | 'choice' | 'text' = 'mixed') {
    this.state = createGame({
      roomId: 'r',
      code: 'ABCDEF',
      title: 'Kinds',
      joinUrl: 'http://quiz.test/play/ABCDEF',
      deckId: 'kinds',
      hostTokenHash: HOST,
      settings: settings({ mode }),
      cards: KIND_CARDS,
      plan,
      now: this.now,
    });
  }

  do(cmd: Command): ApplyResult {
    const r = apply(this.state, cmd, { now: this.now, rng: this.rng, grades: this.grades });
    this.state = r.state;
    return r;
  }

  ok(cmd: Command): ApplyResult {
    const r = this.do(cmd);
    if (r.error) throw new Error(`${cmd.type} refused: ${r.error.code} ${r.error.message}`);
    return r;
  }

  join(name: string): string {
    const id = `p-${name}`;
    this.ok({ type: 'join', playerId: id, nickname: name, tokenHash: `t-${name}` });
    return id;
  }

  host(type: 'start' | 'next' | 'reveal'): void {
    this.ok({ type, hostTokenHash: HOST });
  }

  get q() {
    const q = this.state.questions[this.state.questions.length - 1];
    if (!q) throw new Error('no question');
    return q;
  }

  answer(playerId: string, a: { choiceId?: string; choiceIds?: string[]; value?: number; text?: string }, afterMs = 0): ApplyResult {
    this.now += afterMs;
    return this.do({ type: 'answer', playerId, questionIndex: this.q.index, ...a });
  }

  idOf(text: string): string {
    const c = this.q.choices.find((x) => x.text === text);
    if (!c) throw new Error(`no option ${text}`);
    return c.id;
  }

  player(id: string) {
    const p = this.state.players.get(id);
    if (!p) throw new Error('no player');
    return p;
  }
}

describe('kind selection [R12.1]', () => {
  const card = (mode: Card['mode']): Card => ({ prompt: 'q?', answer: 'a', ...(mode && { mode }) });

  it('[R12.1] a mixed room asks each card as its Mode', () => {
    for (const k of QUESTION_KINDS) expect(kindFor('mixed', card(k), 0)).toBe(k);
    expect(kindFor('mixed', card(undefined), 0)).toBe('choice');
    expect(kindFor('mixed', card(undefined), 1)).toBe('text');
  });

  it('[R12.1] a choice or text room keeps the kinds that have no choice or text form; ordering follows the room', () => {
    for (const room of ['choice', 'text'] as const) {
      expect(kindFor(room, card('order'), 0)).toBe(room);
      expect(kindFor(room, card('choice'), 0)).toBe(room);
      for (const k of ['multi', 'number', 'truefalse', 'poll', 'cloud'] as const) expect(kindFor(room, card(k), 0)).toBe(k);
    }
  });

  it('[R12.1] a card that cannot be its kind (no Order:) is asked as open text', () => {
    const g = new KindGame(['order']);
    const orderCard = KIND_CARDS[2];
    if (!orderCard) throw new Error('fixture');
    const saved = orderCard.card.order;
    delete orderCard.card.order;
    try {
      g.join('ann');
      g.host('start');
      expect(g.q.kind).toBe('text');
    } finally {
      orderCard.card.order = saved;
    }
  });
});

describe('scoring of the kinds', () => {
  it('[R12.3] ordering earns the share of pairs in the right order', () => {
    expect(orderGrade(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toEqual({ verdict: 'correct', score: 1 });
    expect(orderGrade(['d', 'c', 'b', 'a'], ['a', 'b', 'c', 'd'])).toEqual({ verdict: 'incorrect', score: 0 });
    // One adjacent swap of four items: 5 of 6 pairs.
    expect(orderGrade(['b', 'a', 'c', 'd'], ['a', 'b', 'c', 'd'])).toEqual({ verdict: 'partial', score: 0.833 });
    // One adjacent swap of five: 9 of 10.
    expect(orderGrade(['a', 'b', 'd', 'c', 'e'], ['a', 'b', 'c', 'd', 'e']).score).toBe(0.9);
  });

  it('[R12.4] multi-select: right picks earn, wrong picks cost, never below zero', () => {
    const right = ['a', 'c', 'e'];
    expect(multiGrade(['a', 'c', 'e'], right)).toEqual({ verdict: 'correct', score: 1 });
    expect(multiGrade(['a', 'c'], right)).toEqual({ verdict: 'partial', score: 0.667 });
    expect(multiGrade(['a', 'c', 'b'], right)).toEqual({ verdict: 'partial', score: 0.333 });
    expect(multiGrade(['a', 'b'], right)).toEqual({ verdict: 'incorrect', score: 0 });
    expect(multiGrade(['b', 'd', 'f'], right)).toEqual({ verdict: 'incorrect', score: 0 });
    // Every option picked is not "all right": the wrong ones cost.
    expect(multiGrade(['a', 'b', 'c', 'd', 'e'], right).verdict).toBe('partial');
  });

  it('[R12.5] number: full within the tolerance, half at twice it, nothing from three times', () => {
    expect(numberGrade(110, 110, 10)).toEqual({ verdict: 'correct', score: 1 });
    expect(numberGrade(120, 110, 10)).toEqual({ verdict: 'correct', score: 1 });
    expect(numberGrade(100, 110, 10)).toEqual({ verdict: 'correct', score: 1 });
    expect(numberGrade(130, 110, 10)).toEqual({ verdict: 'partial', score: 0.5 });
    expect(numberGrade(80, 110, 10)).toEqual({ verdict: 'incorrect', score: 0 });
    expect(numberGrade(111, 110, 0)).toEqual({ verdict: 'incorrect', score: 0 });
    expect(numberGrade(110, 110, 0)).toEqual({ verdict: 'correct', score: 1 });
  });

  it('[R12.7] the kinds with no right answer are exactly the ones boards leave out', () => {
    expect(QUESTION_KINDS.filter((k) => !isScored(k))).toEqual([...UNSCORED_KINDS]);
  });
});

describe('playing the kinds', () => {
  it('[R12.2, R12.6] true/false: options t/f in that order, scored like a choice', () => {
    const g = new KindGame(['tf']);
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    expect(g.q.kind).toBe('truefalse');
    expect(g.q.choices.map((c) => [c.id, c.text])).toEqual([['t', 'True'], ['f', 'False']]);
    g.answer(a, { choiceId: 'f' }, 1000);
    g.answer(b, { choiceId: 't' }, 1000);
    expect(g.state.phase).toBe('reveal');
    expect(g.q.answers.get(a)?.verdict).toBe('correct');
    expect(g.player(a).score).toBeGreaterThan(0);
    expect(g.player(b).score).toBe(0);
    const reveal = publicView(g.state, g.now).reveal;
    expect(reveal?.correctChoiceId).toBe('f');
    expect(reveal?.correctText).toBe('False');
    expect(reveal?.distribution).toEqual([{ choiceId: 't', count: 1 }, { choiceId: 'f', count: 1 }]);
  });

  it('[R12.2, R12.4] multi-select: picks stored sorted as one choiceId, partial credit, wrong shapes refused', () => {
    const g = new KindGame(['multi']);
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cy');
    g.host('start');
    expect(g.q.kind).toBe('multi');
    const calico = g.idOf('Calico');
    const flannel = g.idOf('Flannel');
    const etcd = g.idOf('etcd');
    expect(g.answer(a, { choiceId: calico }).error?.code).toBe('invalid_answer');
    expect(g.answer(a, { choiceIds: ['z'] }).error?.code).toBe('invalid_choice');
    expect(g.answer(a, { choiceIds: [calico, calico] }).error?.code).toBe('invalid_answer');
    expect(g.answer(a, { text: 'calico' }).error?.code).toBe('invalid_answer');
    expect(g.q.answers.size).toBe(0);
    g.answer(a, { choiceIds: [flannel, calico] }, 1000);
    g.answer(b, { choiceIds: [calico] }, 1000);
    g.answer(c, { choiceIds: [calico, etcd] }, 1000);
    expect(g.q.answers.get(a)?.choiceId).toBe([calico, flannel].sort().join(','));
    expect(g.q.answers.get(a)?.verdict).toBe('correct');
    expect(g.q.answers.get(b)).toMatchObject({ verdict: 'partial', gradeScore: 0.5 });
    expect(g.q.answers.get(c)).toMatchObject({ verdict: 'incorrect', gradeScore: 0 });
    expect(g.player(b).score).toBeGreaterThan(0);
    expect(g.player(b).score).toBeLessThan(g.player(a).score);
    const reveal = publicView(g.state, g.now).reveal;
    expect(reveal?.correctIds).toEqual([calico, flannel].sort());
    expect(reveal?.distribution.find((d) => d.choiceId === calico)?.count).toBe(3);
  });

  it('[R12.2, R12.3] ordering: items shown shuffled under ids that say nothing; every item once; pairs score', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const g = new KindGame(['order']);
      g.rng = seededRng(seed);
      g.join('ann');
      g.host('start');
      const shown = g.q.choices.map((c) => c.text);
      expect(shown).not.toEqual(['LB', 'NodePort', 'Service', 'Pod']);
      expect(g.q.choices.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    }
    const g = new KindGame(['order']);
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    const right = ['LB', 'NodePort', 'Service', 'Pod'].map((t) => g.idOf(t));
    expect(g.answer(a, { choiceIds: right.slice(0, 3) }).error?.code).toBe('invalid_answer');
    g.answer(a, { choiceIds: right }, 500);
    g.answer(b, { choiceIds: [right[1], right[0], right[2], right[3]] as string[] }, 500);
    expect(g.q.answers.get(a)).toMatchObject({ verdict: 'correct', choiceId: right.join(',') });
    expect(g.q.answers.get(b)).toMatchObject({ verdict: 'partial', gradeScore: 0.833 });
    const reveal = publicView(g.state, g.now).reveal;
    expect(reveal?.correctIds).toEqual(right);
    expect(reveal?.correctText).toBe('LB → NodePort → Service → Pod');
    // Ann placed all four right, Bob the last two.
    expect(reveal?.distribution.find((d) => d.choiceId === right[3])?.count).toBe(2);
    expect(reveal?.distribution.find((d) => d.choiceId === right[0])?.count).toBe(1);
  });

  it('[R12.5] number: stored as text, closeness scores, the reveal tells the spread', () => {
    const g = new KindGame(['num']);
    const a = g.join('ann');
    const b = g.join('bob');
    const c = g.join('cy');
    g.host('start');
    expect(publicView(g.state, g.now).question?.unit).toBe('Pods');
    expect(g.answer(a, { text: '110' }).error?.code).toBe('invalid_answer');
    expect(g.answer(a, { value: Number.NaN }).error?.code).toBe('invalid_answer');
    g.answer(a, { value: 105 }, 500);
    g.answer(b, { value: 130 }, 500);
    g.answer(c, { value: 500 }, 500);
    expect(g.q.answers.get(a)).toMatchObject({ verdict: 'correct', text: '105' });
    expect(g.q.answers.get(b)).toMatchObject({ verdict: 'partial', gradeScore: 0.5 });
    expect(g.q.answers.get(c)?.verdict).toBe('incorrect');
    const reveal = publicView(g.state, g.now).reveal;
    expect(reveal?.number).toEqual({ answer: 110, tolerance: 10, unit: 'Pods', median: 130, within: 1, lowest: 105, highest: 500 });
    expect(reveal?.correctText).toBe('110 ± 10 Pods');
  });

  it('[R12.6, R12.7] poll: live distribution while open, no points, no streak change, no override', () => {
    const g = new KindGame(['tf', 'poll', 'tf']);
    const a = g.join('ann');
    const b = g.join('bob');
    g.host('start');
    g.answer(a, { choiceId: 'f' }, 100);
    g.answer(b, { choiceId: 'f' }, 100);
    g.host('next');
    g.host('next');
    expect(g.q.kind).toBe('poll');
    expect(g.q.choices.map((c) => c.text)).toEqual(['ClusterIP', 'NodePort', 'LoadBalancer']);
    const scoreBefore = g.player(a).score;
    g.answer(a, { choiceId: 'b' }, 100);
    // Live while open, in the full view and with the counters.
    expect(publicView(g.state, g.now).live?.distribution).toEqual([
      { choiceId: 'a', count: 0 },
      { choiceId: 'b', count: 1 },
      { choiceId: 'c', count: 0 },
    ]);
    expect(countsView(g.state).live?.distribution?.[1]?.count).toBe(1);
    g.answer(b, { choiceId: 'b' }, 100);
    expect(g.state.phase).toBe('reveal');
    expect(publicView(g.state, g.now).live).toBeUndefined();
    expect(g.player(a).score).toBe(scoreBefore);
    expect(g.player(a).answeredCount).toBe(1);
    expect(playerView(g.state, g.player(a)).result?.points).toBe(0);
    expect(g.do({ type: 'override', hostTokenHash: HOST, questionIndex: 1, playerId: a, accept: true }).error?.code).toBe('wrong_phase');
    g.host('next');
    g.host('next');
    g.answer(a, { choiceId: 'f' }, 100);
    g.answer(b, { choiceId: 'f' }, 100);
    // The streak ran through the poll: the second true/false earns the streak bonus.
    expect(g.player(a).streak).toBe(2);
    expect(g.q.answers.get(a)?.streakBonus).toBe(100);
  });

  it('[R12.7] word cloud: similar answers grouped, live, no points; the policy applies', () => {
    const g = new KindGame(['cloud']);
    const ids = ['ann', 'bob', 'cy', 'dee'].map((n) => g.join(n));
    g.host('start');
    expect(g.answer(ids[0] as string, { choiceId: 'a' }).error?.code).toBe('invalid_answer');
    expect(g.answer(ids[0] as string, { text: '   ' }).error?.code).toBe('invalid_answer');
    expect(g.answer(ids[0] as string, { text: 'x'.repeat(41) }).error?.code).toBe('invalid_answer');
    g.answer(ids[0] as string, { text: 'DNS' });
    g.answer(ids[1] as string, { text: 'dns!' });
    expect(publicView(g.state, g.now).live?.cloud).toEqual([{ text: 'DNS', count: 2 }]);
    g.answer(ids[2] as string, { text: 'the overlays' });
    g.answer(ids[3] as string, { text: 'Overlay' });
    const reveal = publicView(g.state, g.now).reveal;
    expect(reveal?.cloud?.map((w) => w.count)).toEqual([2, 2]);
    expect(reveal?.cloud?.[0]?.text).toBe('DNS');
    for (const id of ids) expect(g.player(id).score).toBe(0);
  });

  it('[R12.8] nothing of the right answer reaches players while a question is open', () => {
    for (const id of ['tf', 'multi', 'order', 'num']) {
      const g = new KindGame([id]);
      const a = g.join('ann');
      g.join('bob');
      g.host('start');
      const view = publicView(g.state, g.now);
      const json = JSON.stringify([view, playerView(g.state, g.player(a))]);
      expect(view.reveal).toBeNull();
      expect(json).not.toContain('correct');
      expect(view.live).toBeUndefined();
      if (id === 'num') expect(json).not.toContain('110');
      if (id === 'order') {
        // Only the host knows the order while it is open.
        expect(hostView(g.state, g.now, '').correctText).toBe('LB → NodePort → Service → Pod');
      }
    }
  });

  it('[R12.2] the right set or order is stored on the question row as one value', () => {
    const g = new KindGame(['order']);
    g.join('ann');
    const r = g.ok({ type: 'start', hostTokenHash: HOST });
    const opened = r.effects.find((e) => e.type === 'persist' && e.op.op === 'questionOpened');
    if (!opened || opened.type !== 'persist' || opened.op.op !== 'questionOpened') throw new Error('no row');
    expect(opened.op.question.kind).toBe('order');
    expect(opened.op.question.correctChoiceId).toBe(g.q.correctIds?.join(','));
  });
});

describe('the kinds under random play', () => {
  type Shape = { choiceId: string } | { choiceIds: string[] } | { value: number } | { text: string };
  const shape: fc.Arbitrary<Shape> = fc.oneof(
    fc.record({ choiceId: fc.constantFrom('a', 'b', 'c', 'd', 't', 'f', 'z') }),
    fc.record({ choiceIds: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'z'), { maxLength: 6 }) }),
    fc.record({ value: fc.oneof(fc.double(), fc.integer({ min: 80, max: 140 })) }),
    fc.record({ text: fc.oneof(hostileString, fc.constantFrom('dns', 'DNS!', ' ', 'x'.repeat(41))) }),
  );
  const step = fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant('answer' as const), player: fc.nat(3), shape }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('host' as const), command: fc.constantFrom('next' as const, 'reveal' as const, 'skip' as const) }) },
    fc.record({ type: fc.constant('override' as const), player: fc.nat(3), back: fc.nat(2), accept: fc.boolean() }),
  );

  it('[R12.2][R12.7] hold the game invariants whatever shape of answer arrives for whatever kind', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(KIND_CARDS.map((c) => c.id), { minLength: 1 }), fc.array(step, { maxLength: 50 }), (plan, steps) => {
        const g = new KindGame(plan);
        const ids = ['ann', 'bob', 'cy', 'dee'].map((n) => g.join(n));
        g.host('start');
        for (const s of steps) {
          if (s.type === 'answer') g.do({ type: 'answer', playerId: ids[s.player] as string, questionIndex: g.q.index, ...s.shape });
          else if (s.type === 'host') g.do({ type: s.command, hostTokenHash: HOST });
          else g.do({ type: 'override', hostTokenHash: HOST, playerId: ids[s.player] as string, questionIndex: Math.max(0, g.q.index - s.back), accept: s.accept });
          const problems = checkInvariants(g.state);
          if (problems.length > 0) throw new Error(`after ${JSON.stringify(s)}: ${problems.join('; ')}`);
          // Nobody scores on a poll or a cloud, whatever happened [R12.7].
          for (const q of g.state.questions) {
            if (q.kind === 'poll' || q.kind === 'cloud') for (const a of q.answers.values()) expect(a.points).toBe(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
