import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSealed } from '../../../tools/cli/eval-grading';
import { ROOT } from './helpers';

const TSX = join(ROOT, 'node_modules/.bin/tsx');

function runGrade(
  args: string[],
  input: string,
): { status: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const r = spawnSync(TSX, ['tools/cli/grade.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, lines, stderr: r.stderr };
}

describe('grade CLI', () => {
  it('grades JSON lines against the built-in deck and never crashes on bad lines', () => {
    const input = [
      JSON.stringify({ question: 'What is CNI?', answer: 'conatiner network interface' }),
      JSON.stringify({ question: '  what is cni?  ', answer: 'Cluster Network Interface' }),
      'this is not json',
      '',
      JSON.stringify({ question: 'What is etcd?', answer: 'a database' }),
      JSON.stringify({ question: 'Name some CNI plugins.' }),
      JSON.stringify([1, 2]),
      JSON.stringify({ question: 'Name some CNI plugins.', answer: 'calico' }),
    ].join('\n');
    const { status, lines } = runGrade(['--deck', 'kubernetes-networking'], input);
    expect(status).toBe(0);
    expect(lines).toHaveLength(7);
    // the acronym spelled out (with a typo) is one of the card's two key ideas: partial (was correct)
    expect(lines[0]).toMatchObject({ question: 'What is CNI?', verdict: 'partial', score: 0.5 });
    expect(lines[0]!.matched).toContain('Container Network Interface');
    expect(Array.isArray(lines[0]!.missing)).toBe(true);
    expect(lines[1]).toMatchObject({ verdict: 'incorrect', score: 0 });
    expect(lines[2]).toEqual({ error: 'invalid JSON' });
    expect(String(lines[3]!.error)).toMatch(/unknown question/);
    expect(String(lines[4]!.error)).toMatch(/answer/);
    expect(lines[5]!.error).toBeDefined();
    expect(lines[6]).toMatchObject({ verdict: 'partial' });
    expect(Object.keys(lines[6]!)).toEqual(['question', 'answer', 'verdict', 'score', 'matched', 'missing']);
  });

  it('loads a deck from a path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quizroom-grade-'));
    const path = join(dir, 'mini.md');
    writeFileSync(
      path,
      '# Mini\n\n### What is etcd?\n> etcd is the key-value store that keeps all cluster state.\n',
    );
    const { status, lines } = runGrade(
      ['--deck', path],
      `${JSON.stringify({ question: 'What is etcd?', answer: 'the key value store holding the cluster state' })}\n`,
    );
    expect(status).toBe(0);
    expect(lines[0]).toMatchObject({ verdict: 'correct' });
  });

  it('exits with usage when --deck is missing, and with an error for a missing deck file', () => {
    expect(runGrade([], '').status).toBe(2);
    const missing = runGrade(['--deck', '/nonexistent/deck.md'], '');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read deck/);
  });
});

describe('eval-grading CLI', () => {
  // The sealed blind holdout (blind10-holdout.jsonl) must stay unseen by whoever runs these
  // tests while tuning: the CLI is run with --skip-sealed, which does not even look for the file.
  it('reports every open set (the spent blind1-4 and blind8 holdouts as tuning data) and passes its gate', () => {
    const r = spawnSync(TSX, ['tools/cli/eval-grading.ts', '--skip-sealed'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const gateLines = r.stdout
      .split('\n')
      .filter((l) => /gate|target/i.test(l))
      .join('\n');
    expect(r.status, gateLines + r.stderr).toBe(0);
    for (const s of [
      '== original',
      '== blind-tune',
      '== blind1-holdout (measured, now tuning data)',
      '== blind2 (measured 94.4%, now tuning data)',
      '== blind3 (measured 94.0%, now tuning data)',
      '== blind4 (measured 91.2%, now tuning data)',
      '== blind8 (measured 93.3%, now tuning data)',
      'tune',
      'holdout',
      'all',
    ]) {
      expect(r.stdout).toContain(s);
    }
    for (const s of ['false-accept', 'false-reject', 'agreement', 'Gate passed'])
      expect(r.stdout).toContain(s);
    // the spent blind1-4 and blind8 holdouts are listed like any tuning set; the sealed blind10 holdout is
    // not read
    expect(r.stdout).toMatch(/blind1-holdout \(measured, now tuning data\): holdout disagreements/);
    expect(r.stdout).toMatch(/blind2 \(measured 94\.4%, now tuning data\): holdout disagreements/);
    expect(r.stdout).toMatch(/blind3 \(measured 94\.0%, now tuning data\): holdout disagreements/);
    expect(r.stdout).toMatch(/blind4 \(measured 91\.2%, now tuning data\): holdout disagreements/);
    expect(r.stdout).toMatch(/blind8 \(measured 93\.3%, now tuning data\): holdout disagreements/);
    expect(r.stdout).not.toContain('blind10');
    expect(r.stdout).toMatch(/blind12 \(measured 91\.3%, now tuning data\): holdout disagreements/);
    expect(r.stdout).not.toContain('blind13');
    expect(r.stdout).not.toContain('blind14');
  });

  it('seals every holdout-named set except the spent blind-holdout and blind2/3/4/8-holdout', () => {
    expect(isSealed('tests/grading/blind3-holdout.jsonl')).toBe(false);
    expect(isSealed('tests/grading/blind8-holdout.jsonl')).toBe(false);
    expect(isSealed('tests/grading/blind10-holdout.jsonl')).toBe(true);
    expect(isSealed('tests/grading/blind12-holdout.jsonl')).toBe(false);
    expect(isSealed('tests/grading/blind13-holdout.jsonl')).toBe(true);
    expect(isSealed('tests/grading/blind5-holdout.jsonl')).toBe(true);
    expect(isSealed('tests/grading/blind4-holdout.jsonl')).toBe(false);
    expect(isSealed('tests/grading/blind2-holdout.jsonl')).toBe(false);
    expect(isSealed('/tmp/x/sample-holdout.jsonl')).toBe(true);
    expect(isSealed('/tmp/x/Other-HOLDOUT.jsonl')).toBe(true);
    expect(isSealed('tests/grading/blind-holdout.jsonl')).toBe(false);
    expect(isSealed('tests/grading/blind-tune.jsonl')).toBe(false);
    expect(isSealed('tests/grading/eval-set.jsonl')).toBe(false);
  });

  it('never lists a holdout-named set line by line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quizroom-eval-'));
    const path = join(dir, 'sample-holdout.jsonl');
    const rows = [
      { question: 'What is CNI?', answer: 'zzsecret-one', label: 'correct', split: 'holdout' },
      { question: 'What is CNI?', answer: 'cluster network interface', label: 'incorrect', split: 'holdout' },
    ];
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
    const r = spawnSync(TSX, ['tools/cli/eval-grading.ts', '--set', path, '--list', 'all', '--no-fail'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sealed: summary only');
    expect(r.stdout).toContain('agreement=50.0%');
    expect(r.stdout).not.toContain('zzsecret');
    expect(r.stdout).not.toContain('disagreements');
  });
});
