// The JavaScript a page loads, gzipped, from the production build (`npm run build` first):
//   node src/scripts/js-budget.mjs [route=/play/[code]] [budgetKB=200]
// Counts the framework's root chunks plus the chunks the route's layout and page load (deduplicated), each
// gzipped on its own as a server would send it; exits 1 when the total is over the budget.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const route = process.argv[2] ?? '/play/[code]';
const budgetKB = Number(process.argv[3] ?? 200);
const next = join(process.cwd(), '.next');
const build = JSON.parse(readFileSync(join(next, 'build-manifest.json'), 'utf8'));
const manifestFile = join(next, 'server', 'app', ...route.split('/').filter(Boolean), 'page_client-reference-manifest.js');
globalThis.self = globalThis;
createRequire(import.meta.url)(manifestFile);
const manifest = globalThis.__RSC_MANIFEST[`${route}/page`];
if (!manifest) throw new Error(`no client manifest for ${route}`);
const entries = manifest.entryJSFiles;
const files = new Set(build.rootMainFiles);
for (const key of Object.keys(entries)) {
  // The root layout and its not-found boundary load on every page of the app router.
  if (key.endsWith('/layout') || key.endsWith('/not-found') || key.endsWith(`${route}/page`)) {
    for (const f of entries[key]) files.add(f);
  }
}
let total = 0;
const rows = [];
for (const f of files) {
  const buf = readFileSync(join(next, f));
  const gz = gzipSync(buf).length;
  total += gz;
  rows.push([f, buf.length, gz]);
}
for (const [f, raw, gz] of rows.sort((a, b) => b[2] - a[2])) {
  console.log(`${(gz / 1024).toFixed(1).padStart(7)} KB gz  ${(raw / 1024).toFixed(1).padStart(7)} KB  ${f}`);
}
const kb = total / 1024;
console.log(`${route}: ${kb.toFixed(1)} KB gzipped in ${files.size} chunks (budget ${budgetKB} KB)`);
process.exit(kb <= budgetKB ? 0 : 1);
