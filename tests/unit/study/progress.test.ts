import { describe, expect, it } from 'vitest';
import { dayEnd, dayKey, lastDays, masteryOverTime, reviewMinutes, streak } from '../../../src/study/progress';

const DAY = 86_400_000;

describe('[R16.9] study days and streaks', () => {
  const now = new Date('2026-03-10T08:00:00.000Z');

  it('days are the player\'s own (getTimezoneOffset minutes)', () => {
    expect(dayKey(now, 0)).toBe('2026-03-10');
    // UTC-10 (offset +600): 08:00 UTC is 22:00 the day before.
    expect(dayKey(now, 600)).toBe('2026-03-09');
    expect(new Date(dayEnd('2026-03-09', 600)).toISOString()).toBe('2026-03-10T09:59:59.999Z');
    expect(lastDays(now, 3, 0)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
  });

  it('counts consecutive days up to today, or yesterday when today has no study yet', () => {
    expect(streak(['2026-03-08', '2026-03-09', '2026-03-10'], now, 0)).toEqual({ current: 3, longest: 3, studiedToday: true });
    expect(streak(['2026-03-08', '2026-03-09'], now, 0)).toEqual({ current: 2, longest: 2, studiedToday: false });
    expect(streak(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-08'], now, 0)).toEqual({ current: 0, longest: 4, studiedToday: false });
    expect(streak([], now, 0)).toEqual({ current: 0, longest: 0, studiedToday: false });
  });

  it('the reminder\'s minutes: 25 s a card, rounded up', () => {
    expect(reviewMinutes(0)).toBe(0);
    expect(reviewMinutes(1)).toBe(1);
    expect(reviewMinutes(7)).toBe(3);
  });
});

describe('[R16.6] mastery over time', () => {
  it('a card counts on the days its recall probability is above 90 %', () => {
    const t0 = Date.parse('2026-03-01T12:00:00.000Z');
    const items = [
      { key: 'a', groups: ['deck', 'topic:x'] },
      { key: 'b', groups: ['deck', 'topic:y'] },
      { key: 'c', groups: ['deck'] },
    ];
    // a: stability 3 days from day 0 (above 90 % for 3 days), then 20 days from day 5.
    const history = new Map([
      ['a', [{ at: t0, stability: 3 }, { at: t0 + 5 * DAY, stability: 20 }]],
      ['b', [{ at: t0 + 2 * DAY, stability: 1 }]],
    ]);
    const times = [0, 1, 2, 3, 4, 5, 6].map((d) => t0 + d * DAY + 1);
    const m = masteryOverTime(items, history, times);
    expect(m.get('deck')!.total).toBe(3);
    expect(m.get('topic:x')!.mastered).toEqual([1, 1, 1, 0, 0, 1, 1]);
    // b: reviewed on day 2 with a stability of one day: above 90 % only that day.
    expect(m.get('topic:y')!.mastered).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(m.get('deck')!.mastered).toEqual([1, 1, 2, 0, 0, 1, 1]);
  });
});
