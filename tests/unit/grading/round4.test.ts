import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/decks/types';
import { compileCard, gradeAnswer, type Verdict } from '../../../src/game/grading';
import { checkBuiltin } from './helpers';

// Round 4 (after blind3 was measured at 94.0%): each rule is checked on paraphrases written for these
// tests, not on the blind3 lines themselves, so they test the principle rather than a patch.

describe('a sequence must be essentially in order (Order:, 85% of pairs)', () => {
  const CARD: Card = {
    prompt: 'How does a request travel?',
    answer: 'Client -> gateway -> router -> worker -> database.',
    ideas: [
      { label: 'client', terms: ['client'] },
      { label: 'gateway', terms: ['gateway'] },
      { label: 'router', terms: ['router'] },
      { label: 'worker', terms: ['worker'] },
      { label: 'database', terms: ['database'] },
    ],
    need: 2,
    order: ['client', 'gateway', 'router', 'worker', 'database'],
  };
  const c = compileCard(CARD);
  const cases: [string, Verdict][] = [
    ['client > gateway > router > worker > database', 'correct'],
    // one adjacent swap: 9 of 10 pairs in order
    ['client > router > gateway > worker > database', 'partial'],
    // a step moved two places: 8 of 10 pairs in order
    ['client > router > worker > gateway > database', 'incorrect'],
    ['database > worker > router > gateway > client', 'incorrect'],
  ];
  for (const [answer, verdict] of cases) {
    it(`${JSON.stringify(answer)} -> ${verdict}`, () => {
      expect(gradeAnswer(c, answer).verdict).toBe(verdict);
    });
  }
});

describe('built-in deck, round 4: what a strict interviewer accepts and rejects', () => {
  const cases: [string, string, string, Verdict][] = [
    // features of a mesh are not what a mesh is
    ['mesh features only', 'What is Service Mesh?', 'you get tracing plus encryption', 'partial'],
    ['mesh: sidecars + a feature', 'What is Service Mesh?', 'sidecar proxies that add mtls', 'correct'],
    ['Istio: a mesh with proxies', 'What is Istio?', 'a mesh built on envoy proxies', 'correct'],
    [
      'iptables slows down, IPVS scales',
      'Difference between iptables and IPVS mode?',
      'iptables becomes slow with lots of services, ipvs scales',
      'correct',
    ],
    [
      'IPVS said to be slow',
      'Difference between iptables and IPVS mode?',
      'ipvs is slow with lots of services',
      'incorrect',
    ],
    [
      'ClusterIP reachable only in the cluster',
      'What is ClusterIP?',
      'default one, only reachable in the cluster',
      'correct',
    ],
    [
      'CNI wires Pods to the network',
      'What is CNI?',
      'a spec the runtime calls so plugins wire up pods',
      'correct',
    ],
    [
      'the Service does not hand out Pod IPs',
      'How does Kubernetes assign IP addresses?',
      'the service assigns each pod an ip',
      'incorrect',
    ],
    [
      'LoadBalancer is not in-cluster balancing',
      'What is LoadBalancer?',
      'internal balancing of requests across pods',
      'incorrect',
    ],
    [
      'LoadBalancer is not DNS round robin',
      'How does LoadBalancer service work?',
      'spreads requests across nodes via dns round robins',
      'incorrect',
    ],
    [
      'ExternalName does not publish a name',
      'What is ExternalName service?',
      'publishes the service under a public hostname',
      'incorrect',
    ],
    [
      'discovery is not a catalogue',
      'What is Service discovery?',
      'browsing the marketplace for new tools',
      'incorrect',
    ],
    ['Ingress is not Pod-to-Pod rules', 'What is Ingress?', 'a policy for traffic between pods', 'incorrect'],
    [
      'Service vs Ingress: one LB each vs one router for many',
      'Difference between Service and Ingress?',
      'each service gets its own lb, an ingress routes many services by path',
      'correct',
    ],
    [
      'traffic flow with the Service before the LB',
      'How does traffic flow from internet to Pod?',
      'internet, service, load balancer, nodeport, pod',
      'incorrect',
    ],
  ];
  checkBuiltin(cases);
});

// Round 5 (tuned on blind5-tune, written blind for tuning): paraphrases, not the blind5 lines.
describe('built-in deck, round 5: confusions with neighbouring concepts', () => {
  const cases: [string, string, string, Verdict][] = [
    [
      'Pod IPs are not typed by hand',
      'How does Kubernetes assign IP addresses?',
      'admins put a static ip in each pod spec',
      'incorrect',
    ],
    [
      'CoreDNS does not hand out Pod IPs',
      'How does Kubernetes assign IP addresses?',
      'coredns hands each pod an address',
      'incorrect',
    ],
    [
      'IPAM from the node range is still right',
      'How does Kubernetes assign IP addresses?',
      'the cni ipam hands out ips from the node pod cidr',
      'correct',
    ],
    [
      'Network Policy is not a cloud security group',
      'What is Network Policy?',
      'the security group of the cloud on the nodes',
      'incorrect',
    ],
    [
      'Network Policy: who may connect to which Pods',
      'What is Network Policy?',
      'label based rules for who can connect to which pods',
      'correct',
    ],
    [
      'headless is not ExternalName',
      'What is headless service?',
      'a service pointing at an external dns name',
      'incorrect',
    ],
    [
      'headless: clusterIP None, Pod addresses',
      'What is headless service?',
      'clusterip none so dns gives you the pod addresses',
      'correct',
    ],
    [
      'discovery is not monitoring',
      'What is Service discovery?',
      'how prometheus finds what to scrape',
      'incorrect',
    ],
    [
      'kube-proxy does not run on the master only',
      'What is kube-proxy?',
      'a proxy that runs only on the master node',
      'incorrect',
    ],
    [
      'Service vs Ingress the wrong way round',
      'Difference between Service and Ingress?',
      'a service is external and ingress is internal',
      'incorrect',
    ],
    [
      'LoadBalancer is not kube-proxy',
      'What is LoadBalancer?',
      'the kube-proxy part that spreads traffic',
      'incorrect',
    ],
    [
      'Service: abstraction over Pods whose IPs change',
      'What is a Service?',
      'an abstraction over pods, so callers survive pod ips changing',
      'correct',
    ],
  ];
  checkBuiltin(cases);
});

// Round 6 (tuned on blind6-tune and blind7-tune): paraphrases, not their lines.
describe('built-in deck, round 6: jargon, phone shorthand and misconceptions', () => {
  const cases: [string, string, string, Verdict][] = [
    [
      'Pods are not SNATed to the node',
      'How does Pod-to-Pod communication work?',
      'traffic to other nodes is snatted to the node ip',
      'incorrect',
    ],
    [
      "a node's internal IP is not a ClusterIP",
      'What is ClusterIP?',
      'the internal ip of the node',
      'incorrect',
    ],
    ['hostPort is not NodePort', 'What is NodePort?', 'a hostport on the node', 'incorrect'],
    [
      'the API server does not proxy LB traffic',
      'How does LoadBalancer service work?',
      'the kube-apiserver forwards outside traffic to pods',
      'incorrect',
    ],
    [
      'ARP is not service discovery',
      'What is Service discovery?',
      'pods use arp broadcasts to locate each other',
      'incorrect',
    ],
    [
      'iptables does not run in userspace',
      'Difference between iptables and IPVS mode?',
      'iptables runs in userspace, ipvs in kernel space',
      'incorrect',
    ],
    [
      'Ingress is not Pod-to-Pod, Service is not egress',
      'Difference between Service and Ingress?',
      'services are for egress, ingress is for incoming',
      'incorrect',
    ],
    ['a mesh is not an API gateway', 'What is Service Mesh?', 'an api gateway at the edge', 'incorrect'],
    [
      'shorthand: ext for external',
      'What is ExternalName service?',
      'svc w a cname to an ext hostname',
      'correct',
    ],
    ['shorthand: grp for group', 'What is a Service?', 'stable ip and dns name for a grp of pods', 'correct'],
    [
      'CNI as the spec for network plugins',
      'What is CNI?',
      'the specification network plugins implement',
      'correct',
    ],
    [
      'an Ingress controller makes the rules work',
      'What is Ingress Controller?',
      'it makes ingress rules work',
      'correct',
    ],
    [
      'CoreDNS does not run on the nodes only',
      'What is CoreDNS?',
      'the cluster dns, runs as pods on the nodes',
      'correct',
    ],
  ];
  checkBuiltin(cases);
});

// Round 7 (tuned on blind4, measured untouched at 91.2% before): paraphrases, not its lines.
describe('built-in deck, round 7', () => {
  const cases: [string, string, string, Verdict][] = [
    [
      'Pods reach any Pod on any node',
      'How does Pod-to-Pod communication work?',
      'each pod has its own ip and can reach any pod on any node',
      'correct',
    ],
    [
      'a Service gives a constant address',
      'What is a Service?',
      'pods come and go so a service gives a constant address for them',
      'correct',
    ],
    [
      'ClusterIP is not exposed externally',
      'What is ClusterIP?',
      'the default type that exposes the service externally',
      'incorrect',
    ],
    [
      'CoreDNS does not resolve to node IPs',
      'What is CoreDNS?',
      'resolves pod names to the node ips',
      'incorrect',
    ],
    ['CoreDNS is not a public resolver', 'What is CoreDNS?', 'public internet dns like 1.1.1.1', 'incorrect'],
    [
      'kube-proxy is not a control-plane router',
      'What is kube-proxy?',
      'it runs on the control plane and sends traffic to the nodes',
      'incorrect',
    ],
    [
      'discovery is not port scanning',
      'What is Service discovery?',
      'scanning ports to find the services',
      'incorrect',
    ],
    [
      'an Ingress controller implements Ingress',
      'What is Ingress Controller?',
      'the implementation of ingress, e.g. traefik',
      'correct',
    ],
    [
      'a mesh: a layer for how microservices talk',
      'What is Service Mesh?',
      'a dedicated layer for how microservices talk, adds mtls',
      'correct',
    ],
    [
      'no kubelet in the request path',
      'How does traffic flow from internet to Pod?',
      'internet -> kubelet -> pod',
      'incorrect',
    ],
    [
      'IPVS is not a newer iptables',
      'Difference between iptables and IPVS mode?',
      'ipvs is just a newer version of iptables',
      'incorrect',
    ],
  ];
  checkBuiltin(cases);
});

// Round 8 (tuned on blind9-tune, written blind around the partial middle): paraphrases, not its lines.
describe('built-in deck, round 8', () => {
  const cases: [string, string, string, Verdict][] = [
    [
      'AWS VPC CNI hands out VPC addresses',
      'How does Kubernetes assign IP addresses?',
      'the aws vpc cni gives pods vpc ips from the node enis',
      'correct',
    ],
    ['CNI is not part of kube-proxy', 'What is CNI?', 'a plugin mechanism of kube-proxy', 'incorrect'],
    ['one reference plugin named', 'Name some CNI plugins.', 'macvlan', 'partial'],
    ['sidecar is not a Service type', 'Types of Services?', 'clusterip, nodeport, sidecar', 'incorrect'],
    [
      'ClusterIP is not headless',
      'What is ClusterIP?',
      'a service without ip used by statefulsets',
      'incorrect',
    ],
    [
      'NodePort is not a DNS name',
      'What is NodePort?',
      'gives the service an external dns name',
      'incorrect',
    ],
    ['CoreDNS is not a hosts file', 'What is CoreDNS?', 'a hosts file in every container', 'incorrect'],
    [
      'the Ingress object is not its controller',
      'What is Ingress Controller?',
      'the api object holding routing rules',
      'incorrect',
    ],
    [
      'Pods do not need a Service to talk',
      'How does Pod-to-Pod communication work?',
      'pods must go through a service to reach each other',
      'incorrect',
    ],
    [
      'Network Policy with CNI support is right',
      'What is Network Policy?',
      'allow rules for pod traffic, needs a cni that enforces them',
      'correct',
    ],
  ];
  checkBuiltin(cases);
});

// Rounds 9-10 (tuned on blind8 after its one measurement, and on blind11-tune): paraphrases, not their lines.
describe('built-in deck, rounds 9-10', () => {
  const cases: [string, string, string, Verdict][] = [
    ['three reference plugins', 'Name some CNI plugins.', 'bridge, ipvlan and ptp', 'correct'],
    ['Service types in shorthand', 'Types of Services?', 'cip / np / lb / extname', 'correct'],
    [
      'ClusterIP is not reachable from the internet',
      'What is ClusterIP?',
      'the default, accessible from internet',
      'incorrect',
    ],
    [
      'headless: endpoint IPs from DNS',
      'What is headless service?',
      'no vip, dns hands back the endpoint ips',
      'correct',
    ],
    ['CoreDNS is not part of kube-proxy', 'What is CoreDNS?', "it is kube-proxy's dns feature", 'incorrect'],
    [
      'kube-proxy on each worker balances ClusterIPs',
      'What is kube-proxy?',
      'agent on every worker that load balances clusterip traffic to pods',
      'correct',
    ],
    [
      'Network Policy is not enforced by kube-proxy',
      'What is Network Policy?',
      'rules enforced by kube-proxy on any cluster',
      'incorrect',
    ],
    ['docker0 is not CNI', 'What is CNI?', 'the docker bridge network', 'incorrect'],
    ['a Service is not the cluster DNS server', 'What is a Service?', 'the dns server for pods', 'incorrect'],
    [
      'namespaces are not the Service/Ingress divide',
      'Difference between Service and Ingress?',
      'services within the same namespace, ingress across namespaces',
      'incorrect',
    ],
  ];
  checkBuiltin(cases);
});

// Round 11 (tuned on blind12 after its one measurement: 91.3%): paraphrases, not its lines.
describe('built-in deck, round 11', () => {
  checkBuiltin([
    [
      '"I don\'t know" plus a topic word is not partial',
      'How does Pod-to-Pod communication work?',
      'no idea, bridges maybe',
      'incorrect',
    ],
    [
      'a guess that names a key idea still counts',
      'Name some CNI plugins.',
      'not sure... calico and flannel?',
      'correct',
    ],
    [
      'Pods reach Pods on other nodes without a NodePort',
      'How does Pod-to-Pod communication work?',
      'own ip per pod but cross node needs a nodeport',
      'incorrect',
    ],
    [
      'a Service is not an IP pinned to one Pod',
      'What is a Service?',
      'a fixed ip you assign to a pod so it keeps it across restarts',
      'incorrect',
    ],
    [
      'ClusterIP: no external access',
      'What is ClusterIP?',
      'no external access, only from inside',
      'correct',
    ],
    ['CoreDNS is not Docker DNS', 'What is CoreDNS?', "docker's embedded dns", 'incorrect'],
    [
      'kube-proxy does not assign Pod IPs',
      'What is kube-proxy?',
      'assigns pod ips on every node',
      'incorrect',
    ],
    ['NodePort is not the kubelet port', 'What is NodePort?', 'the port the kubelet uses', 'incorrect'],
    [
      'ExternalName: DNS redirection to an outside name',
      'What is ExternalName service?',
      'dns redirection to an outside hostname',
      'correct',
    ],
    [
      'Istio encrypts, routes, records through Envoy',
      'What is Istio?',
      'envoy sidecars that encrypt, route and record every call',
      'correct',
    ],
  ]);
});
