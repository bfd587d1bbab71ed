import { plainWords, stem } from './text';

const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/**
 * A normalised key for grouping identical answers on the big screen: case, accents, spacing,
 * punctuation, hyphens, articles and plural endings are ignored, so "kube-proxy", "Kube Proxy" and
 * "kubeproxy " share a key, as do "Load Balancer", "LoadBalancer" and "load balancers".
 * @param text - a typed answer
 * @returns the group key ('' for an empty or punctuation-only answer)
 */
export function answerGroupKey(text: string): string {
  const words = plainWords(text);
  let key = '';
  for (const w of words) if (!ARTICLES.has(w)) key += w;
  if (key === '') for (const w of words) key += w;
  return stem(key);
}
