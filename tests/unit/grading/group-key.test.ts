import { describe, expect, it } from 'vitest';
import { answerGroupKey } from '../../../src/game/grading';

describe('answerGroupKey', () => {
  const same: [string, string[]][] = [
    ['kube-proxy', ['Kube Proxy', 'kubeproxy ', 'KUBE-PROXY!', ' kube_proxy', 'kube‑proxy']],
    [
      'LoadBalancer',
      ['Load Balancer', 'load-balancer', 'a load balancer', 'The LoadBalancer.', 'load balancers'],
    ],
    ['NodePort', ['node port', 'Node-Port', 'nodeports']],
    ['service mesh', ['Service Mesh!', 'a service-mesh', 'SERVICE   MESH']],
    ['Calico, Flannel', ['calico flannel', 'Calico / Flannel', 'calico; flannel']],
    ['café', ['cafe', 'CAFÉ']],
  ];
  for (const [base, variants] of same) {
    it(`groups variants of ${JSON.stringify(base)}`, () => {
      for (const v of variants) expect(answerGroupKey(v), v).toBe(answerGroupKey(base));
    });
  }

  it('keeps different answers apart', () => {
    const keys = [
      'kube-proxy',
      'kube-dns',
      'ClusterIP',
      'NodePort',
      'ingress',
      'egress',
      'calico',
      'cilium',
    ].map(answerGroupKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('handles empty and punctuation-only input', () => {
    expect(answerGroupKey('')).toBe('');
    expect(answerGroupKey('   ')).toBe('');
    expect(answerGroupKey('???')).toBe('');
    expect(answerGroupKey('the')).toBe('the');
  });
});
