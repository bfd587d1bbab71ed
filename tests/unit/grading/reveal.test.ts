import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileDeck,
  computeMetrics,
  gradeAnswer,
  lexiconWords,
  shortAnswer,
  type CompiledDeck,
} from '../../../src/game/grading';
import { readWordNet } from '../../../src/lexicon/wordnet';
import { builtinDeck, ROOT } from './helpers';

let compiled: CompiledDeck | null = null;
function builtin(): CompiledDeck {
  compiled ??= compileDeck(builtinDeck().cards, { lexicon: readWordNet(lexiconWords(builtinDeck().cards)) });
  return compiled;
}
function grade(prompt: string, answer: string): ReturnType<typeof gradeAnswer> {
  const c = builtin().card(prompt);
  if (!c) throw new Error(`no card ${prompt}`);
  return gradeAnswer(c, answer);
}

describe('the built-in deck: confident misconceptions in the right words (issue 9)', () => {
  it('a DNS server that hands out Pod IPs mixes CoreDNS up with the CNI', () => {
    const g = grade('What is CoreDNS?', 'the dns server that gives pods their ip addresses');
    expect(g.verdict).toBe('incorrect');
    expect(g.explanation).toMatch(/CNI/);
    // the right claim in the same shape stays right
    expect(
      grade('What is CoreDNS?', 'the dns server that resolves service names to cluster ips').verdict,
    ).toBe('correct');
  });

  it('a Service that routes by path and an Ingress that gives Pods an IP is a swap', () => {
    const g = grade(
      'Difference between Service and Ingress?',
      'a service routes by url path and ingress gives pods a stable ip',
    );
    expect(g.verdict).toBe('incorrect');
    expect(g.explanation).toMatch(/mixed up Service and Ingress/);
    expect(
      grade(
        'Difference between Service and Ingress?',
        'a service gives pods a stable ip and ingress routes by url path',
      ).verdict,
    ).toBe('correct');
  });

  it('says why a list with a wrong item is wrong, and shows no missing items once enough are named', () => {
    const wrong = grade('Name some CNI plugins.', 'calico, flannel, istio');
    expect(wrong.verdict).toBe('incorrect');
    expect(wrong.explanation).toBe('istio is not among the CNI plugins');
    expect(wrong.missing).toEqual([]);
    const right = grade('Name some CNI plugins.', 'calico and flannel');
    expect(right.verdict).toBe('correct');
    expect(right.explanation).toBe('2 of 2 needed');
    expect(right.missing).toEqual([]);
  });

  it('gives every grade a short explanation', () => {
    for (const [prompt, answer] of [
      ['What is kube-proxy?', 'a node agent that programs iptables rules for services'],
      ['What is kube-proxy?', 'no idea'],
      ['What is NodePort?', 'node port'],
    ] as const) {
      expect(grade(prompt, answer).explanation.length).toBeGreaterThan(3);
    }
  });
});

describe("the reveal shows the reference's short answer, never matcher syntax", () => {
  it('for every built-in card', () => {
    for (const card of builtinDeck().cards) {
      const s = shortAnswer(card);
      expect(s.length, card.prompt).toBeGreaterThan(3);
      expect(s.length, card.prompt).toBeLessThanOrEqual(141);
      expect(s, card.prompt).not.toMatch(/ \+ |`|\*\*|\|/);
      for (const a of card.accept ?? []) if (a.includes(' + ')) expect(s).not.toContain(a);
    }
    expect(shortAnswer(builtinDeck().cards.find((c) => c.prompt === 'What is CNI?')!)).toMatch(
      /^CNI, the Container Network Interface, is a CNCF specification for network plugins/,
    );
    expect(shortAnswer(builtinDeck().cards.find((c) => c.prompt === 'Name some CNI plugins.')!)).toMatch(
      /^Calico, Flannel, Cilium, Weave Net/,
    );
  });
});

describe('no module-level state in the grader', () => {
  it('keeps its memos in compiled decks and cards, not in modules', () => {
    const dir = `${ROOT}src/game/grading/`;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = readFileSync(dir + f, 'utf8');
      // top-level mutable bindings and caches keyed by objects are module state
      expect(src, f).not.toMatch(/^(?:export )?let /m);
      expect(src, f).not.toMatch(/new WeakMap/);
      expect(src, f).not.toMatch(/^(?:export )?const \w+ = new (?:Map|Set)<[^>]+>\(\);/m);
    }
  });

  it('grades the same way whatever was graded before, in another deck', () => {
    const a = builtin().card('What is CoreDNS?')!;
    const before = gradeAnswer(a, 'resolves service names to cluster ips inside the cluster');
    const other = compileDeck([{ prompt: 'What is DNS?', answer: 'It resolves names to IP addresses.' }]);
    for (let i = 0; i < 50; i++) gradeAnswer(other.cards[0]!, `names number ${i} resolve to addresses`);
    expect(gradeAnswer(a, 'resolves service names to cluster ips inside the cluster')).toEqual(before);
  });
});

describe('WordNet data for a deck', () => {
  const lex = readWordNet(['allocation', 'inside', 'routes', 'temporary', 'zzzznotaword', 'persists']);

  it('finds base forms, synonyms, derived forms and opposites', () => {
    expect(lex.get('routes')?.bases).toContain('route');
    expect(lex.get('allocation')?.derived).toContain('allocate');
    expect(lex.get('inside')?.antonyms).toContain('outside');
    expect(lex.get('persists')?.derived).toContain('persistent');
    expect(lex.get('temporary')?.synonyms.length).toBeGreaterThan(0);
  });

  it('knows nothing of a word WordNet does not have', () => {
    expect(lex.has('zzzznotaword')).toBe(false);
  });

  it('reads only what a deck needs (a few kilobytes)', () => {
    const words = lexiconWords(builtinDeck().cards);
    const data = readWordNet(words);
    expect(JSON.stringify([...data]).length).toBeLessThan(300_000);
  });
});

describe('metrics', () => {
  it('counts a partial with score >= 0.5 as an accept, and leaves partial labels out of binary agreement', () => {
    const m = computeMetrics([
      { label: 'incorrect', verdict: 'partial', score: 0.5 },
      { label: 'incorrect', verdict: 'partial', score: 0.25 },
      { label: 'incorrect', verdict: 'incorrect', score: 0 },
      { label: 'correct', verdict: 'partial', score: 0.4 },
      { label: 'correct', verdict: 'correct', score: 1 },
      { label: 'correct', verdict: 'incorrect', score: 0 },
      { label: 'partial', verdict: 'correct', score: 1 },
    ]);
    expect(m.falseAccept).toBeCloseTo(1 / 3);
    expect(m.falseReject).toBeCloseTo(1 / 3);
    expect(m.binaryCount).toBe(6);
    // accepted: correct/correct; rejected: incorrect(0.25), incorrect/incorrect
    expect(m.binaryAgreement).toBeCloseTo(3 / 6);
    expect(m.agreement).toBeCloseTo(2 / 7);
  });
});
