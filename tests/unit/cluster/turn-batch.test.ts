import { describe, expect, it } from 'vitest';
import { batchPerTurn } from '../../../src/server/cluster/turn-batch';

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('batchPerTurn', () => {
  it('hands over everything pushed in one turn of the event loop together, in order', async () => {
    const delivered: number[][] = [];
    const b = batchPerTurn<number>((items) => delivered.push(items));
    for (let i = 0; i < 1000; i++) b.push(i);
    expect(delivered).toEqual([]);
    await nextTurn();
    expect(delivered).toEqual([Array.from({ length: 1000 }, (_, i) => i)]);
    b.push(7);
    await nextTurn();
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toEqual([7]);
  });

  it('flush() hands over at once, and nothing is delivered twice or empty', async () => {
    const delivered: string[][] = [];
    const b = batchPerTurn<string>((items) => delivered.push(items));
    b.push('a');
    b.flush();
    expect(delivered).toEqual([['a']]);
    await nextTurn();
    b.flush();
    expect(delivered).toEqual([['a']]);
  });
});
