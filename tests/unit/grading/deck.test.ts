import { describe, expect, it } from 'vitest';
import { BUILTIN_DECK_ID } from '../../../src/decks/types';
import { tokenize } from '../../../src/game/grading/text';
import { builtinDeck, evalRows, loadDeckFile, SEED_PATH } from './helpers';

const PROMPTS = [
  'How does Pod-to-Pod communication work?',
  'How does Kubernetes assign IP addresses?',
  'What is CNI?',
  'Name some CNI plugins.',
  'What is a Service?',
  'Types of Services?',
  'What is ClusterIP?',
  'What is NodePort?',
  'What is LoadBalancer?',
  'How does LoadBalancer service work?',
  'What is headless service?',
  'What is ExternalName service?',
  'What is Service discovery?',
  'What is CoreDNS?',
  'What is kube-proxy?',
  'Difference between iptables and IPVS mode?',
  'What is Ingress?',
  'What is Ingress Controller?',
  'Difference between Service and Ingress?',
  'What is Network Policy?',
  'What is Service Mesh?',
  'What is Istio?',
  'How does traffic flow from internet to Pod?',
];

describe('built-in deck kubernetes-networking', () => {
  const deck = builtinDeck();

  it('has the header fields', () => {
    expect(deck.title).toBe('Kubernetes Networking');
    expect(deck.id).toBe(BUILTIN_DECK_ID);
    expect(deck.description?.length).toBeGreaterThan(10);
  });

  it('has exactly 23 cards with the seed prompts, in order', () => {
    expect(deck.cards.map((c) => c.prompt)).toEqual(PROMPTS);
  });

  it('keeps prompts identical to the seed fixture headings', () => {
    const seed = loadDeckFile(SEED_PATH);
    expect(seed.cards.map((c) => c.prompt)).toEqual(PROMPTS);
    expect(deck.cards.map((c) => c.prompt)).toEqual(seed.cards.map((c) => c.prompt));
  });

  for (const card of deck.cards) {
    it(`card "${card.prompt}" is complete`, () => {
      const choices = card.choices ?? [];
      expect(choices).toHaveLength(4);
      expect(choices.filter((c) => c.correct)).toHaveLength(1);
      const correct = choices.find((c) => c.correct)!;
      const longestWrong = Math.max(...choices.filter((c) => !c.correct).map((c) => c.text.length));
      expect(correct.text.length, 'the correct choice must not be the longest').toBeLessThanOrEqual(
        longestWrong,
      );
      expect(new Set(choices.map((c) => c.text.toLowerCase())).size).toBe(4);
      expect(card.ideas?.length ?? 0).toBeGreaterThan(0);
      for (const idea of card.ideas ?? []) expect(idea.label.length).toBeGreaterThan(0);
      expect(card.need).toBeGreaterThan(0);
      expect(card.wrong?.length ?? 0).toBeGreaterThan(0);
      // Every card reads as a choice and as typed text; the traffic-flow card is asked as an ordering in mixed rooms [R12.1].
      expect(card.mode).toMatch(/^(text|choice|order)$/);
      if (card.mode === 'order') expect(card.order?.length ?? 0).toBeGreaterThan(2);
      expect(card.topic?.length).toBeGreaterThan(0);
      expect(card.answer.length).toBeGreaterThan(60);
    });
  }

  it('mixes text and choice modes roughly half and half', () => {
    const text = deck.cards.filter((c) => c.mode === 'text').length;
    expect(text).toBeGreaterThanOrEqual(9);
    expect(text).toBeLessThanOrEqual(14);
  });

  it('gives the traffic-flow card an order', () => {
    const flow = deck.cards.find((c) => c.prompt === 'How does traffic flow from internet to Pod?')!;
    expect(flow.order).toEqual(['Internet', 'load balancer', 'NodePort', 'Service', 'Pod', 'container']);
  });

  it('is covered by the eval set: every card has at least 6 labelled answers', () => {
    const rows = evalRows();
    expect(rows.length).toBeGreaterThanOrEqual(170);
    for (const prompt of PROMPTS) {
      expect(rows.filter((r) => r.question === prompt).length, prompt).toBeGreaterThanOrEqual(6);
    }
    for (const r of rows) {
      expect(PROMPTS, r.question).toContain(r.question);
      expect(['correct', 'partial', 'incorrect']).toContain(r.label);
      expect(['tune', 'holdout']).toContain(r.split);
    }
    const holdout = rows.filter((r) => r.split === 'holdout').length / rows.length;
    expect(holdout).toBeGreaterThan(0.3);
    expect(holdout).toBeLessThan(0.5);
  });
});

describe('built-in deck: known wrong answers are specific', () => {
  // A `Wrong:` phrase of several words whose other words are all stopwords ("for the nodes", "which cni")
  // shrinks to one broad word and sinks right answers that merely use it. Negated phrases ("no nat") keep
  // their negation and are fine. The few single broad words kept on purpose are listed here.
  const ALLOWED = new Set(['on the master']);
  it('no multi-word Wrong phrase collapses to a single word', () => {
    const collapsed: string[] = [];
    for (const card of builtinDeck().cards) {
      for (const w of card.wrong ?? []) {
        for (const part of w.split('+').map((p) => p.trim())) {
          const t = tokenize(part);
          if (
            part.split(/\s+/).length > 1 &&
            t.stems.length === 1 &&
            !t.neg.some(Boolean) &&
            !ALLOWED.has(part)
          )
            collapsed.push(`${card.prompt}: "${part}" -> ${t.stems[0]}`);
        }
      }
    }
    expect(collapsed).toEqual([]);
  });
});
