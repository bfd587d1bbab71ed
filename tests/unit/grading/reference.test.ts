import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../src/decks/parse';
import type { Card } from '../../../src/decks/types';
import {
  compileCard,
  compileDeck,
  gradeAnswer,
  lexiconWords,
  shortAnswer,
  type CompiledDeck,
  type Grade,
  type LearnedExample,
  type Verdict,
} from '../../../src/game/grading';
import { deckAbbreviations, promptSubjects } from '../../../src/game/grading/deck';
import { listPrompt } from '../../../src/game/grading/lists';
import { plainLabel, referenceSegments } from '../../../src/game/grading/reference';
import { codeWord, tokenize } from '../../../src/game/grading/text';
import { readWordNet } from '../../../src/lexicon/wordnet';
import { ROOT } from './helpers';

// A deck written for these tests (prompts and references only, no grading fields); every answer below
// is a paraphrase written for the test, not a line of any labelled answer set.
const DECK_PATH = `${ROOT}tests/unit/grading/fixtures/networking-basics.md`;

function loadCards(): Card[] {
  const r = parseDeck(readFileSync(DECK_PATH, 'utf8'), { fileName: 'networking-basics.md' });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.deck.cards;
}

const cards = loadCards();
const lexicon = readWordNet(lexiconWords(cards));
const deck = compileDeck(cards, { lexicon });

function cardOf(d: CompiledDeck, promptPart: string): ReturnType<CompiledDeck['card']> & object {
  const c = d.cards.find((x) => x.card.prompt.toLowerCase().includes(promptPart.toLowerCase()));
  if (!c) throw new Error(`no card ${promptPart}`);
  return c;
}

function grade(promptPart: string, answer: string, d: CompiledDeck = deck): Grade {
  return gradeAnswer(cardOf(d, promptPart), answer);
}

function check(
  cases: [rule: string, prompt: string, answer: string, verdict: Verdict, explains?: RegExp][],
): void {
  for (const [rule, prompt, answer, verdict, explains] of cases) {
    it(`${rule}: ${JSON.stringify(answer)} -> ${verdict}`, () => {
      const g = grade(prompt, answer);
      expect(g.verdict, g.explanation).toBe(verdict);
      if (explains) expect(g.explanation).toMatch(explains);
    });
  }
}

describe('reading a deck: concept names, abbreviations, code', () => {
  it('finds the abbreviations a deck defines, in each usual form', () => {
    const found = deckAbbreviations([
      'The Address Resolution Protocol (ARP) maps addresses.',
      'DNS, the Domain Name System, resolves names.',
      'A PersistentVolumeClaim (PVC) asks for storage.',
      'TTL stands for Time To Live.',
      'It uses HTTP (HyperText Transfer Protocol) and (sometimes) other things.',
    ]);
    const byAbbr = new Map(found.map((f) => [f.abbr, f.long.join(' ')]));
    expect(byAbbr.get('ARP')).toBe('Address Resolution Protocol');
    expect(byAbbr.get('DNS')).toBe('Domain Name System');
    expect(byAbbr.get('PVC')).toBe('PersistentVolumeClaim');
    expect(byAbbr.get('TTL')).toBe('Time To Live');
    expect(byAbbr.get('HTTP')).toBe('HyperText Transfer Protocol');
  });

  it('reads an abbreviation, its long form and its camelCase form as one word', () => {
    const pvc = compileDeck([
      {
        prompt: 'What is a PVC?',
        answer: 'A PersistentVolumeClaim (PVC) is a request for storage that a Pod makes.',
      },
      { prompt: 'What is a PV?', answer: 'A PersistentVolume (PV) is a piece of storage in the cluster.' },
    ]);
    const opts = pvc.cards[0]!.tokenOptions;
    const word = (t: string): string[] => tokenize(t, opts).stems;
    expect(word('pvc')).toEqual(word('persistent volume claim'));
    expect(word('PersistentVolumeClaim')).toEqual(word('PVCs'));
    expect(word('pv')).toEqual(word('persistent volume'));
    expect(word('pv')).not.toEqual(word('pvc'));
  });

  it('spells out common technical shorthand the same way in answers and references', () => {
    const opts = deck.cards[0]!.tokenOptions;
    expect(tokenize('the db and its repo', opts).stems).toEqual(
      tokenize('the database and its repository', opts).stems,
    );
    expect(tokenize('js', opts).stems).toEqual(tokenize('javascript', opts).stems);
  });

  it('keeps the symbols that tell code apart', () => {
    expect(codeWord('HEAD~2')).not.toBe(codeWord('HEAD^2'));
    expect(codeWord('==')).not.toBe(codeWord('==='));
    const opts = cardOf(deck, 'in javascript').tokenOptions;
    expect(tokenize('=== is strict', opts).stems[0]).toBe(codeWord('==='));
  });

  it('keeps "https" apart from "http" and "-less" words apart from their root', () => {
    const opts = deck.cards[0]!.tokenOptions;
    expect(tokenize('https', opts).stems).not.toEqual(tokenize('http', opts).stems);
    expect(grade('TCP and UDP', 'tcp is connectionless').verdict).not.toBe('correct');
  });

  it('reads what a question asks about', () => {
    expect(promptSubjects('What is a Service?')).toEqual(['Service']);
    expect(promptSubjects('Difference between Service and Ingress?')).toEqual(['Service', 'Ingress']);
    expect(promptSubjects('What is the difference between `git fetch` and `git pull`?')).toEqual([
      'git fetch',
      'git pull',
    ]);
    expect(promptSubjects('TCP vs UDP?')).toEqual(['TCP', 'UDP']);
    expect(promptSubjects('What does a kubelet do?')).toEqual(['kubelet']);
    expect(promptSubjects('How does traffic flow from internet to Pod?')).toEqual([]);
  });
});

describe('key ideas are the reference clauses, in plain words', () => {
  it('splits a reference into clauses, bullets and sentences, skipping code blocks', () => {
    const segs = referenceSegments(
      'A claim is a request: it names a size. The data stays; the claim outlives the Pod.\n```yaml\nkind: X\n```\n* one item',
    );
    expect(segs.map((s) => s.text)).toEqual([
      'A claim is a request',
      'it names a size.',
      'The data stays',
      'the claim outlives the Pod.',
      'one item',
    ]);
  });

  it('labels ideas without Markdown, asides or matcher syntax', () => {
    expect(plainLabel('`kube-proxy` programs **iptables** rules (or IPVS).')).toBe(
      'kube-proxy programs iptables rules',
    );
    const c = cardOf(deck, 'What is NAT');
    const labels = c.ref.ref.ideas.map((i) => i.label);
    expect(labels[0]).toMatch(/^Network Address Translation rewrites the source address/);
    for (const l of labels) expect(l).not.toMatch(/[+|=`*]/);
  });
});

describe('grading from the reference alone', () => {
  check([
    [
      'paraphrase',
      'TCP and UDP',
      'tcp opens a connection first and makes sure everything arrives in order, udp just fires off datagrams with no guarantee',
      'correct',
    ],
    ['paraphrase', 'What is DNS', 'turns names like example.com into ip addresses', 'correct'],
    [
      'paraphrase',
      'What is NAT',
      'lets lots of machines on a private network share one public address by rewriting the source address',
      'correct',
    ],
    [
      'synonyms and other forms',
      'What is a compiler',
      'it translates source code to machine code before the program runs',
      'correct',
    ],
    ['echo of the question', 'What is DNS', 'dns', 'incorrect', /repeats the question/],
    ['"I don\'t know"', 'What is NAT', 'idk', 'incorrect', /do not know/],
    ['empty', 'What is NAT', '   ', 'incorrect', /no answer/],
    ['abbreviation spelled out', 'What is ARP', 'address resolution protocol', 'correct', /spells out ARP/],
    ["the reference's own command", 'listens on a port', 'ss -ltnp', 'correct', /ss -ltnp/],
  ]);
});

describe('contradictions of the reference', () => {
  check([
    [
      'swapped roles in a comparison',
      'TCP and UDP',
      'UDP sets up a connection with a handshake and TCP is connectionless',
      'incorrect',
      /mixed up UDP and TCP/,
    ],
    [
      'swapped roles of code names',
      'in javascript',
      '=== converts the types first and == compares without conversion',
      'incorrect',
      /mixed up/,
    ],
    [
      'not swapped',
      'in javascript',
      '== compares values after type conversion, === also requires the same type',
      'correct',
    ],
    [
      '"no difference"',
      'TCP and UDP',
      'no real difference, both just send packets',
      'incorrect',
      /different/,
    ],
    [
      'one for all against one each',
      'What is NAT',
      'it gives each host on the network its own public ip',
      'incorrect',
      /one public ip for all/,
    ],
    [
      'absence',
      'load balancer',
      'it keeps sending traffic to a server that fails its health check',
      'incorrect',
      /no traffic/,
    ],
    [
      'lifetime',
      'session cookie',
      'a cookie the browser keeps after the session ends',
      'incorrect',
      /goes away/,
    ],
    ['order of steps', 'three-way handshake', 'ACK, then SYN-ACK, then SYN', 'incorrect', /order/],
    ['order kept', 'three-way handshake', 'client SYN, server SYN-ACK, client ACK', 'correct'],
    ['"you can\'t"', 'listens on a port', 'you cannot, the kernel hides it', 'incorrect', /can be done/],
    [
      'done to it, not by it',
      'What is a compiler',
      'executes the source code line by line',
      'incorrect',
      /executed/,
    ],
    [
      'a claim another card makes',
      'DHCP server',
      'it resolves names to ip addresses',
      'incorrect',
      /Domain Name System|DNS/,
    ],
  ]);

  it('a count the reference never gives', () => {
    const d = compileDeck([
      {
        prompt: 'How long is an IPv4 address?',
        answer: 'An IPv4 address is 32 bits, written as 4 decimal octets.',
      },
      { prompt: 'What is IPv6?', answer: 'The successor of IPv4, with 128-bit addresses.' },
    ]);
    expect(grade('IPv4 address', '32 bits in 4 octets', d).verdict).toBe('correct');
    const g = grade('IPv4 address', '64 bits', d);
    expect(g.verdict).toBe('incorrect');
    expect(g.explanation).toMatch(/32 bits, not 64/);
  });
});

describe('list questions', () => {
  it('reads what a list prompt asks for', () => {
    expect(listPrompt('Name three layers of the TCP/IP model.')).toMatchObject({ need: 3, noun: 'layers' });
    expect(listPrompt('Name some CNI plugins.')).toMatchObject({ need: null, noun: 'CNI plugins' });
    expect(listPrompt('Name the four types of objects Git stores.')).toMatchObject({ need: 4 });
    expect(listPrompt('Types of Services?')).toMatchObject({ all: true });
    expect(listPrompt('What is a Service?')).toBeNull();
  });

  check([
    ['enough valid items', 'three layers', 'link, transport, application', 'correct', /3 of 3 needed/],
    ['too few', 'three layers', 'application', 'partial', /1 of 3 needed/],
    [
      'a word of the deck that is no item',
      'three layers',
      'link, transport, session',
      'incorrect',
      /session is not among the layers/,
    ],
    ['items from a prose enumeration', 'two protocols', 'dns and dhcp', 'correct', /2 of 2 needed/],
    [
      'a wrong item the reference names',
      'two protocols',
      'dns and ssh',
      'incorrect',
      /SSH is not among the protocols/,
    ],
  ]);

  it('shows no wall of missing items once enough are named', () => {
    const g = grade('three layers', 'internet, transport, application');
    expect(g.verdict).toBe('correct');
    expect(g.missing).toEqual([]);
    expect(grade('three layers', 'transport').missing.length).toBe(2);
  });
});

describe('learned examples', () => {
  const examples = new Map<string, LearnedExample[]>([
    [
      'What is a session cookie?',
      [
        { text: 'a cookie the browser throws away when you close it', verdict: 'correct' },
        { text: 'a cookie stored on the server for one hour', verdict: 'incorrect' },
      ],
    ],
  ]);
  const learned = compileDeck(cards, { lexicon, examples: (card) => examples.get(card.prompt) ?? [] });

  it('accepts an answer near an accepted example', () => {
    expect(grade('session cookie', 'the browser throws that cookie away once you close it').verdict).not.toBe(
      'correct',
    );
    const g = grade('session cookie', 'the browser throws that cookie away once you close it', learned);
    expect(g.verdict).toBe('correct');
    expect(g.explanation).toMatch(/host accepted/);
  });

  it('rejects an answer that is nearly the same as a wrong example, but not one that only shares words', () => {
    const g = grade('session cookie', 'a cookie that is stored on the server for an hour', learned);
    expect(g.verdict).toBe('incorrect');
    expect(g.explanation).toMatch(/host marked wrong/);
    expect(grade('session cookie', 'the browser deletes it when the session ends', learned).verdict).toBe(
      'correct',
    );
  });

  it("nearness is on content: case, spelling of names and the question's words do not matter", () => {
    const a = grade('session cookie', 'A COOKIE the browser throws away when you close it!', learned);
    expect(a.verdict).toBe('correct');
  });
});

describe('the grade says why, whether it is sure, and which answers go together', () => {
  it('always explains its verdict in plain words', () => {
    for (const c of deck.cards) {
      for (const answer of ['idk', 'something about networks', c.card.answer.split('.')[0]!]) {
        const g = gradeAnswer(c, answer);
        expect(g.explanation.length, `${c.card.prompt} / ${answer}`).toBeGreaterThan(3);
        expect(g.explanation).not.toMatch(/[|=]{2}|\s\+\s/);
      }
    }
  });

  it('groups answers that say the same thing, however they are written', () => {
    const g1 = grade('What is NAT', 'Rewrites the source address so hosts share one public IP');
    const g2 = grade('What is NAT', 'hosts share ONE public ip, it rewrites source addresses');
    expect(g1.group).toBe(g2.group);
    expect(grade('What is NAT', 'it encrypts packets').group).not.toBe(g1.group);
  });

  it('marks guesses near the boundary as unsure', () => {
    const all = deck.cards.flatMap((c) =>
      ['network stuff', 'it sends packets somewhere', c.card.answer.slice(0, 40)].map((a) =>
        gradeAnswer(c, a),
      ),
    );
    expect(all.some((g) => g.unsure)).toBe(true);
    expect(all.some((g) => !g.unsure)).toBe(true);
  });
});

describe('the short answer for the reveal', () => {
  it("is the reference's first clause in plain words, or the listed names", () => {
    expect(shortAnswer(cardOf(deck, 'What is ARP').card)).toBe(
      'The Address Resolution Protocol maps an IPv4 address to a MAC address on the local network',
    );
    expect(shortAnswer(cardOf(deck, 'three layers').card)).toBe('Link, Internet, Transport, Application');
    expect(shortAnswer(cardOf(deck, 'What is DNS').card)).toBe(
      'DNS, the Domain Name System, resolves human-readable names such as example.com to IP addresses',
    );
  });

  it('never shows matcher syntax for a card with grading fields', () => {
    const card: Card = {
      prompt: 'What is CNI?',
      answer: 'CNI is a specification for network plugins: the runtime calls a plugin to attach each Pod.',
      accept: ['spec + network plugin'],
      ideas: [{ label: 'standard for network plugins', terms: ['plugin | spec'] }],
    };
    expect(shortAnswer(card)).toBe('CNI is a specification for network plugins');
  });
});

describe('a card compiled alone still grades from its reference', () => {
  it('needs no deck', () => {
    const c = compileCard({
      prompt: 'What is a MAC address?',
      answer: 'A hardware address that identifies a network interface on the local link.',
    });
    expect(gradeAnswer(c, 'the hardware address of a network interface').verdict).toBe('correct');
    expect(gradeAnswer(c, 'mac address').verdict).toBe('incorrect');
  });
});
