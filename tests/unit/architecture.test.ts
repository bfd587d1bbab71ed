import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders and what each may import (docs/ARCHITECTURE.md): every import of our own code must point to a
 * lower layer, or stay inside its own folder. So no folder imports another in a circle, and no arrow runs back
 * up. `src/game` must also stay pure: no clock, timers, randomness or I/O.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Top to bottom. A unit imports only units of lower layers (or itself). Units on one line never import each other. */
const LAYERS: string[][] = [
  ['tools/bench'],
  ['tools/cli', 'tools/scripts'],
  ['src/app'],
  ['src/components'],
  ['src/server.ts'],
  ['src/server/bootstrap.ts'],
  ['src/server/cluster', 'src/server/realtime'],
  ['src/server/services'],
  ['src/server/room', 'src/server/markdown'],
  ['src/server/repositories'],
  ['src/server/db'],
  // The server's small shared files: clock, events, ids, env, errors, log, http, bearer.
  ['src/server/*'],
  ['src/client', 'src/lexicon'],
  ['src/game'],
  ['src/boards', 'src/decks', 'src/study', 'src/generated'],
  ['src/protocol'],
  ['src/contract'],
];

/** The unit a file belongs to: a folder, or one of the top-level files named above. */
function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'tools') return `tools/${parts[1]}`;
  if (parts[1] === 'server' && parts.length === 3) {
    return file === 'src/server/bootstrap.ts' ? file : 'src/server/*';
  }
  if (parts[1] === 'server') return `src/server/${parts[2]}`;
  if (parts.length === 2) return file;
  return `src/${parts[1]}`;
}

const layerOf = new Map(LAYERS.flatMap((units, i) => units.map((u) => [u, i] as const)));

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (name === 'generated' || name === 'node_modules') continue;
    if (statSync(path.join(ROOT, rel)).isDirectory()) sources(rel, out);
    else if (/\.(ts|tsx|mjs)$/.test(name)) out.push(rel);
  }
  return out;
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

/** Our own imports of a file, as [target file or folder path] relative to the repository. */
function ourImports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? '';
    if (spec.startsWith('@/')) out.push(`src/${spec.slice(2)}`);
    else if (spec.startsWith('.'))
      out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
  }
  return out;
}

const files = [...sources('src'), ...sources('tools')];

describe('architecture', () => {
  it('every file belongs to a layer', () => {
    const orphans = files.map(unitOf).filter((u) => !layerOf.has(u));
    expect([...new Set(orphans)]).toEqual([]);
  });

  it('imports point down the layers (no folder circle, no arrow back up)', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const file of files) {
      const from = unitOf(file);
      for (const target of ourImports(file)) {
        const to = unitOf(target);
        if (to === from) continue;
        checked += 1;
        const a = layerOf.get(from);
        const b = layerOf.get(to);
        if (a === undefined || b === undefined || b <= a)
          wrong.push(`${file} -> ${target} (${from} -> ${to})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('src/contract imports nothing at all; src/game reads no clock, sets no timer, draws no random number, does no I/O', () => {
    for (const file of files.filter((f) => f.startsWith('src/contract/'))) {
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(/from ['"](?!\.)/);
    }
    const impure =
      /Date\.now|new Date\(|setTimeout|setInterval|setImmediate|Math\.random|performance\.now|from ['"]node:|process\./;
    for (const file of files.filter((f) => f.startsWith('src/game/'))) {
      expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(impure);
    }
  });

  it('only repositories and the database layer import Prisma', () => {
    const prisma = files.filter((f) =>
      /from ['"][^'"]*(generated\/prisma|@prisma\/)/.test(readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(prisma.filter((f) => !/^src\/server\/(repositories|db)\//.test(f))).toEqual([]);
    expect(prisma.length).toBeGreaterThan(3);
  });
});
