// The phone's game page JavaScript: every JS chunk the production build loads for /play/[code] (the framework
// and runtime chunks, the root layout's, the not-found boundary's and the page's own), each gzipped (level 9) as a server would send it.
// `npm run --silent budget:phone [-- --json] [-- --budget-kb 200]`: prints the figure; exits 1 over the budget,
// 2 without a production build (`npm run build`). KB = 1024 bytes. tests/e2e/phone-budget.e2e.ts holds the line.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const PHONE_ROUTE = '/play/[code]/page';
export const BUDGET_KB = 200;

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** The JS files /play/[code] loads, relative to `.next/` (not the polyfills: modern browsers skip `nomodule`). */
export function phoneChunks(nextDir: string): string[] {
  const build = JSON.parse(readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
  const manifestFile = path.join(nextDir, 'server/app/play/[code]/page_client-reference-manifest.js');
  // The manifest is a script that assigns `self.__RSC_MANIFEST`; run it against a bare object.
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  new Function('self', 'globalThis', readFileSync(manifestFile, 'utf8'))(sandbox, sandbox);
  const rsc = sandbox.__RSC_MANIFEST?.[PHONE_ROUTE];
  if (!rsc) throw new Error(`no client manifest for ${PHONE_ROUTE} in ${manifestFile}`);
  const files = new Set(build.rootMainFiles ?? []);
  // Every entry of the route: the root layout, the page, and the boundaries Next loads with them (not-found).
  for (const list of Object.values(rsc.entryJSFiles ?? {})) for (const f of list) files.add(f);
  return [...files].filter((f) => f.endsWith('.js'));
}

/** Gzipped size of each chunk and the total, in bytes. */
export function measurePhoneJs(nextDir: string): { files: ChunkSize[]; gzip: number; bytes: number } {
  const files = phoneChunks(nextDir).map((file) => {
    const raw = readFileSync(path.join(nextDir, file));
    return { file, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((n, f) => n + f.gzip, 0), bytes: files.reduce((n, f) => n + f.bytes, 0) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(
      'usage: npm run --silent budget:phone [-- --json] [-- --budget-kb N]\n' +
        'Gzipped size of every JS chunk the production build loads for /play/[code]; exits 1 over the budget ' +
        `(${BUDGET_KB} KB), 2 without a build (npm run build).`,
    );
    process.exit(0);
  }
  const budgetAt = args.indexOf('--budget-kb');
  const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : BUDGET_KB;
  const nextDir = path.resolve('.next');
  if (!existsSync(path.join(nextDir, 'build-manifest.json'))) {
    console.error('phone-js: no production build in .next (run `npm run build` first)');
    process.exit(2);
  }
  const m = measurePhoneJs(nextDir);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...m, budgetKb: budget }, null, 2));
  } else {
    for (const f of m.files) console.log(`${(f.gzip / 1024).toFixed(1).padStart(7)} KB  ${f.file}`);
    console.log(
      `${(m.gzip / 1024).toFixed(1).padStart(7)} KB  gzipped JS for /play/[code] (${(m.bytes / 1024).toFixed(0)} KB raw; budget ${budget} KB)`,
    );
  }
  process.exit(m.gzip > budget * 1024 ? 1 : 0);
}
