// `npm test`: type check, lint, unit + integration tests (vitest), then end-to-end tests (Playwright against the
// production build). Uses Postgres when DATABASE_URL is set (each suite in a database of its own), else the
// embedded PGlite. Ends with one summary line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

if (process.argv.includes('--help')) {
  console.log(
    'usage: npm test\n  Type check, lint, unit + integration tests (vitest), then end-to-end tests (Playwright on the production build).\n' +
      '  DATABASE_URL: run against Postgres (a database per suite); REDIS_URL_FOR_TESTS: also the two-process test;\n' +
      '  E2E_PORT: the port of the end-to-end server (default: one derived from the process id).',
  );
  process.exit(0);
}

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const steps = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - t) / 100) / 10 });
  return ok;
}

// The first line of an error, without colour codes, so the summary at the end of a CI log names what failed.
function firstLine(text) {
  return (
    String(text ?? '')
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .find((l) => l.trim()) ?? ''
  );
}

function countJson(file, kind) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (kind === 'vitest') {
    results.passed += report.numPassedTests ?? 0;
    results.failed += report.numFailedTests ?? 0;
    results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const path = file.name.replace(process.cwd() + '/', '');
      const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of failed) failures.push(`${path} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
      if (failed.length === 0 && file.status === 'failed') failures.push(`${path}: ${firstLine(file.message)}`);
    }
  } else {
    const s = report.stats ?? {};
    results.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    results.failed += s.unexpected ?? 0;
    results.skipped += s.skipped ?? 0;
    const walk = (suite) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? [])
          if (t.status === 'unexpected') {
            const error = t.results?.at(-1)?.error?.message;
            failures.push(`${spec.file ?? suite.file} > ${spec.title}: ${firstLine(error)}`);
          }
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of report.suites ?? []) walk(suite);
  }
  return true;
}

const node = process.execPath;
const bin = (p) => `node_modules/${p}`;
rmSync('test-results', { recursive: true, force: true });

run('typecheck', node, [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
run('lint', node, [bin('eslint/bin/eslint.js'), '.', '--max-warnings=0']);
const vitestOk = run('unit + integration', node, [
  bin('vitest/vitest.mjs'),
  'run',
  '--config',
  'tests/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest-report.json',
]);
if (!countJson('test-results/vitest-report.json', 'vitest') && !vitestOk) results.failed += 1;

let e2eDb;
const e2eEnv = { E2E_PORT: process.env.E2E_PORT || String(3700 + (process.pid % 200)) };
if (process.env.DATABASE_URL) {
  e2eDb = `quizroom_e2e_${process.pid}`;
  const admin = process.env.DATABASE_URL;
  const r = spawnSync(node, ['tools/scripts/pg-admin.mjs', 'create', e2eDb], {
    stdio: 'inherit',
    env: { ...process.env, ADMIN_URL: admin },
  });
  if (r.status === 0) {
    const u = new URL(admin);
    u.pathname = `/${e2eDb}`;
    e2eEnv.E2E_DATABASE_URL = u.toString();
  }
}
const e2eOk = run(
  'end-to-end',
  node,
  [bin('@playwright/test/cli.js'), 'test', '--config', 'tests/playwright.config.ts'],
  e2eEnv,
);
if (!countJson('test-results/e2e-report.json', 'playwright') && !e2eOk) results.failed += 1;
if (e2eDb)
  spawnSync(node, ['tools/scripts/pg-admin.mjs', 'drop', e2eDb], {
    stdio: 'inherit',
    env: { ...process.env, ADMIN_URL: process.env.DATABASE_URL },
  });

console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s)`);
const allOk = steps.every((s) => s.ok);
if (!allOk && results.failed === 0) results.failed = steps.filter((s) => !s.ok).length;
for (const f of failures) console.log(`failed: ${f.slice(0, 400)}`);
console.log(
  `${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`,
);
process.exit(allOk ? 0 : 1);
