import { describe, expect, it } from 'vitest';
import { monthKey, monthLabel, monthRange, parseScope, scopeParam, seasonRangeProblem } from '../../../src/boards/seasons';

describe('board scopes', () => {
  it('[R11.5] all time by default; months and admin seasons by parameter; anything else is refused', () => {
    expect(parseScope(undefined)).toEqual({ kind: 'all' });
    expect(parseScope('')).toEqual({ kind: 'all' });
    expect(parseScope('all')).toEqual({ kind: 'all' });
    expect(parseScope('month:2026-11')).toEqual({ kind: 'month', key: '2026-11' });
    expect(parseScope('season:abc_DEF-1')).toEqual({ kind: 'season', id: 'abc_DEF-1' });
    for (const bad of ['month:2026-13', 'month:26-11', 'season:', 'season:a b', 'week:1', 'ALL']) expect(parseScope(bad)).toBeNull();
    for (const raw of ['all', 'month:2026-02', 'season:x']) expect(scopeParam(parseScope(raw)!)).toBe(raw);
  });

  it('[R11.5] a calendar month is [first instant, first instant of the next month) in UTC', () => {
    expect(monthRange('2026-12')).toEqual({ from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(monthRange('2028-02').to).toEqual(new Date('2028-03-01T00:00:00Z'));
    expect(monthKey(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-03');
    expect(monthKey(new Date('2026-04-01T00:00:00Z'))).toBe('2026-04');
    expect(monthLabel('2026-11')).toBe('November 2026');
  });

  it('[R11.5] a season ends after it starts and lasts at most five years', () => {
    expect(seasonRangeProblem(new Date('2026-01-01'), new Date('2026-02-01'))).toBeNull();
    expect(seasonRangeProblem(new Date('2026-02-01'), new Date('2026-02-01'))).toMatch(/after/);
    expect(seasonRangeProblem(new Date('2026-01-01'), new Date('2036-01-01'))).toMatch(/five years/);
    expect(seasonRangeProblem(new Date('nope'), new Date('2026-01-01'))).toMatch(/valid/);
  });
});
