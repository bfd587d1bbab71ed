import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/decks/parse';
import type { Card } from '../../../src/decks/types';
import { keyIdeas } from '../../../src/game/grading';
import { apply, createGame } from '../../../src/game/reducer';
import type { GameState } from '../../../src/game/types';
import { hostView, playerView, publicView } from '../../../src/game/views';
import { HostStateSchema, PublicStateSchema, YouSchema } from '../../../src/protocol';
import { gameCardsOf } from '../../../src/server/markdown/cards';
import { RoomGrades } from '../../../src/server/room/grades';
import { gradedDeck } from '../../../src/server/services/deck-grading';

/**
 * The deck learns from the host [R7.4] and the reveal explains itself [R9.2, R9.3], with the real grader on
 * whole decks compiled as a room compiles them (WordNet, learned examples).
 */

const HOST = 'h'.repeat(64);

function builtin(): { id: string; card: Card }[] {
  const parsed = parseDeck(readFileSync('src/decks/builtin/kubernetes-networking.md', 'utf8'));
  if (!parsed.ok) throw new Error('built-in deck does not parse');
  return parsed.deck.cards.map((card, i) => ({ id: `k8s-${i}`, card }));
}

/** A deck written as a new user would: questions and references only. */
const STORAGE: { id: string; card: Card }[] = [
  {
    id: 's-pvc',
    card: {
      prompt: 'What is a PersistentVolumeClaim (PVC)?',
      answer: 'A request for storage by a user: a Pod asks for a size and access mode, and the claim binds to a PersistentVolume (PV) that fits.',
    },
  },
  {
    id: 's-pv',
    card: {
      prompt: 'What is a PersistentVolume (PV)?',
      answer: 'A piece of storage in the cluster, provisioned by an administrator or dynamically by a StorageClass, with a lifecycle independent of any Pod.',
    },
  },
  {
    id: 's-empty',
    card: {
      prompt: 'What is an emptyDir volume?',
      answer: 'A scratch directory created when a Pod starts on a node; it is deleted for good when the Pod is removed.',
    },
  },
];

function game(cards: { id: string; card: Card }[], plan: string[], grades: RoomGrades, examplesVersion = 0) {
  const deck = { id: `deck-${examplesVersion}`, updatedAt: new Date(examplesVersion), cards };
  let state: GameState = createGame({
    roomId: 'r',
    code: 'ABCDEF',
    title: 'T',
    joinUrl: 'http://q/play/ABCDEF',
    deckId: 'deck',
    hostTokenHash: HOST,
    settings: {
      mode: 'text',
      timeLimitSec: 20,
      speedBonus: false,
      points: true,
      autoAdvance: false,
      autoAdvanceSec: 8,
      maxPlayers: 100,
    },
    cards: gameCardsOf(deck),
    plan,
    now: 0,
  });
  const ctx = { now: 0, rng: () => 0.5, grades };
  const run = (cmd: Parameters<typeof apply>[1]) => {
    const r = apply(state, cmd, ctx);
    if (r.error) throw new Error(`${cmd.type}: ${r.error.message}`);
    state = r.state;
    return r;
  };
  return { run, get state() { return state; } };
}

function play(cards: { id: string; card: Card }[], plan: string, answers: Record<string, string>, grades: RoomGrades) {
  const g = game(cards, [plan], grades);
  for (const name of Object.keys(answers)) g.run({ type: 'join', playerId: name, nickname: name, tokenHash: `t-${name}` });
  g.run({ type: 'start', hostTokenHash: HOST });
  for (const [name, text] of Object.entries(answers)) g.run({ type: 'answer', playerId: name, questionIndex: 0, text });
  return g;
}

describe('the reveal says what and why [R9.2, R9.3]', () => {
  const cards = builtin();
  const deck = { id: 'k8s', updatedAt: new Date(1), cards };
  const grades = () => new RoomGrades(gradedDeck(deck, []).grader);
  const cni = cards.find((c) => c.card.prompt === 'What is CNI?')!.id;
  const plugins = cards.find((c) => c.card.prompt === 'Name some CNI plugins.')!.id;

  it('[R9.2] a typed question shows the reference in plain words, never an Accept: line', () => {
    const g = play(cards, cni, { ann: 'a spec for network plugins' }, grades());
    const view = publicView(g.state, 0);
    expect(PublicStateSchema.parse(view)).toEqual(view);
    expect(view.reveal?.correctText).toMatch(/^CNI, the Container Network Interface, is a CNCF specification/);
    expect(view.reveal?.accepted).toEqual([]);
    const host = hostView(g.state, 0, 'x');
    expect(host.correctText).toBe(view.reveal?.correctText);
    for (const text of [JSON.stringify(view.reveal?.correctText), JSON.stringify(host.correctText)]) {
      expect(text).not.toContain(' + ');
      expect(text).not.toContain('also:');
    }
  });

  it('[R9.3] a phone gets its own answer and why; a "name some" card lists no wall of missing items', () => {
    const g = play(cards, plugins, { ann: 'calico, flannel, istio', bob: 'calico and cilium' }, grades());
    const ann = playerView(g.state, g.state.players.get('ann')!);
    const bob = playerView(g.state, g.state.players.get('bob')!);
    expect(YouSchema.parse(ann)).toEqual(ann);
    expect(ann.result).toMatchObject({ verdict: 'incorrect', text: 'calico, flannel, istio' });
    expect(ann.result?.explanation).toMatch(/istio is not/);
    expect(bob.result).toMatchObject({ verdict: 'correct', text: 'calico and cilium', explanation: '2 of 2 needed', missing: [] });
    expect(ann.result!.missing.length).toBeLessThanOrEqual(3);
    expect(publicView(g.state, 0).reveal?.correctText).toMatch(/^Calico, Flannel, Cilium, Weave Net/);
  });

  it('[R7.3] the host sees answer groups, the unsure ones first, with the grader\'s reason', () => {
    const g = play(
      cards,
      cni,
      { ann: 'a spec for network plugins', bob: 'A spec for network plugins!', cat: 'it wires pods into the network', dan: 'cluster network interface' },
      grades(),
    );
    const host = hostView(g.state, 0, 'x');
    expect(HostStateSchema.parse(host)).toEqual(host);
    const groups = host.groups!;
    expect(groups.length).toBeGreaterThanOrEqual(3);
    const firstSure = groups.findIndex((x) => !x.unsure);
    expect(groups.slice(firstSure === -1 ? groups.length : firstSure).every((x) => !x.unsure)).toBe(true);
    const spec = groups.find((x) => x.text.toLowerCase().startsWith('a spec'))!;
    expect(spec.count).toBe(2);
    expect(groups.every((x) => typeof x.explanation === 'string')).toBe(true);
    expect(host.answers.find((a) => a.playerId === 'dan')?.explanation).not.toBe('');
  });
});

describe('the deck learns from the host [R7.4]', () => {
  it('an answer the host accepted is graded correct in the next game of the deck; a wrong one incorrect', () => {
    const text = 'a ticket asking the cluster for storage of some size';
    const before = gradedDeck({ id: 'st', updatedAt: new Date(1), cards: STORAGE }, []);
    const first = play(STORAGE, 's-pvc', { ann: text }, new RoomGrades(before.grader));
    const verdict = first.state.questions[0]!.answers.get('ann')!.verdict;
    const r = first.run({ type: 'override', hostTokenHash: HOST, questionIndex: 0, playerId: 'ann', accept: verdict !== 'correct' });
    const learn = r.effects.find((e) => e.type === 'learn');
    expect(learn?.type === 'learn' && learn.examples).toEqual([{ text, verdict: verdict !== 'correct' ? 'accept' : 'wrong' }]);

    // What the room's `learn` stores comes back as the deck's examples: the next room compiles them in.
    const examples = [{ id: 'e1', cardId: 's-pvc', text, verdict: verdict !== 'correct' ? ('accept' as const) : ('wrong' as const) }];
    const after = gradedDeck({ id: 'st', updatedAt: new Date(1), cards: STORAGE }, examples);
    expect(after).not.toBe(before);
    const second = play(STORAGE, 's-pvc', { bob: text, cat: 'A ticket asking the cluster for storage of some size.' }, new RoomGrades(after.grader));
    const want = verdict !== 'correct' ? 'correct' : 'incorrect';
    expect(second.state.questions[0]!.answers.get('bob')!.verdict).toBe(want);
    expect(second.state.questions[0]!.answers.get('cat')!.verdict).toBe(want);
    // Other cards of the deck are not taught by it.
    expect(after.grader.grade(after.card('s-pv')!, text).verdict).toBe(before.grader.grade(before.card('s-pv')!, text).verdict);
  });

  it('a compiled deck is reused while its version and examples stay the same', () => {
    const deck = { id: 'st2', updatedAt: new Date(5), cards: STORAGE };
    const a = gradedDeck(deck, []);
    expect(gradedDeck(deck, [])).toBe(a);
    const ex = [{ id: 'e', cardId: 's-pv', text: 'disk', verdict: 'wrong' as const }];
    const b = gradedDeck(deck, ex);
    expect(b).not.toBe(a);
    expect(gradedDeck(deck, [{ ...ex[0]!, verdict: 'accept' }])).not.toBe(b);
    expect(gradedDeck({ ...deck, updatedAt: new Date(6) }, ex)).not.toBe(b);
  });
});

describe('the deck page names the key ideas in plain words', () => {
  it('a reference-only card: the clauses of its reference; a list card: its items; never stems', () => {
    const g = gradedDeck({ id: 'st3', updatedAt: new Date(9), cards: STORAGE }, []);
    expect(keyIdeas(g.card('s-pvc')!)).toEqual([
      'A request for storage by a user',
      'a Pod asks for a size and access mode',
      'and the claim binds to a PersistentVolume that fits',
    ]);
    const k8s = builtin();
    const list = gradedDeck({ id: 'k8s-ideas', updatedAt: new Date(1), cards: k8s.map((c) => ({ ...c, card: { prompt: c.card.prompt, answer: c.card.answer } })) }, []);
    const plugins = k8s.find((c) => c.card.prompt === 'Name some CNI plugins.')!.id;
    expect(keyIdeas(list.card(plugins)!).slice(0, 4)).toEqual(['Calico', 'Flannel', 'Cilium', 'Weave Net']);
  });
});
