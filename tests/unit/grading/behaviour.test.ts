import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import { compileCard, gradeAnswer, grader, type Verdict } from '../../../src/game/grading';
import { builtinCard, checkBuiltin, gradeBuiltin } from './helpers';

const CNI = 'What is CNI?';
const PLUGINS = 'Name some CNI plugins.';
const TYPES = 'Types of Services?';
const CLUSTER_IP = 'What is ClusterIP?';
const NODE_PORT = 'What is NodePort?';
const IPVS = 'Difference between iptables and IPVS mode?';
const ISTIO = 'What is Istio?';
const FLOW = 'How does traffic flow from internet to Pod?';
const HEADLESS = 'What is headless service?';
const POD_TO_POD = 'How does Pod-to-Pod communication work?';
const ASSIGN = 'How does Kubernetes assign IP addresses?';
const KUBE_PROXY = 'What is kube-proxy?';
const SERVICE = 'What is a Service?';
const MESH = 'What is Service Mesh?';
const LB_WORK = 'How does LoadBalancer service work?';
const EXTERNAL_NAME = 'What is ExternalName service?';
const DISCOVERY = 'What is Service discovery?';
const POLICY = 'What is Network Policy?';

// "Container Network Interface" alone only spells out the acronym: one of the card's two key ideas,
// so partial (it was correct before the blind set's labelling rules were adopted). These cases still
// show that the normalised text matched the idea: an unmatched answer would be incorrect.
describe('normalisation (case, whitespace, punctuation, accents)', () => {
  checkBuiltin([
    ['upper case and extra spaces', CNI, '  CONTAINER    NETWORK   INTERFACE  ', 'partial'],
    ['punctuation and hyphens', CNI, 'container-network-interface!!!', 'partial'],
    ['accents', CNI, 'contáiner nétwork ìnterface', 'partial'],
    ['curly apostrophes', HEADLESS, 'it doesn’t get a cluster IP, DNS returns the pod IPs', 'correct'],
    ['mixed case list', TYPES, 'CLUSTERIP, nodeport, LoadBalancer', 'correct'],
  ]);
});

describe('accepted variants and compounds', () => {
  checkBuiltin([
    ['Load Balancer = LoadBalancer', TYPES, 'ClusterIP, NodePort, Load Balancer', 'correct'],
    ['node port = NodePort', TYPES, 'cluster ip, node port, loadbalancer', 'correct'],
    ['hyphenated compound', TYPES, 'cluster-ip, node-port, load-balancer', 'correct'],
    ['abbreviation LB', FLOW, 'internet -> LB -> nodeport -> service -> pod', 'correct'],
    ['accepted short answer', ISTIO, 'service mesh', 'correct'],
    ['acronym expansion variant', CNI, 'container networking interface', 'partial'],
    [
      'acronym expansion with its purpose',
      CNI,
      'container networking interface, a plugin standard for pod networking',
      'correct',
    ],
  ]);
});

describe('typos scaled to word length', () => {
  checkBuiltin([
    ['transposition', CNI, 'conatiner network interface', 'partial'],
    ['typo in the full answer', CNI, 'conatiner network interface: a spec for network plugins', 'correct'],
    ['doubled letter', PLUGINS, 'cillium and flannel', 'correct'],
    ['missing letter', PLUGINS, 'calico, flanel', 'correct'],
    ['kube proxi', KUBE_PROXY, 'kube proxi runs on each node and writes iptables rules', 'correct'],
    ['long compound with two slips', TYPES, 'ClusterIp, NodPort, LoadBalanser', 'correct'],
    ['typo in a glued compound', ISTIO, 'service mash', 'correct'],
    ['short words need exact spelling', PLUGINS, 'calic0', 'incorrect'],
  ]);
});

describe('terse answers, full sentences and paraphrases', () => {
  checkBuiltin([
    ['terse idea pair', ASSIGN, 'cni assigns from pod cidr', 'correct'],
    ['terse single idea is partial', ASSIGN, 'cni plugin', 'partial'],
    [
      'full sentence',
      POD_TO_POD,
      'Every pod gets its own IP address and can talk to any other pod directly without NAT, even on other nodes.',
      'correct',
    ],
    [
      'paraphrase',
      SERVICE,
      'it gives a changing group of pods one stable virtual IP and a DNS name',
      'correct',
    ],
    [
      'paraphrase of mesh',
      MESH,
      'sidecar proxies that handle mTLS and retries between microservices',
      'correct',
    ],
    ['features without the name are partial', ISTIO, 'mtls and traffic management', 'partial'],
  ]);
});

describe('lists', () => {
  checkBuiltin([
    ['two correct items', PLUGINS, 'calico flannel', 'correct'],
    ['one item is partial', PLUGINS, 'calico', 'partial'],
    // a wrong item mixed into a list is a significant error: incorrect (was partial)
    ['list with a wrong item', PLUGINS, 'calico, flannel, nginx', 'incorrect'],
    ['one right, one wrong', PLUGINS, 'calico, istio', 'incorrect'],
    ['only wrong items', PLUGINS, 'istio, linkerd', 'incorrect'],
    ['service types with Ingress', TYPES, 'ClusterIP, NodePort, LoadBalancer, Ingress', 'incorrect'],
    ['each valid plugin counts', PLUGINS, 'canal and kube-router', 'correct'],
    ['two of four types', TYPES, 'clusterip nodeport', 'partial'],
  ]);
});

describe('near misses sharing words with the right answer', () => {
  checkBuiltin([
    ['Cluster Network Interface', CNI, 'Cluster Network Interface', 'incorrect'],
    ['Container Runtime Interface', CNI, 'container runtime interface', 'incorrect'],
    [
      "NodePort's description for ClusterIP",
      CLUSTER_IP,
      'exposes the service on a static port on every node',
      'incorrect',
    ],
    [
      "LoadBalancer's description for ClusterIP",
      CLUSTER_IP,
      'exposes the service externally via a cloud load balancer',
      'incorrect',
    ],
    ['iptables is faster for large clusters', IPVS, 'iptables is faster for large clusters', 'incorrect'],
    ['iptables scales better', IPVS, 'iptables scales better than ipvs', 'incorrect'],
    [
      'the right comparison',
      IPVS,
      'IPVS is faster than iptables and scales better in large clusters',
      'correct',
    ],
    ['flow in reverse order', FLOW, 'pod -> service -> nodeport -> load balancer -> internet', 'incorrect'],
    [
      'flow in the right order',
      FLOW,
      'internet -> load balancer -> nodeport -> service -> pod -> container',
      'correct',
    ],
    [
      'flow with one pair swapped',
      FLOW,
      'internet -> nodeport -> load balancer -> service -> pod',
      'partial',
    ],
    ['scrambled short flow', FLOW, 'client -> pod -> service', 'incorrect'],
    [
      'negated right idea',
      CLUSTER_IP,
      'it is not the default and is reachable from outside the cluster',
      'incorrect',
    ],
  ]);
});

describe('negation', () => {
  checkBuiltin([
    ['no NAT is right', POD_TO_POD, 'each pod has its own ip, pods talk directly with no NAT', 'correct'],
    ['w/o shorthand', POD_TO_POD, 'unique ip per pod, reachable directly w/o nat', 'correct'],
    ['NAT is wrong', POD_TO_POD, 'pods reach each other through NAT on the node', 'incorrect'],
    // one of two key ideas (no ClusterIP, DNS returns the Pod IPs): partial (was correct)
    ['without a cluster IP', HEADLESS, 'a service without a cluster ip', 'partial'],
    ['without a cluster IP, and why', HEADLESS, 'no cluster ip, so dns returns the pod ips', 'correct'],
    ['with a cluster IP', HEADLESS, 'a service with a cluster ip', 'incorrect'],
    [
      'negated wrong answer is not wrong',
      CNI,
      'not cluster network interface: container network interface, the plugin spec',
      'correct',
    ],
    [
      'trailing negation',
      POD_TO_POD,
      'each pod has its own ip and reaches the others directly, NAT is not needed',
      'correct',
    ],
    ['trailing negation, contracted', POD_TO_POD, "own ip per pod, NAT isn't involved", 'correct'],
    ['a verb still reads forwards', POD_TO_POD, 'own ip per pod, no need for NAT', 'correct'],
    [
      'negation-only synonym',
      DISCOVERY,
      'pods find services by dns name instead of hardcoded ips',
      'correct',
    ],
    [
      'the same words, not negated, are wrong',
      DISCOVERY,
      'pods find each other using hardcoded ips',
      'incorrect',
    ],
  ]);
});

describe('junk and question echoes', () => {
  checkBuiltin([
    ['empty', CNI, '', 'incorrect'],
    ['blank', CNI, '   \n\t ', 'incorrect'],
    ['idk', CNI, 'idk', 'incorrect'],
    ['question marks', TYPES, '???', 'incorrect'],
    ['no idea', SERVICE, 'no idea', 'incorrect'],
    ['emoji', MESH, '🤷‍♂️', 'incorrect'],
    ['keyboard mash', KUBE_PROXY, 'asdfgh', 'incorrect'],
    ['joke', HEADLESS, 'a service with no head node lol', 'incorrect'],
    ['echo of the question', NODE_PORT, 'node port', 'incorrect'],
    ['echo with filler words', MESH, 'a mesh of services', 'incorrect'],
    ['acronym echo', CNI, 'CNI', 'incorrect'],
    ['echo with filler verbs', EXTERNAL_NAME, 'external name service gives the service a name', 'incorrect'],
    ['echo with generic nouns', KUBE_PROXY, 'kube-proxy is a kubernetes component', 'incorrect'],
    ['abbreviation echo', POLICY, 'netpol', 'incorrect'],
  ]);
});

describe('notation and abbreviations', () => {
  checkBuiltin([
    ['Big-O notation', IPVS, 'iptables O(n) vs ipvs O(1)', 'correct'],
    ['svc', SERVICE, 'svc = stable vip for a set of pods', 'correct'],
    ['netpol', POLICY, 'netpol - allow/deny traffic between pods', 'correct'],
    ['mgmt', ISTIO, 'traffic mgmt + mtls + observability for microservices', 'correct'],
  ]);
});

describe('sequences and misconceptions', () => {
  checkBuiltin([
    ['the whole sequence in order is complete', LB_WORK, 'LB -> nodeport -> pod', 'correct'],
    ['part of the sequence is partial', LB_WORK, 'the lb forwards to the pods', 'partial'],
    ['the sequence reversed', LB_WORK, 'pod -> nodeport -> lb', 'incorrect'],
    ['Service CIDR for Pod IPs', ASSIGN, 'pods get IPs from the service CIDR', 'incorrect'],
    ['NodePort only on one node', NODE_PORT, 'only the node running the pod opens the port', 'incorrect'],
    [
      'Ingress description for kube-proxy',
      KUBE_PROXY,
      'routes outside http traffic to services by host or path',
      'incorrect',
    ],
  ]);
});

describe('grade shape', () => {
  it('scores 1 / between / 0 and splits labels into matched and missing', () => {
    const card = builtinCard(PLUGINS);
    const labels = (card.ideas ?? []).map((i) => i.label).sort();
    for (const [answer, verdict] of [
      ['calico flannel cilium', 'correct'],
      ['calico', 'partial'],
      ['docker', 'incorrect'],
    ] as const) {
      const g = gradeBuiltin(PLUGINS, answer);
      expect(g.verdict).toBe(verdict);
      if (verdict === 'correct') expect(g.score).toBe(1);
      else if (verdict === 'incorrect') expect(g.score).toBe(0);
      else {
        expect(g.score).toBeGreaterThan(0);
        expect(g.score).toBeLessThan(1);
      }
      // a "name some" card never shows a wall of missing items: none once enough are named (or the
      // answer is wrong), else only as many as are still needed
      for (const l of [...g.matched, ...g.missing]) expect(labels).toContain(l);
      expect(g.missing.length).toBe(verdict === 'partial' ? 1 : 0);
      expect(g.matched.filter((l) => g.missing.includes(l))).toEqual([]);
    }
    expect(gradeBuiltin(PLUGINS, 'calico flannel').matched).toEqual(['Calico', 'Flannel']);
  });

  it('is deterministic and does not mutate the card', () => {
    const card = builtinCard(FLOW);
    const before = JSON.stringify(card);
    const c = compileCard(card);
    const a = gradeAnswer(c, 'internet -> lb -> nodeport -> svc -> pod');
    const b = gradeAnswer(c, 'internet -> lb -> nodeport -> svc -> pod');
    expect(a).toEqual(b);
    expect(JSON.stringify(card)).toBe(before);
  });

  it('grades a bare { card } by compiling it lazily, and via the grader object', () => {
    const card = builtinCard(CNI);
    expect(gradeAnswer({ card }, 'container network interface, a plugin spec').verdict).toBe('correct');
    expect(grader.grade(grader.compile(card), 'cluster network interface').verdict).toBe('incorrect');
  });

  // Its speed is a benchmark figure (`npm run eval:grading` prints time per answer), not a timed unit test.
  it('grades a very long input to a verdict', () => {
    const c = compileCard(builtinCard(POD_TO_POD));
    const text = 'pod ip directly no nat '.repeat(500);
    const g = gradeAnswer(c, text);
    expect(['correct', 'partial', 'incorrect']).toContain(g.verdict);
  });
});

describe('a card built in code (no deck file)', () => {
  const card: Card = {
    prompt: 'What does etcd store?',
    answer: 'etcd is the consistent key-value store that holds all cluster state and configuration.',
    accept: ['cluster state', 'all cluster data'],
    ideas: [
      { label: 'key-value store', terms: ['kv store', 'key value', 'database'] },
      { label: 'cluster state', terms: ['state of the cluster', 'config', 'configuration', 'objects'] },
      { label: 'consistent (Raft)', terms: ['raft', 'consistent', 'consensus'] },
    ],
    need: 2,
    wrong: ['container images', 'logs', 'metrics'],
    order: undefined,
  };
  const c = compileCard(card);
  const cases: [string, Verdict][] = [
    ['the cluster state', 'correct'],
    ['a consistent key value db with all the config', 'correct'],
    ['a database', 'partial'],
    ['container images', 'incorrect'],
    ['logs and metrics', 'incorrect'],
    ['', 'incorrect'],
  ];
  for (const [answer, verdict] of cases) {
    it(`${JSON.stringify(answer)} -> ${verdict}`, () => {
      expect(gradeAnswer(c, answer).verdict).toBe(verdict);
    });
  }
});
