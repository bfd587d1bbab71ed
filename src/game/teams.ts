import type { Effect, PersistOp, TeamAssignmentRow } from './commands';
import type { ApplyResult } from './reducer';
import type { GameState, PlayerState } from './types';

/**
 * Teams [R15]: the host turns them on in the lobby, players pick one or are dealt one (balanced), and a team's
 * score is the average of its members' scores, so a team of three is not beaten by a team of five for being
 * smaller. Kept apart from reducer.ts so the rules of teams read in one place.
 */

export const MIN_TEAMS = 2;
export const MAX_TEAMS = 6;
/** Team names by index: colours, so the big screen, the phones and the podium can share them. */
export const TEAM_NAMES = ['Red', 'Blue', 'Green', 'Gold', 'Purple', 'Teal'] as const;

export function teamName(team: number): string {
  return TEAM_NAMES[team] ?? `Team ${team + 1}`;
}

/** How many teams the room plays with; 0 when it does not play in teams. */
export function teamCount(state: Pick<GameState, 'settings'>): number {
  return state.settings.teams ?? 0;
}

/** Active players per team (index = team). */
export function teamSizes(state: GameState): number[] {
  const sizes = new Array<number>(teamCount(state)).fill(0);
  for (const p of state.players.values()) {
    if (!p.removed && p.team !== null && p.team < sizes.length) sizes[p.team] = (sizes[p.team] ?? 0) + 1;
  }
  return sizes;
}

/** The team a newcomer is dealt: the smallest, the first of equals [R15.2]. */
export function smallestTeam(sizes: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < sizes.length; i++) if ((sizes[i] ?? 0) < (sizes[best] ?? 0)) best = i;
  return best;
}

/**
 * How many players a team may hold when players pick: an even share, rounded up, plus one [R15.3]. Scores are
 * averages, so an uneven split is fair; the cap only stops a whole room piling into one team (and the one
 * extra lets two friends in a small lobby sit together).
 */
export function teamCap(activeCount: number, count: number): number {
  return Math.ceil(activeCount / count) + 1;
}

function refuse(state: GameState, code: 'wrong_phase' | 'invalid_choice' | 'team_full' | 'unknown_player' | 'removed', message: string): ApplyResult {
  return { state, effects: [], error: { code, message } };
}

function teamsOp(state: GameState, assignments: TeamAssignmentRow[]): Effect {
  const op: PersistOp = { op: 'teamsChanged', teams: teamCount(state), assignments };
  return { type: 'persist', op };
}

/**
 * The host turns teams on (2..6), resizes them, or turns them off (0), in the lobby only [R15.1]. Everyone is
 * dealt again in join order, round the teams, so the teams differ by one player at most [R15.2].
 */
export function setTeams(state: GameState, count: number): ApplyResult {
  if (state.phase !== 'lobby') return refuse(state, 'wrong_phase', 'Teams are set in the lobby, before the start.');
  if (!Number.isInteger(count) || (count !== 0 && (count < MIN_TEAMS || count > MAX_TEAMS))) {
    return refuse(state, 'invalid_choice', `Play with ${MIN_TEAMS} to ${MAX_TEAMS} teams, or none.`);
  }
  state.settings = { ...state.settings, teams: count };
  const assignments: TeamAssignmentRow[] = [];
  let i = 0;
  for (const p of state.players.values()) {
    if (p.removed) continue;
    p.team = count === 0 ? null : i % count;
    i += 1;
    assignments.push({ playerId: p.id, team: p.team });
  }
  return {
    state,
    effects: [
      teamsOp(state, assignments),
      { type: 'publicChanged' },
      { type: 'hostChanged' },
      { type: 'playersChanged', playerIds: 'all' },
    ],
  };
}

/** A player picks a team, in the lobby, if it is not already holding its share [R15.3]. */
export function pickTeam(state: GameState, playerId: string, team: number): ApplyResult {
  const player = state.players.get(playerId);
  if (!player) return refuse(state, 'unknown_player', 'You are not in this room.');
  if (player.removed) return refuse(state, 'removed', 'The host removed you from this game.');
  const count = teamCount(state);
  if (count === 0) return refuse(state, 'wrong_phase', 'This game is not played in teams.');
  if (state.phase !== 'lobby') return refuse(state, 'wrong_phase', 'Teams are fixed once the game has started.');
  if (!Number.isInteger(team) || team < 0 || team >= count) {
    return refuse(state, 'invalid_choice', 'There is no such team in this game.');
  }
  if (player.team === team) return { state, effects: [] };
  const sizes = teamSizes(state);
  if ((sizes[team] ?? 0) >= teamCap(state.activeCount, count)) {
    return refuse(state, 'team_full', `Team ${teamName(team)} is full: pick another one.`);
  }
  player.team = team;
  return {
    state,
    effects: [
      teamsOp(state, [{ playerId, team }]),
      { type: 'lobbyChanged' },
      { type: 'hostChanged' },
      { type: 'playersChanged', playerIds: [playerId] },
    ],
  };
}

/** A player joining a room that plays in teams is dealt the smallest team [R15.2]; the effect stores it. */
export function dealOnJoin(state: GameState, player: PlayerState): Effect | null {
  const count = teamCount(state);
  if (count === 0) return null;
  player.team = smallestTeam(teamSizes(state));
  return teamsOp(state, [{ playerId: player.id, team: player.team }]);
}

export interface TeamStanding {
  team: number;
  name: string;
  /** Active members. */
  size: number;
  /** The team's score: its members' average, rounded [R15.4]. */
  score: number;
  /** Members' correct answers, averaged (tie-break). */
  correct: number;
  /** 1-based; teams without members are not ranked. */
  rank: number;
}

/**
 * Teams ranked by average score, then average correct answers, then team order [R15.4, R15.5]. One pass over
 * the members: called once per broadcast (not per player), and by the results page on the stored rows.
 */
export function rankTeams(
  count: number,
  members: Iterable<{ team: number | null; score: number; correctCount: number; removed?: boolean }>,
): TeamStanding[] {
  if (count <= 0) return [];
  const sum = new Array<number>(count).fill(0);
  const correct = new Array<number>(count).fill(0);
  const size = new Array<number>(count).fill(0);
  for (const p of members) {
    if (p.removed === true || p.team === null || p.team < 0 || p.team >= count) continue;
    sum[p.team] = (sum[p.team] ?? 0) + p.score;
    correct[p.team] = (correct[p.team] ?? 0) + p.correctCount;
    size[p.team] = (size[p.team] ?? 0) + 1;
  }
  const rows: TeamStanding[] = [];
  for (let t = 0; t < count; t++) {
    const n = size[t] ?? 0;
    if (n === 0) continue;
    rows.push({
      team: t,
      name: teamName(t),
      size: n,
      score: Math.round((sum[t] ?? 0) / n),
      correct: (correct[t] ?? 0) / n,
      rank: 0,
    });
  }
  rows.sort((a, b) => b.score - a.score || b.correct - a.correct || a.team - b.team);
  rows.forEach((r, i) => (r.rank = i + 1));
  return rows;
}

/** The room's teams ranked [R15.5]. */
export function teamStandings(state: GameState): TeamStanding[] {
  return rankTeams(teamCount(state), state.players.values());
}

/** A player's part in their team's score: their points divided among the team, as the average counts them [R15.4]. */
export function playerPart(score: number, teamSize: number): number {
  return teamSize > 0 ? Math.round(score / teamSize) : 0;
}
