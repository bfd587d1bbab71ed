import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import { compileCard, gradeAnswer, type Verdict } from '../../../src/game/grading';
import { loadDeckFile, SEED_PATH } from './helpers';

/** Cards as an imported deck has them: prompt and reference answer only. */
const kubelet: Card = {
  prompt: 'What does a kubelet do?',
  answer:
    'The kubelet is the agent that runs on every node. It registers the node with the API server and starts the ' +
    'containers of the Pods scheduled there. It also runs liveness and readiness probes and reports Pod status back.',
};

describe('key ideas derived from the reference answer (no Idea/Accept fields)', () => {
  const c = compileCard(kubelet);

  it('derives ideas and marks them as derived', () => {
    expect(c.derived).toBe(true);
    expect(c.ideas.length).toBeGreaterThanOrEqual(3);
    expect(c.need).toBe(2);
  });

  const cases: [string, Verdict][] = [
    ['node agent that starts pod containers and runs health probes', 'correct'],
    [
      "The kubelet is the agent on each node; it registers the node with the API server, starts the Pods' containers and runs probes.",
      'correct',
    ],
    ['it runs on each node', 'partial'],
    ['it schedules pods onto nodes', 'incorrect'],
    ['kubelet', 'incorrect'],
    ['idk', 'incorrect'],
    ['', 'incorrect'],
  ];
  for (const [answer, verdict] of cases) {
    it(`${JSON.stringify(answer)} -> ${verdict}`, () => {
      expect(gradeAnswer(c, answer).verdict).toBe(verdict);
    });
  }

  it('grades the seed deck (no structured fields) reasonably', () => {
    const seed = loadDeckFile(SEED_PATH);
    const byPrompt = new Map(seed.cards.map((card) => [card.prompt, compileCard(card)]));
    const g = (prompt: string, answer: string): Verdict => gradeAnswer(byPrompt.get(prompt)!, answer).verdict;
    expect(g('Name some CNI plugins.', 'calico flannel')).toBe('correct');
    expect(g('Name some CNI plugins.', 'calico')).toBe('partial');
    expect(g('Name some CNI plugins.', 'istio')).toBe('incorrect');
    expect(g('Types of Services?', 'ClusterIP, NodePort, LoadBalancer')).toBe('correct');
    expect(
      g('What is CoreDNS?', 'the DNS server in kubernetes that resolves service names to cluster IPs'),
    ).toBe('correct');
    expect(g('What is CoreDNS?', 'idk')).toBe('incorrect');
    expect(g('What is Service Mesh?', 'a mesh of services')).toBe('incorrect');
    expect(g('What is NodePort?', 'node port')).toBe('incorrect');
    for (const card of seed.cards)
      expect(byPrompt.get(card.prompt)!.ideas.length, card.prompt).toBeGreaterThan(0);
  });
});
