import { describe, expect, it } from 'vitest';
import { answerText, readNumber, splitIds } from '../../../src/components/ui/kinds';

describe('the phone and the screens read the kinds the way the server stores them', () => {
  it('[R12.5] a typed estimate: decimal commas, thousands separators and spaces are understood; junk is refused', () => {
    expect(readNumber('110')).toBe(110);
    expect(readNumber(' 1,5 ')).toBe(1.5);
    expect(readNumber('1,200')).toBe(1200);
    expect(readNumber('1 200 000')).toBe(1_200_000);
    expect(readNumber('-3.25')).toBe(-3.25);
    expect(readNumber('6.02e23')).toBe(6.02e23);
    for (const bad of ['', '1,5x', 'abc', '1.2.3', '--1', '1e999']) expect(readNumber(bad)).toBeNull();
  });

  it('[R12.2] several ids stored as one read back as picks or a sequence', () => {
    const q = { kind: 'order' as const, choices: [{ id: 'a', text: 'LB' }, { id: 'b', text: 'Pod' }], unit: undefined };
    expect(splitIds('b,a')).toEqual(['b', 'a']);
    expect(splitIds(null)).toEqual([]);
    expect(answerText(q, 'b,a', null)).toBe('Pod → LB');
    expect(answerText({ ...q, kind: 'multi' }, 'a,b', null)).toBe('LB · Pod');
    expect(answerText({ kind: 'number', choices: [], unit: 'Pods' }, null, '1200')).toBe('1,200 Pods');
  });
});
