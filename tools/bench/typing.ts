/**
 * The same answer as different people type it: about half get a slip (two letters swapped in one word),
 * some are all lower case or carry stray spaces. Most texts in a room of thousands are then unique, as
 * they are with people, so remembering grades of identical texts does not flatter the figures.
 */
export function typeLikeAPerson(text: string, rnd: () => number = Math.random): string {
  let t = text;
  if (rnd() < 0.5) {
    const words = t.split(' ');
    const long = words.map((w, i) => (w.length >= 5 ? i : -1)).filter((i) => i >= 0);
    const wi = long[Math.floor(rnd() * long.length)];
    if (wi !== undefined) {
      const w = words[wi] as string;
      const at = 1 + Math.floor(rnd() * (w.length - 2));
      words[wi] = w.slice(0, at) + (w[at + 1] ?? '') + (w[at] ?? '') + w.slice(at + 2);
      t = words.join(' ');
    }
  }
  const v = rnd();
  if (v < 0.3) t = t.toLowerCase();
  else if (v < 0.45) t = `  ${t} `;
  return t;
}
