import { describe, expect, it } from 'vitest';
import { currentStanding, finalStanding, gapText, placeName } from '../../../src/components/player/standing';

const rows = [
  { rank: 1, nickname: 'Ada', score: 2400 },
  { rank: 2, nickname: 'Linus', score: 1800 },
  { rank: 3, nickname: 'Grace', score: 1680 },
];

describe('what a player is told about their place', () => {
  it('names places in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(placeName)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th',
    ]);
  });

  it('tells the last of three how far behind 2nd they are, never "Podium finish!"', () => {
    const s = finalStanding({ rank: 3, score: 1680, playerCount: 3 }, rows);
    expect(s).toEqual({ title: '3rd of 3', gap: '120 pts behind 2nd (Linus)' });
    expect(JSON.stringify(s)).not.toMatch(/podium/i);
  });

  it('tells the winner by how much', () => {
    expect(finalStanding({ rank: 1, score: 2400, playerCount: 3 }, rows)).toEqual({
      title: 'You won!',
      gap: '600 pts ahead of 2nd (Linus)',
    });
  });

  it('says "1 pt", and when points are level the tie-break decided', () => {
    const close = [
      { rank: 1, nickname: 'Ada', score: 500 },
      { rank: 2, nickname: 'Linus', score: 499 },
      { rank: 3, nickname: 'Grace', score: 499 },
    ];
    expect(gapText(2, 499, close)).toBe('1 pt behind 1st (Ada)');
    expect(gapText(3, 499, close)).toBe('level on points with 2nd (Linus), behind on the tie-break');
    expect(gapText(1, 500, [close[0]!, { ...close[1]!, score: 500 }])).toBe(
      'level on points with Linus: won on the tie-break',
    );
  });

  it('says nothing about a gap it cannot see (the next place is off the board it was sent)', () => {
    expect(currentStanding({ rank: 14, score: 300, playerCount: 40 }, rows)).toEqual({
      title: 'You’re 14th of 40',
      gap: null,
    });
  });

  it('between questions: the leader, the others, and someone without a rank', () => {
    expect(currentStanding({ rank: 1, score: 2400, playerCount: 3 }, rows).title).toBe('You’re in the lead!');
    expect(currentStanding({ rank: 2, score: 1800, playerCount: 3 }, rows)).toEqual({
      title: 'You’re 2nd of 3',
      gap: '600 pts behind 1st (Ada)',
    });
    expect(currentStanding({ rank: null, score: 0, playerCount: 3 }, rows)).toEqual({ title: 'Leaderboard', gap: null });
  });

  it('[R6.4] with the server\'s nextUp, the gap off the board is told honestly', () => {
    const nextUp = { rank: 13, nickname: 'Grace', behind: 120 };
    expect(currentStanding({ rank: 14, score: 300, playerCount: 40 }, rows, nextUp)).toEqual({
      title: 'You’re 14th of 40',
      gap: '120 pts behind 13th (Grace)',
    });
    expect(finalStanding({ rank: 14, score: 300, playerCount: 40 }, rows, { ...nextUp, behind: 0 }).gap).toBe(
      'level on points with 13th (Grace), behind on the tie-break',
    );
    // A stale nextUp (another place than the one above) is not used.
    expect(gapText(14, 300, rows, { rank: 12, nickname: 'X', behind: 5 })).toBeNull();
  });

  it('a game played alone is not "won"', () => {
    expect(finalStanding({ rank: 1, score: 900, playerCount: 1 }, [rows[0]!])).toEqual({ title: 'Game over', gap: null });
  });
});
