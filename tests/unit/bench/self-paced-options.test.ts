import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../tools/bench/options';

describe('bench options: self-paced mode', () => {
  it('parses --mode self-paced with its own defaults and flags', () => {
    const o = parseOptions(['--mode', 'self-paced', '--players', '1000,5000', '--per-assignment', '50', '--think-ms', '2000']);
    if (o === 'help') throw new Error('help');
    expect(o).toMatchObject({ mode: 'self-paced', players: [1000, 5000], perAssignment: 50, thinkMs: 2000, questions: 8 });
    const live = parseOptions([]);
    expect(live !== 'help' && live.mode).toBe('live');
    const k = parseOptions(['--mode=self-paced', '--questions', '3']);
    expect(k !== 'help' && k.questions).toBe(3);
  });

  it('refuses an unknown mode and a cluster in self-paced mode', () => {
    expect(() => parseOptions(['--mode', 'solo'])).toThrow(/--mode takes live or self-paced/);
    expect(() => parseOptions(['--mode', 'self-paced', '--processes', '2'])).toThrow(/one server process/);
  });
});
