import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import { compileCard, gradeAnswer, type Verdict } from '../../../src/game/grading';
import { gradeBuiltin } from './helpers';

// Round 3 (after blind2 was measured): the rules are checked on paraphrases written for these tests,
// not on the blind2 lines themselves, so they test the principle rather than a patch.

describe('"only" makes a claim exclusive', () => {
  const CARD: Card = {
    prompt: 'Difference between Service and Ingress?',
    answer: 'A Service balances at L4; an Ingress routes HTTP to Services.',
    ideas: [
      { label: 'L4', terms: ['l4', 'layer 4'] },
      { label: 'L7', terms: ['l7', 'http'] },
      { label: 'outside', terms: ['external'] },
    ],
    need: 2,
    wrong: ['service is internal only'],
  };
  const compiled = compileCard(CARD);

  it('a Wrong phrase with "only" needs the word: "internal only" is wrong, "internal" is not', () => {
    expect(gradeAnswer(compiled, 'services are internal only; ingress is external').verdict).toBe(
      'incorrect',
    );
    expect(gradeAnswer(compiled, 'service internal, ingress external').verdict).toBe('partial');
  });

  it('"only" alone with the question words is still an echo', () => {
    expect(gradeBuiltin('What is ClusterIP?', 'only clusterip').verdict).toBe('incorrect');
    // and it does not get in the way of an idea ("reachable only inside the cluster")
    expect(
      gradeBuiltin('What is ClusterIP?', 'default type, reachable only inside the cluster').verdict,
    ).toBe('correct');
  });
});

describe('built-in deck: confusions with neighbouring concepts sink an answer', () => {
  const cases: [string, string, string, Verdict][] = [
    // Service vs Ingress: Services can be external; "no difference" is wrong
    [
      'exclusive internal',
      'Difference between Service and Ingress?',
      'services are only internal, ingress is external',
      'incorrect',
    ],
    [
      'vague internal/external',
      'Difference between Service and Ingress?',
      'service internal, ingress external',
      'partial',
    ],
    [
      'same thing',
      'Difference between Service and Ingress?',
      'they are basically the same thing',
      'incorrect',
    ],
    [
      'L4 vs L7',
      'Difference between Service and Ingress?',
      'service is L4 for pods, ingress is L7 http routing to services',
      'correct',
    ],
    // a reversed comparison: the right facts attributed to the wrong mode
    [
      'hash tables reversed',
      'Difference between iptables and IPVS mode?',
      'iptables uses hash tables, ipvs is sequential',
      'incorrect',
    ],
    [
      'hash tables right way round',
      'Difference between iptables and IPVS mode?',
      'ipvs uses hash tables, iptables is sequential',
      'correct',
    ],
    [
      'round robin reversed',
      'Difference between iptables and IPVS mode?',
      'iptables does round robin, ipvs picks at random',
      'incorrect',
    ],
    [
      'negated iptables',
      'Difference between iptables and IPVS mode?',
      'unlike iptables, ipvs uses hash tables and scales better',
      'correct',
    ],
    // CoreDNS's job is not kube-proxy's
    ['kube-proxy as DNS', 'What is kube-proxy?', 'it does dns resolution for services', 'incorrect'],
    [
      'kube-proxy right',
      'What is kube-proxy?',
      'node agent that programs iptables rules for services',
      'correct',
    ],
    // Istio is a mesh, not a monitoring tool (metrics are one of its features)
    ['istio monitoring tool', 'What is Istio?', 'its a monitoring system', 'incorrect'],
    [
      'istio metrics',
      'What is Istio?',
      'service mesh with envoy sidecars, mtls and metrics for prometheus',
      'correct',
    ],
    // CNI does not route external traffic in (that is Ingress)
    ['CNI as ingress', 'What is CNI?', 'handles external traffic coming into the cluster', 'incorrect'],
    // a Service is not "internet exposure" (that is LoadBalancer / Ingress)
    ['service internet', 'What is a Service?', 'makes your app reachable from the internet', 'incorrect'],
    // Pods do not share the node's IP
    [
      'share node ip',
      'How does Kubernetes assign IP addresses?',
      'pods share the ip of the node',
      'incorrect',
    ],
    ['node ip', 'How does Kubernetes assign IP addresses?', 'they get the node ip', 'incorrect'],
    [
      'node podcidr',
      'How does Kubernetes assign IP addresses?',
      'the cni ipam gives each pod an ip from the node podcidr',
      'correct',
    ],
    // the cloud, not kube-proxy, provisions the load balancer; nginx is an Ingress controller
    [
      'kube-proxy provisions LB',
      'How does LoadBalancer service work?',
      'kube-proxy provisions a load balancer',
      'incorrect',
    ],
    [
      'nginx LB',
      'How does LoadBalancer service work?',
      'an nginx pod balances traffic to the nodeports',
      'incorrect',
    ],
    // headless: no cluster IP, not "no external IP" (that is ClusterIP)
    ['no external ip', 'What is headless service?', 'a service with no public ip', 'incorrect'],
  ];
  it.each(cases)('%s', (_name, prompt, answer, expected) => {
    expect(gradeBuiltin(prompt, answer).verdict).toBe(expected);
  });
});

describe('built-in deck: expert shorthand and half answers', () => {
  const cases: [string, string, string, Verdict][] = [
    ['no VIP + pod DNS', 'What is headless service?', 'service with no VIP; dns gives pod ips', 'correct'],
    ['no IP of its own', 'What is headless service?', 'a service without its own ip', 'partial'],
    [
      'no IP, pods directly',
      'What is headless service?',
      'has no ip of its own, clients hit the pods directly',
      'correct',
    ],
    [
      'controller reads rules',
      'What is Ingress Controller?',
      'it takes the ingress rules and routes the traffic',
      'correct',
    ],
    // an example instead of a definition: partial
    ['ingress example', 'What is Ingress?', 'traefik', 'partial'],
    ['ingress as a pod', 'What is Ingress?', 'an nginx pod', 'incorrect'],
    // true but misses the purpose: partial
    ['CoreDNS CNCF', 'What is CoreDNS?', 'a cncf graduated project', 'partial'],
  ];
  it.each(cases)('%s', (_name, prompt, answer, expected) => {
    expect(gradeBuiltin(prompt, answer).verdict).toBe(expected);
  });
});
