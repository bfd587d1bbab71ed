import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Every package.json script runs: each is started exactly as npm would start it (its command line in a shell,
 * with node_modules/.bin on the PATH) with `--help`, and must exit 0 having printed its own usage. The usage
 * line is specific to each script, so a script that points at the wrong file, or at nothing, fails. Servers
 * and suites answer `--help` without starting anything, so this takes a few seconds.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** What each script's `--help` must print. */
const USAGE: Record<string, RegExp> = {
  postinstall: /usage: npm run db:generate/,
  dev: /usage: npm run dev/,
  build: /usage: npm run build/,
  start: /usage: npm start/,
  test: /usage: npm test/,
  'test:unit': /vitest\/[\d.]+[\s\S]*Usage:/,
  'test:e2e': /Usage: npx playwright test/,
  typecheck: /tsc: The TypeScript Compiler/,
  lint: /eslint \[options\]/,
  format: /Usage: prettier/,
  deck: /usage: deck parse <file>/,
  grade: /usage: grade --deck/,
  'eval:grading': /usage: npm run eval:grading/,
  bench: /npm run bench -- \[flags\]/,
  soak: /usage: npm run soak -- \[flags\]/,
  'budget:phone': /usage: npm run --silent budget:phone/,
  'db:generate': /usage: npm run db:generate/,
  'db:migrate': /usage: npm run db:migrate/,
  'start:cluster': /npm run start:cluster/,
};

interface Run {
  status: number | null;
  output: string;
}

function run(command: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** Runs the commands four at a time. */
async function runAll(commands: [string, string][]): Promise<Map<string, Run>> {
  const out = new Map<string, Run>();
  const queue = [...commands];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) out.set(next[0], await run(next[1]));
    }),
  );
  return out;
}

describe('package.json scripts', () => {
  let results: Map<string, Run>;
  beforeAll(async () => {
    results = await runAll([
      ...Object.entries(scripts).map(([name, command]): [string, string] => [name, `${command} --help`]),
      ['(a missing file)', 'tsx tools/cli/no-such-tool.ts --help'],
    ]);
  }, 120_000);

  it('each has its --help check here, and there are no checks for scripts that are gone', () => {
    expect(Object.keys(scripts).sort()).toEqual(Object.keys(USAGE).sort());
  });

  it.each(Object.keys(USAGE))('%s --help exits 0 and prints its usage', (name) => {
    const r = results.get(name);
    expect(r, `script ${name} did not run`).toBeDefined();
    expect(r?.output).toMatch(USAGE[name]!);
    expect(r?.status, r?.output).toBe(0);
  });

  it('a script pointing at a file that does not exist fails this check', () => {
    const r = results.get('(a missing file)');
    expect(r?.status).not.toBe(0);
  });
});
