/**
 * Bounded edit distance for typo tolerance. Pure: no module state (the rows are allocated per
 * comparison; the callers' cheap length and first-letter checks make comparisons rare).
 */

/**
 * How many edits a word of this length tolerates: none up to 4 letters, one up to 8, then two.
 * @param length - length of the expected (deck) word
 */
export function allowedEdits(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

function containsDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), capped: returns
 * `max + 1` as soon as the distance must exceed `max`.
 * @param a - first string
 * @param b - second string
 * @param max - the cap
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  let prevPrev = new Int32Array(m + 1);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bc = b.charCodeAt(j - 1);
      const cost = ac === bc ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ac === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bc) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/**
 * Whether a typed word matches an expected word, tolerating typos scaled to the expected word's
 * length (at most one letter more or fewer). Words with digits must match exactly; fuzzy matches must share the first letter (typing
 * slips rarely hit it, and it keeps "ingress" apart from "egress").
 * @param typed - the stem from the answer
 * @param expected - the stem from the deck
 */
export function fuzzyEquals(typed: string, expected: string): boolean {
  if (typed === expected) return true;
  const max = allowedEdits(expected.length);
  if (max === 0) return false;
  // at most one letter more or less: "external" must not match "externalip"
  if (Math.abs(typed.length - expected.length) > 1) return false;
  if (typed.length < 3 || typed.charCodeAt(0) !== expected.charCodeAt(0)) return false;
  if (containsDigit(expected) || containsDigit(typed)) return false;
  return boundedDistance(typed, expected, max) <= max;
}
