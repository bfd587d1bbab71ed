// A fingerprint of everything a production build depends on (paths, sizes and mtimes), so `npm start` can tell
// whether the build is stale without rebuilding every time.
import { readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

const ROOTS = ['src', 'prisma', 'public', 'package.json', 'package-lock.json', 'next.config.js', 'tsconfig.json'];
// The tools (tools/: bench, command-line, these scripts) are not part of the build: editing them does not make
// `npm start` rebuild.
const SKIP = new Set(['generated', 'node_modules', '.next']);

function walk(p, out) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), out);
  } else {
    out.push(`${p}:${st.size}:${Math.floor(st.mtimeMs)}`);
  }
}

export function sourceStamp() {
  const out = [];
  for (const r of ROOTS) walk(r, out);
  return createHash('sha256').update(out.join('\n')).digest('hex');
}
