import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import { compileCard, gradeAnswer, type Verdict } from '../../../src/game/grading';
import { gradeBuiltin } from './helpers';

/** A small card built in code, with on-topic hints. */
const DISCOVERY: Card = {
  prompt: 'What is Service discovery?',
  answer: 'Workloads find Services by DNS name instead of hard-coded IPs.',
  ideas: [
    { label: 'by DNS name', terms: ['dns', 'dns name'] },
    { label: 'instead of IPs', terms: ['no hardcoded', 'instead of ip'] },
  ],
  need: 2,
  wrong: ['scheduler', 'hardcoded'],
  hints: ['find each other', 'locate services', 'service discovery'],
};

describe('Hint: on-topic terms earn partial credit, never more', () => {
  const compiled = compileCard(DISCOVERY);
  const grade = (answer: string) => gradeAnswer(compiled, answer);

  it('a vague but on-track answer (a hint, no key idea) is partial with a low score', () => {
    const g = grade('how apps find each other');
    expect(g.verdict).toBe('partial');
    expect(g.score).toBe(0.25);
    expect(g.matched).toEqual([]);
  });

  it('hints tolerate typos, inflections and glued words like idea terms', () => {
    expect(grade('how apps find eachother').verdict).toBe('partial');
    expect(grade('it locates the servics').verdict).toBe('partial');
  });

  it('a hint never makes an answer correct, nor counts towards Need', () => {
    const g = grade('DNS, so apps find each other and locate services');
    // one key idea (DNS) plus hints: still one idea of two
    expect(g.verdict).toBe('partial');
    expect(g.score).toBe(0.5);
    expect(g.matched).toEqual(['by DNS name']);
  });

  it('a wrong answer sinks an answer that also matches a hint', () => {
    expect(grade('the scheduler helps pods find each other').verdict).toBe('incorrect');
    expect(grade('pods find each other by hardcoded ips').verdict).toBe('incorrect');
  });

  it('a negated hint earns nothing', () => {
    expect(grade('pods never find each other').verdict).toBe('incorrect');
  });

  it('a hint made only of the question words earns nothing (repeating the question)', () => {
    expect(grade('service discovery for the apps').verdict).toBe('incorrect');
  });

  it('without hints an answer with no key idea is incorrect, as before', () => {
    const bare = compileCard({ ...DISCOVERY, hints: undefined });
    expect(gradeAnswer(bare, 'how apps find each other').verdict).toBe('incorrect');
  });

  it('full credit still needs the key ideas', () => {
    expect(grade('apps look up services by dns name instead of ip').verdict).toBe('correct');
  });
});

type Case = [prompt: string, answer: string, verdict: Verdict];

function check(cases: Case[]): void {
  for (const [prompt, answer, verdict] of cases) {
    it(`${prompt} ${JSON.stringify(answer)} -> ${verdict}`, () => {
      expect(gradeBuiltin(prompt, answer).verdict).toBe(verdict);
    });
  }
}

describe('built-in deck: vague but on-track answers are partial', () => {
  check([
    ['Types of Services?', 'internal and external', 'partial'],
    ['What is ClusterIP?', 'an ip for the service', 'partial'],
    ['What is LoadBalancer?', 'distributes traffic across pods', 'partial'],
    ['What is kube-proxy?', 'networking on nodes', 'partial'],
    ['What is Network Policy?', 'security for the network', 'partial'],
    ['Difference between iptables and IPVS mode?', 'they are different kube-proxy modes', 'partial'],
    ['What is Service discovery?', 'how apps find each other', 'partial'],
    ['What is CoreDNS?', 'dns', 'partial'],
    ['What is Ingress?', 'a routing layer', 'partial'],
  ]);
});

describe('built-in deck: hint words do not rescue wrong answers', () => {
  check([
    ['What is CNI?', 'container network isolation, a firewall for pods', 'incorrect'],
    ['What is Ingress?', 'controls outgoing traffic from pods', 'incorrect'],
    ['What is Ingress Controller?', 'a controller that blocks incoming traffic', 'incorrect'],
    ['What is NodePort?', 'exposes the service internally within the cluster', 'incorrect'],
    ['How does Kubernetes assign IP addresses?', "pods just use the node's ip address", 'incorrect'],
    ['What is CoreDNS?', 'external dns for public domains like route53', 'incorrect'],
    [
      'How does LoadBalancer service work?',
      'kube-proxy on the master node becomes the load balancer',
      'incorrect',
    ],
    [
      'Difference between Service and Ingress?',
      'ingress is for incoming traffic and service is for outgoing',
      'incorrect',
    ],
  ]);
});

describe('built-in deck: vague answers that name one idea without its context are partial', () => {
  check([
    // "points to" is not DNS; pointing a name at another DNS name is
    ['What is ExternalName service?', 'points to something outside the cluster', 'partial'],
    ['What is ExternalName service?', 'points to an external domain name like db.example.com', 'correct'],
    // a DNS server, but not the cluster's
    ['What is CoreDNS?', 'a plugin-based dns server written in go', 'partial'],
    ['What is CoreDNS?', 'dns server in k8s that resolves svc names', 'correct'],
    ['What is CoreDNS?', 'the dns server of the cluster', 'correct'],
    // HTTP routing, but not into the cluster / to Services
    ['What is Ingress?', 'http routing', 'partial'],
    ['What is Ingress?', 'rules to route external requests to services', 'correct'],
    ['What is Ingress?', 'L7 routing rules for http into the cluster', 'correct'],
  ]);
});

describe('question echoes', () => {
  check([
    // the words of a camelCase name used apart describe it...
    ['What is NodePort?', 'a port on the node', 'partial'],
    // ...but not next to the name itself, nor one word of it alone
    ['What is NodePort?', 'node port', 'incorrect'],
    ['What is ExternalName service?', 'an external service', 'incorrect'],
    ['What is ExternalName service?', 'external name service gives the service a name', 'incorrect'],
    // another form of a question word still repeats the question
    ['What is LoadBalancer?', 'a load balancer that balances load', 'incorrect'],
    ['How does LoadBalancer service work?', 'the loadbalancer service works by load balancing', 'incorrect'],
    ['What is Ingress Controller?', 'ingress controller controls ingress', 'incorrect'],
  ]);
});

describe('each matched word earns one idea, skipped words stay free', () => {
  check([
    // "ipvs … better" (one word skipped) earns "performs better"; "scales" still earns "scales"
    ['Difference between iptables and IPVS mode?', 'ipvs scales better', 'correct'],
    ['What is kube-proxy?', 'maintains network rules on nodes', 'correct'],
  ]);
});
