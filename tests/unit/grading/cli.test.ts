import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

const TSX = join(ROOT, 'node_modules/.bin/tsx');

function runGrade(
  args: string[],
  input: string,
): { status: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const r = spawnSync(TSX, ['src/cli/grade.ts', ...args], {
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
    expect(lines[0]).toMatchObject({ question: 'What is CNI?', verdict: 'correct', score: 1 });
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
  it('reports tune / holdout / all metrics and passes its gate', () => {
    const r = spawnSync(TSX, ['src/cli/eval-grading.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    for (const s of ['tune', 'holdout', 'all', 'false-accept', 'false-reject', 'agreement', 'Gate passed']) {
      expect(r.stdout).toContain(s);
    }
  });
});
