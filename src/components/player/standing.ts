/**
 * What a player is told about their place: honest words ("3rd, 120 pts behind 2nd (Ada)"), never "Podium
 * finish!" to the last of three. Pure: the player's rank and score and the rows of the board they can see.
 */

export function placeName(n: number): string {
  const s =
    n % 100 >= 11 && n % 100 <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${s}`;
}

export interface BoardRow {
  rank: number;
  nickname: string;
  score: number;
}

export interface Standing {
  /** The headline: "You won!", "3rd of 3", "You're in the lead!"… */
  title: string;
  /** How far from the next place: "120 pts behind 2nd (Ada)", "40 pts ahead of 2nd (Linus)"; null when unknown. */
  gap: string | null;
}

function pts(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'pt' : 'pts'}`;
}

/** The place just above, as the server tells each player (`You.nextUp`, [R6.4]). */
export interface NextUp {
  rank: number;
  nickname: string;
  behind: number;
}

/**
 * The gap to the place above (or, for the leader, below). `rows` holds at least the board's top; `nextUp`
 * (from the server) covers a player whose place above is off the shown board.
 */
export function gapText(
  rank: number,
  score: number,
  rows: readonly BoardRow[],
  nextUp?: NextUp | null,
): string | null {
  if (rank === 1) {
    const second = rows.find((r) => r.rank === 2);
    if (!second) return null;
    const lead = score - second.score;
    return lead > 0
      ? `${pts(lead)} ahead of 2nd (${second.nickname})`
      : `level on points with ${second.nickname}: won on the tie-break`;
  }
  const shown = rows.find((r) => r.rank === rank - 1);
  const above = shown ?? (nextUp && nextUp.rank === rank - 1 ? { ...nextUp, score: score + nextUp.behind } : undefined);
  if (!above) return null;
  const behind = above.score - score;
  return behind > 0
    ? `${pts(behind)} behind ${placeName(above.rank)} (${above.nickname})`
    : `level on points with ${placeName(above.rank)} (${above.nickname}), behind on the tie-break`;
}

/** Game over, as the player sees it. */
export function finalStanding(
  you: { rank: number | null; score: number; playerCount: number },
  rows: readonly BoardRow[],
  nextUp?: NextUp | null,
): Standing {
  if (you.rank === null) return { title: 'Thanks for playing!', gap: null };
  const gap = gapText(you.rank, you.score, rows, nextUp);
  if (you.playerCount <= 1) return { title: 'Game over', gap: null };
  if (you.rank === 1) return { title: 'You won!', gap };
  return { title: `${placeName(you.rank)} of ${you.playerCount}`, gap };
}

/** Between questions. */
export function currentStanding(
  you: { rank: number | null; score: number; playerCount: number },
  rows: readonly BoardRow[],
  nextUp?: NextUp | null,
): Standing {
  if (you.rank === null) return { title: 'Leaderboard', gap: null };
  const gap = gapText(you.rank, you.score, rows, nextUp);
  if (you.playerCount <= 1) return { title: 'Leaderboard', gap: null };
  if (you.rank === 1) return { title: 'You’re in the lead!', gap };
  return { title: `You’re ${placeName(you.rank)} of ${you.playerCount}`, gap };
}
