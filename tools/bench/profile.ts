import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderTable } from './stats';

/**
 * A tiny summariser for V8 `.cpuprofile` files (written by `node --cpu-prof`): self time per function and per
 * area (our source files, each npm package, Node internals, GC, idle), and inclusive time of our own
 * functions, so "where does the time go" has a short answer. Frames of the esbuild bundle (dist/server.js) are
 * mapped back to src/ through its source map.
 *
 *   npx tsx tools/bench/profile.ts path/to/file.cpuprofile [--top 25]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  location: string;
  area: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  sampledMs: number;
  idleMs: number;
  gcMs: number;
  /** Busy time: everything but idle. */
  busyMs: number;
  areas: { area: string; ms: number; pct: number }[];
  /** Areas grouped by what they do (see groupOf). */
  groups: { group: string; ms: number; pct: number }[];
  self: FunctionTime[];
  /** Inclusive time of functions in src/ (time with the function anywhere on the stack). */
  inclusive: FunctionTime[];
}

const ROOT = process.cwd();

/** Native functions that are socket I/O (system calls), not computation. */
const NATIVE_IO = new Set([
  'writev',
  'writeUtf8String',
  'writeBuffer',
  'writeLatin1String',
  'shutdown',
  'close',
  'readStart',
]);

/** Coarse "what is this time for": the database, the network stack, the game, the server's own code. */
export function groupOf(area: string, functionName: string): string {
  if (area === '(garbage collector)') return 'garbage collection';
  if (area === '(program)' || area === '(root)') return 'V8 / program';
  if (area === '(V8 builtins / native)')
    return NATIVE_IO.has(functionName) ? 'network: socket system calls' : 'V8 builtins (JSON, strings, ...)';
  if (
    (area.startsWith('wasm (') && /prisma|pglite|pg\b/.test(area)) ||
    area.startsWith('@prisma/') ||
    area === '@electric-sql/pglite' ||
    area === 'pglite-prisma-adapter' ||
    area === 'pg' ||
    area.startsWith('src/server/repositories/') ||
    area.startsWith('src/server/db/') ||
    area.startsWith('src/generated/') ||
    area === 'src/server/room/store.ts'
  ) {
    return 'database: Prisma + PGlite (in process)';
  }
  if (
    [
      'socket.io',
      'socket.io-parser',
      'socket.io-adapter',
      'engine.io',
      'engine.io-parser',
      'ws',
      '@socket.io/component-emitter',
      '@socket.io/redis-adapter',
      'debug',
    ].includes(area)
  ) {
    return 'network: socket.io / engine.io / ws';
  }
  if (area === 'node internals') return 'node internals (streams, net, timers)';
  if (area === 'zod') return 'validation (zod)';
  if (area.startsWith('src/game/')) return 'game rules, views, grading (src/game)';
  if (area.startsWith('src/server/')) return 'server code (src/server)';
  if (area.startsWith('tools/bench/')) return 'bench probe';
  return 'other';
}
const SPECIAL = new Set(['(idle)', '(garbage collector)', '(program)', '(root)']);

function packageOf(url: string): string | null {
  // The bench bundles its bare server under node_modules/.cache: that is our code, not a package.
  if (url.includes('/node_modules/.cache/')) return null;
  const i = url.lastIndexOf('/node_modules/');
  if (i < 0) return null;
  const rest = url.slice(i + '/node_modules/'.length).split('/');
  return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? null);
}

function mapperFor(): (frame: CallFrame) => { file: string; line: number } | null {
  const maps = new Map<string, SourceMap | null>();
  return (frame) => {
    if (!frame.url.startsWith('file://')) return null;
    const file = fileURLToPath(frame.url);
    let map = maps.get(frame.url);
    if (map === undefined) {
      map = null;
      try {
        const mapFile = `${file}.map`;
        if (file.endsWith('.js') && existsSync(mapFile)) {
          map = new SourceMap(
            JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0],
          );
        }
      } catch {
        map = null;
      }
      maps.set(frame.url, map);
    }
    if (!map) return null;
    const e = map.findEntry(frame.lineNumber, frame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (!e.originalSource) return null;
    const src = e.originalSource.startsWith('file://')
      ? fileURLToPath(e.originalSource)
      : path.resolve(path.dirname(file), e.originalSource);
    return { file: src, line: (e.originalLine ?? 0) + 1 };
  };
}

/** Where a frame lives, for humans: `src/server/room/room.ts:142`, `socket.io`, `node:internal/...`. */
function describe(frame: CallFrame, map: ReturnType<typeof mapperFor>): { location: string; area: string } {
  const { url } = frame;
  if (SPECIAL.has(frame.functionName) && url === '') return { location: '', area: frame.functionName };
  if (url === '') return { location: '(native)', area: '(V8 builtins / native)' };
  // Attributed to the package that calls it afterwards (see summarizeProfile): PGlite or Prisma's query compiler.
  if (url.startsWith('wasm://')) return { location: url, area: 'wasm' };
  if (url.startsWith('node:')) return { location: `${url}:${frame.lineNumber + 1}`, area: 'node internals' };
  const raw = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = packageOf(raw);
  if (pkg) {
    const inside = raw.slice(raw.lastIndexOf('/node_modules/') + '/node_modules/'.length + pkg.length + 1);
    return { location: `${pkg}/${inside}:${frame.lineNumber + 1}`, area: pkg };
  }
  // Our own code: the esbuild bundles (dist/server.js, the bench's bare server) map back to src/.
  const mapped = map(frame);
  const rel = path.relative(ROOT, mapped?.file ?? raw);
  const line = mapped?.line ?? frame.lineNumber + 1;
  return { location: `${rel}:${line}`, area: rel.startsWith('src/') || rel.startsWith('tools/') ? rel : `(other) ${rel}` };
}

export interface Range {
  fromUs: number;
  toUs: number;
}

/** Summarises `file`; with `ranges` (µs on the profile's clock, process.hrtime) only the samples inside them. */
export function summarizeProfile(file: string, top = 25, ranges?: Range | Range[]): ProfileSummary {
  const within = ranges === undefined ? null : Array.isArray(ranges) ? ranges : [ranges];
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const map = mapperFor();
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of prof.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const info = new Map<number, { key: string; name: string; location: string; area: string }>();
  for (const n of prof.nodes) {
    const d = describe(n.callFrame, map);
    const name = n.callFrame.functionName || '(anonymous)';
    info.set(n.id, { key: `${name}@${d.location}`, name, ...d });
  }
  // WebAssembly has no package in its URL: name it after the nearest JavaScript caller's package.
  const original = new Map([...info].map(([id, inf]) => [id, inf.area]));
  const notACaller = new Set(['wasm', '(V8 builtins / native)', 'node internals', '(program)', '(root)']);
  for (const n of prof.nodes) {
    const inf = info.get(n.id);
    if (!inf || inf.area !== 'wasm') continue;
    let caller = 'unknown';
    for (let cur = parent.get(n.id); cur !== undefined; cur = parent.get(cur)) {
      const a = original.get(cur);
      if (a && !notACaller.has(a)) {
        caller = a;
        break;
      }
    }
    inf.area = `wasm (${caller})`;
  }

  const self = new Map<string, { name: string; location: string; area: string; us: number }>();
  const inclusive = new Map<string, { name: string; location: string; area: string; us: number }>();
  const areas = new Map<string, number>();
  const groups = new Map<string, number>();
  let total = 0;
  let at = prof.startTime;
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i] as number;
    at += prof.timeDeltas[i] ?? 0;
    if (within && !within.some((r) => at >= r.fromUs && at <= r.toUs)) continue;
    // timeDeltas[i] is the gap before sample i; the time until the next sample is what this sample stands for.
    const us = prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0;
    if (us <= 0) continue;
    total += us;
    const inf = info.get(id);
    if (!inf) continue;
    const s = self.get(inf.key) ?? { name: inf.name, location: inf.location, area: inf.area, us: 0 };
    s.us += us;
    self.set(inf.key, s);
    areas.set(inf.area, (areas.get(inf.area) ?? 0) + us);
    if (inf.area !== '(idle)') {
      const g = groupOf(inf.area, inf.name);
      groups.set(g, (groups.get(g) ?? 0) + us);
    }
    // Inclusive time for our own functions: once per distinct function on the stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = info.get(cur);
      // tools/bench/* is the measuring probe (a thin wrapper around socket.io's emit): not the server's code.
      if (!f || !f.area.startsWith('src/') || f.area.startsWith('tools/bench/') || seen.has(f.key)) continue;
      seen.add(f.key);
      const e = inclusive.get(f.key) ?? { name: f.name, location: f.location, area: f.area, us: 0 };
      e.us += us;
      inclusive.set(f.key, e);
    }
  }
  const idle = areas.get('(idle)') ?? 0;
  const gc = areas.get('(garbage collector)') ?? 0;
  const busy = total - idle;
  const toRow = (e: { name: string; location: string; area: string; us: number }): FunctionTime => ({
    name: e.name,
    location: e.location,
    area: e.area,
    ms: e.us / 1000,
    pct: busy > 0 ? (100 * e.us) / busy : 0,
  });
  return {
    file,
    wallMs: within
      ? within.reduce(
          (n, r) => n + Math.max(0, Math.min(r.toUs, prof.endTime) - Math.max(r.fromUs, prof.startTime)),
          0,
        ) / 1000
      : (prof.endTime - prof.startTime) / 1000,
    sampledMs: total / 1000,
    idleMs: idle / 1000,
    gcMs: gc / 1000,
    busyMs: busy / 1000,
    areas: [...areas.entries()]
      .filter(([a]) => a !== '(idle)')
      .map(([area, us]) => ({ area, ms: us / 1000, pct: busy > 0 ? (100 * us) / busy : 0 }))
      .sort((a, b) => b.ms - a.ms),
    groups: [...groups.entries()]
      .map(([group, us]) => ({ group, ms: us / 1000, pct: busy > 0 ? (100 * us) / busy : 0 }))
      .sort((a, b) => b.ms - a.ms),
    self: [...self.values()]
      .filter((e) => e.area !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(toRow),
    inclusive: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(toRow),
  };
}

export function formatProfile(s: ProfileSummary, top = 25, title = `CPU profile ${s.file}`): string {
  const pct = (v: number) => `${v.toFixed(1)}%`;
  const ms = (v: number) => v.toFixed(0);
  const out: string[] = [];
  out.push(title);
  out.push(
    `wall ${ms(s.wallMs)} ms, busy ${ms(s.busyMs)} ms (${pct((100 * s.busyMs) / Math.max(1, s.sampledMs))} of samples), ` +
      `GC ${ms(s.gcMs)} ms (${pct((100 * s.gcMs) / Math.max(1, s.busyMs))} of busy). Percentages below are of busy time.`,
  );
  out.push('', 'Where the busy time goes:');
  out.push(
    renderTable(
      ['group', 'ms', '% busy'],
      s.groups.map((g) => [g.group, ms(g.ms), pct(g.pct)]),
    ),
  );
  out.push('', 'Self time by area:');
  out.push(
    renderTable(
      ['area', 'ms', '% busy'],
      s.areas.slice(0, 20).map((a) => [a.area, ms(a.ms), pct(a.pct)]),
    ),
  );
  out.push('', `Top ${top} functions by self time:`);
  out.push(
    renderTable(
      ['function', 'where', 'ms', '% busy'],
      s.self.slice(0, top).map((f) => [f.name, f.location, ms(f.ms), pct(f.pct)]),
    ),
  );
  out.push('', `Top ${top} src/ functions by inclusive time (the function and what it calls):`);
  out.push(
    renderTable(
      ['function', 'where', 'ms', '% busy'],
      s.inclusive.slice(0, top).map((f) => [f.name, f.location, ms(f.ms), pct(f.pct)]),
    ),
  );
  return out.join('\n');
}

// CLI: tsx tools/bench/profile.ts file.cpuprofile [--top N]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const topIdx = args.indexOf('--top');
  const top = topIdx >= 0 ? Number(args[topIdx + 1]) || 25 : 25;
  if (!file) {
    console.error('usage: tsx tools/bench/profile.ts <file.cpuprofile> [--top N]');
    process.exit(2);
  }
  console.log(formatProfile(summarizeProfile(file, top), top));
}
