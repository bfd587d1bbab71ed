import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = path.join(root, 'node_modules/.bin/tsx');
const SEED = 'tests/fixtures/networking-seed.md';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function deck(args: string[], cwd = root): Run {
  const run = spawnSync(tsx, ['tools/cli/deck.ts', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('deck parse', () => {
  it('prints the seed as pretty JSON and exits 0', () => {
    const run = deck(['parse', SEED]);
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout) as { title: string; cards: { prompt: string; answer: string }[] };
    expect(Object.keys(parsed)).toEqual(['title', 'cards']);
    expect(parsed.title).toBe('☸️ SECTION 4: Kubernetes Networking');
    expect(parsed.cards).toHaveLength(23);
    expect(parsed.cards[22]).toEqual({
      prompt: 'How does traffic flow from internet to Pod?',
      answer: 'Internet → LoadBalancer → NodePort → Service → Pod → Container.',
    });
    expect(run.stdout).toContain('\n  "cards": [\n'); // pretty printed
    expect(run.stderr).toContain(`${SEED}:1: warning: repaired mojibake`);
  });

  it('includes id, description and the optional card fields only when present', () => {
    const run = deck(['parse', 'tests/fixtures/decks/structured.md']);
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout) as { cards: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['title', 'id', 'description', 'cards']);
    expect(Object.keys(parsed.cards[0] ?? {})).toEqual([
      'prompt',
      'answer',
      'choices',
      'accept',
      'ideas',
      'need',
      'wrong',
      'mode',
      'topic',
    ]);
    expect(parsed.cards[1]).not.toHaveProperty('choices');
    expect(parsed.cards[1]).not.toHaveProperty('topic');
  });

  it('prints line-numbered errors on stderr and exits 1', () => {
    const file = 'tests/fixtures/decks/errors.md';
    const run = deck(['parse', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(13);
    for (const line of lines) expect(line).toMatch(/^tests\/fixtures\/decks\/errors\.md:\d+: \S/);
    expect(lines).toContain(`${file}:7: card "What has no answer?" has no answer`);
    expect(lines).toContain(`${file}:5: answer (">" block) with no question before it`);
  });

  it('exits 2 for a missing file', () => {
    const run = deck(['parse', 'tests/fixtures/decks/does-not-exist.md']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot read tests/fixtures/decks/does-not-exist.md: no such file');
  });

  it.each([
    [[]],
    [['frobnicate', SEED]],
    [['parse']],
    [['parse', SEED, 'extra']],
    [['parse', '--id', 'x', SEED]],
  ])('exits 2 with usage for bad arguments %j', (args) => {
    const run = deck(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: deck parse <file>');
    expect(run.stdout).toBe('');
  });
});

describe('deck import', () => {
  // The import service belongs to the server code and may not exist in this tree yet, so the CLI is run
  // from a scratch copy where the test decides whether (and how) the module exists.
  let scratch: string;

  const stub = `
    export async function importDeckFromCli(deck, opts) {
      if (opts.id === 'boom') throw new Error('database is down');
      process.stderr.write('received ' + JSON.stringify({ title: deck.title, opts }) + '\\n');
      return { id: opts.id ?? 'from-title', cards: deck.cards.length };
    }
  `;

  function tree(name: string, withModule: boolean): string {
    const dir = path.join(scratch, name);
    mkdirSync(path.join(dir, 'tools/cli'), { recursive: true });
    cpSync(path.join(root, 'src/decks'), path.join(dir, 'src/decks'), { recursive: true });
    // The deck reader applies the text policy of src/contract (which imports nothing).
    cpSync(path.join(root, 'src/contract'), path.join(dir, 'src/contract'), { recursive: true });
    cpSync(path.join(root, 'tools/cli/deck.ts'), path.join(dir, 'tools/cli/deck.ts'));
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    if (withModule) {
      mkdirSync(path.join(dir, 'src/server/services'), { recursive: true });
      writeFileSync(path.join(dir, 'src/server/services/deck-cli-import.ts'), stub);
    }
    return dir;
  }

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'deck-cli-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports through the service and prints the id and card count', () => {
    const dir = tree('with-module', true);
    const run = deck(['import', path.join(root, SEED), '--id', 'kubernetes-networking'], dir);
    expect(run.stderr).toContain(
      'received {"title":"☸️ SECTION 4: Kubernetes Networking","opts":{"id":"kubernetes-networking"}}',
    );
    expect(run.stdout).toBe('imported kubernetes-networking (23 cards)\n');
    expect(run.status).toBe(0);

    const noId = deck(['import', path.join(root, SEED)], dir);
    expect(noId.stderr).toContain('"opts":{}');
    expect(noId.stdout).toBe('imported from-title (23 cards)\n');
  });

  it('exits 1 when the service fails', () => {
    const run = deck(['import', path.join(root, SEED), '--id=boom'], tree('failing', true));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('deck: import failed: database is down');
  });

  it('exits 1 with a clear message when the service module does not exist', () => {
    const run = deck(['import', path.join(root, SEED)], tree('without-module', false));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'deck: import is not available: cannot load ../../src/server/services/deck-cli-import.js',
    );
  });

  it('does not import a deck with errors', () => {
    const run = deck(['import', path.join(root, 'tests/fixtures/decks/errors.md')], tree('errors', true));
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('received');
  });

  it('exits 2 for an invalid --id', () => {
    const run = deck(['import', SEED, '--id', 'Not Valid']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('invalid deck id "Not Valid"');
  });

  it('reads a file saved as Windows-1252 instead of UTF-8', () => {
    const file = path.join(scratch, 'legacy.md');
    // "# Caf\xe9\n### Why \x93quotes\x94?\n> Because.\n" in Windows-1252 bytes.
    writeFileSync(
      file,
      Buffer.from([
        ...Buffer.from('# Caf'),
        0xe9,
        ...Buffer.from('\n### Why '),
        0x93,
        ...Buffer.from('quotes'),
        0x94,
        ...Buffer.from('?\n> Because.\n'),
      ]),
    );
    const run = deck(['parse', file]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('not valid UTF-8, read as Windows-1252');
    expect(JSON.parse(run.stdout)).toEqual({
      title: 'Café',
      cards: [{ prompt: 'Why “quotes”?', answer: 'Because.' }],
    });
  });
});
