import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/decks/parse';
import type { Deck } from '../../../src/decks/types';

const seedText = readFileSync(new URL('../../fixtures/networking-seed.md', import.meta.url), 'utf8');

function parseSeed(): { deck: Deck; warnings: { line: number; message: string }[] } {
  const result = parseDeck(seedText, { fileName: 'networking-seed.md' });
  if (!result.ok) throw new Error(`seed did not parse: ${JSON.stringify(result.errors)}`);
  return result;
}

/** Sequences that only appear in mojibake (UTF-8 read as Windows-1252). */
const MOJIBAKE = /â|Ã|ð|Ÿ|€|ï¸|\u00c2/;

describe('the networking seed deck', () => {
  it('is the byte-for-byte messy input the importer must cope with', () => {
    expect(seedText).toContain('â˜¸ï¸ SECTION 4');
    expect(seedText.endsWith('Container.')).toBe(true); // no trailing newline
  });

  it('imports to exactly 23 cards', () => {
    expect(parseSeed().deck.cards).toHaveLength(23);
  });

  it('keeps the ### wording of every heading as the prompt', () => {
    const headings = seedText
      .split('\n')
      .filter((line) => line.startsWith('### '))
      .map((line) => line.slice(4).trim());
    expect(headings).toHaveLength(22);
    expect(
      parseSeed()
        .deck.cards.slice(0, 22)
        .map((c) => c.prompt),
    ).toEqual(headings);
  });

  it('has the expected prompts', () => {
    const prompts = parseSeed().deck.cards.map((c) => c.prompt);
    expect(prompts).toContain('How does Pod-to-Pod communication work?');
    expect(prompts).toContain('What is kube-proxy?');
    expect(prompts).toContain('Difference between iptables and IPVS mode?');
    expect(prompts[0]).toBe('How does Pod-to-Pod communication work?');
    expect(prompts[3]).toBe('Name some CNI plugins.');
  });

  it('turns the decorated last question into a clean prompt with its > answer', () => {
    const last = parseSeed().deck.cards[22];
    expect(last?.prompt).toBe('How does traffic flow from internet to Pod?');
    expect(last?.answer).toBe('Internet → LoadBalancer → NodePort → Service → Pod → Container.');
  });

  it('repairs the title, keeping its emoji decoration', () => {
    expect(parseSeed().deck.title).toBe('☸️ SECTION 4: Kubernetes Networking');
  });

  it('contains no mojibake anywhere and restores curly apostrophes', () => {
    const { deck } = parseSeed();
    const json = JSON.stringify(deck);
    expect(json).not.toMatch(MOJIBAKE);
    expect(json).not.toContain('\uFFFD');
    const byPrompt = new Map(deck.cards.map((c) => [c.prompt, c.answer]));
    expect(byPrompt.get('How does Kubernetes assign IP addresses?')).toBe(
      'When a Pod is created, the CNI plugin assigns it an IP address from the cluster’s Pod network range.\n' +
        'Each Pod gets a unique IP within the cluster.',
    );
    expect(byPrompt.get('What is NodePort?')).toContain('on each Node’s IP.');
    expect(byPrompt.get('What is LoadBalancer?')).toContain('a cloud provider’s load balancer.');
  });

  it('joins > lines with newlines and normalises bullets and blank > lines', () => {
    const byPrompt = new Map(parseSeed().deck.cards.map((c) => [c.prompt, c.answer]));
    expect(byPrompt.get('Name some CNI plugins.')).toBe(
      'Common CNI plugins include:\n\n• Calico\n• Flannel\n• Cilium\n• Weave\n\n' +
        'Calico is popular for network policies, and Cilium is known for eBPF-based networking.',
    );
    expect(byPrompt.get('Types of Services?')).toBe(
      'The main types are:\n\n• ClusterIP\n• NodePort\n• LoadBalancer\n• ExternalName',
    );
    expect(byPrompt.get('What is kube-proxy?')).toBe(
      'kube-proxy runs on each node and maintains network rules to route traffic to the correct Pods.\n' +
        'It uses iptables or IPVS for load balancing.',
    );
  });

  it('has no structured fields (they are optional)', () => {
    for (const card of parseSeed().deck.cards) {
      expect(Object.keys(card).sort()).toEqual(['answer', 'prompt']);
    }
  });

  it('warns once per repaired line', () => {
    expect(parseSeed().warnings).toEqual(
      [1, 9, 43, 47, 101, 102].map((line) => ({ line, message: 'repaired mojibake' })),
    );
  });

  it('parses the same with CRLF line ends and a BOM', () => {
    const crlf = parseDeck(`\uFEFF${seedText.replace(/\n/g, '\r\n')}`);
    expect(crlf).toEqual(parseDeck(seedText));
  });
});
