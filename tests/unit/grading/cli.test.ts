import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    expect(Object.keys(lines[6]!)).toEqual([
      'question',
      'answer',
      'verdict',
      'score',
      'matched',
      'missing',
      'explanation',
      'unsure',
      'group',
    ]);
    expect(lines[6]!.explanation).toBe('1 of 2 needed');
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
  it('reports the built-in deck with and without its fields, the learning simulation and the speed, and passes its gate', () => {
    const r = spawnSync(TSX, ['tools/cli/eval-grading.ts', '--skip-sealed'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const gateLines = r.stdout
      .split('\n')
      .filter((l) => /gate/i.test(l))
      .join('\n');
    expect(r.status, gateLines + r.stderr).toBe(0);
    for (const s of [
      '== built-in, with its fields',
      '== built-in, reference only (tuning)',
      'kubernetes-networking/eval-set',
      'kubernetes-networking/blind13-holdout',
      '== learning',
      'host settled',
      'speed:',
      'binary=',
      'false-accept=',
      'false-reject=',
      'unsure=',
      'Gate passed',
    ]) {
      expect(r.stdout).toContain(s);
    }
    expect(r.stdout).not.toContain('[sealed]');
  });

  it('seals every set under a directory named sealed, and only those', () => {
    expect(isSealed('tests/grading/sealed/sql-a.jsonl')).toBe(true);
    expect(isSealed('tests/grading/sealed/decks/x/y.jsonl')).toBe(true);
    expect(isSealed('/tmp/x/SEALED/a.jsonl')).toBe(true);
    expect(isSealed('tests/grading/blind10-holdout.jsonl')).toBe(false);
    expect(isSealed('tests/grading/blind13-holdout.jsonl')).toBe(false);
    expect(isSealed('tests/grading/eval-set.jsonl')).toBe(false);
    expect(isSealed('tests/grading/sealed-notes.jsonl')).toBe(false);
  });

  it('never shows a line of a sealed set, even with --list or when a line cannot be graded', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'quizroom-eval-')), 'sealed');
    mkdirSync(dir);
    const path = join(dir, 'sample.jsonl');
    const rows = [
      { question: 'What is CNI?', answer: 'zzsecret-one', label: 'correct' },
      { question: 'What is CNI?', answer: 'cluster network interface', label: 'incorrect' },
    ];
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
    const r = spawnSync(TSX, ['tools/cli/eval-grading.ts', '--set', path, '--list', '--no-fail'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('[sealed]');
    expect(r.stdout).toContain('false-reject=100.0% (1/1)');
    expect(r.stdout).not.toContain('zzsecret');
    expect(r.stdout).not.toContain('disagreements');

    writeFileSync(
      path,
      JSON.stringify({ question: 'zzsecret question?', answer: 'zzsecret', label: 'correct' }),
    );
    const bad = spawnSync(TSX, ['tools/cli/eval-grading.ts', '--set', path, '--no-fail'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).not.toContain('zzsecret');
  });
});
