import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswerPools } from '../../../tools/bench/answers';
import { typeLikeAPerson } from '../../../tools/bench/typing';
import { seededRng } from '../game/helpers';

describe('bench bots type real answers', () => {
  const pools = loadAnswerPools();

  it('has right and wrong typed answers for every question of the built-in deck', () => {
    expect(pools.size).toBe(23);
    for (const [prompt, p] of pools) {
      expect(p.right.length, prompt).toBeGreaterThan(5);
      expect(p.wrong.length, prompt).toBeGreaterThan(5);
    }
  });

  it("never reads a sealed set (any file under a directory named sealed), nor other decks' sets", () => {
    const line = (answer: string, deck?: string) =>
      `${JSON.stringify({ deck, question: 'What is CNI?', answer, label: 'correct' })}\n`;
    const open = mkdtempSync(join(tmpdir(), 'quizroom-pools-'));
    writeFileSync(join(open, 'open-tune.jsonl'), line('open answer') + line('other deck', 'git'));
    expect(loadAnswerPools(open).get('what is cni?')?.right).toEqual(['open answer']);
    const sealed = join(mkdtempSync(join(tmpdir(), 'quizroom-pools-')), 'sealed');
    mkdirSync(sealed);
    writeFileSync(join(sealed, 'secret.jsonl'), line('sealed answer'));
    expect(loadAnswerPools(sealed).size).toBe(0);
  });

  it('types the same answer differently: most of 1,000 copies are unique, all keep their words', () => {
    const rnd = seededRng(7);
    const base = 'kube-proxy programs iptables rules on every node';
    const typed = Array.from({ length: 1000 }, () => typeLikeAPerson(base, rnd));
    expect(new Set(typed).size).toBeGreaterThan(10);
    const slips = typed.filter((t) => t.trim().toLowerCase() !== base.toLowerCase());
    expect(slips.length).toBeGreaterThan(300);
    expect(slips.length).toBeLessThan(700);
    for (const t of typed) expect(t.trim().split(' ')).toHaveLength(base.split(' ').length);
  });
});
