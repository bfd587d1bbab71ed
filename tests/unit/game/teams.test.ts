import { describe, expect, it } from 'vitest';
import type { PersistOp } from '../../../src/game/commands';
import { teamStandings } from '../../../src/game/teams';
import { playerView, publicView } from '../../../src/game/views';
import { Game, HOST } from './helpers';

const teamsOps = (g: Game): PersistOp[] =>
  g.effects.flatMap((e) => (e.type === 'persist' && e.op.op === 'teamsChanged' ? [e.op] : []));
const teamOf = (g: Game, id: string) => g.state.players.get(id)?.team;

describe('teams', () => {
  it('[R15.1] the host turns teams on in the lobby: everyone is dealt round the teams, and it is stored', () => {
    const g = new Game();
    const ids = ['ann', 'bob', 'cat', 'dan', 'eve'].map((n) => g.join(n));
    g.ok({ type: 'setTeams', hostTokenHash: HOST, count: 2 });
    expect(ids.map((id) => teamOf(g, id))).toEqual([0, 1, 0, 1, 0]);
    expect(teamsOps(g)).toEqual([
      { op: 'teamsChanged', teams: 2, assignments: ids.map((playerId, i) => ({ playerId, team: i % 2 })) },
    ]);
    expect(publicView(g.state, g.now).teams?.map((t) => [t.name, t.size])).toEqual([
      ['Red', 3],
      ['Blue', 2],
    ]);
    g.ok({ type: 'setTeams', hostTokenHash: HOST, count: 0 });
    expect(ids.map((id) => teamOf(g, id))).toEqual([null, null, null, null, null]);
    expect(publicView(g.state, g.now).teams).toBeUndefined();
  });

  it('[R15.1] teams are set by the host, in the lobby, 2 to 6', () => {
    const g = new Game();
    g.join('ann');
    expect(g.do({ type: 'setTeams', hostTokenHash: 'x'.repeat(64), count: 2 }).error?.code).toBe('not_host');
    expect(g.do({ type: 'setTeams', hostTokenHash: HOST, count: 1 }).error?.code).toBe('invalid_choice');
    expect(g.do({ type: 'setTeams', hostTokenHash: HOST, count: 7 }).error?.code).toBe('invalid_choice');
    g.host('start');
    expect(g.do({ type: 'setTeams', hostTokenHash: HOST, count: 2 }).error?.code).toBe('wrong_phase');
  });

  it('[R15.2] a newcomer is dealt the smallest team, also after the start', () => {
    const g = new Game();
    g.ok({ type: 'setTeams', hostTokenHash: HOST, count: 3 });
    const a = g.join('ann');
    expect(teamsOps(g)).toEqual([{ op: 'teamsChanged', teams: 3, assignments: [{ playerId: a, team: 0 }] }]);
    const b = g.join('bob');
    g.ok({ type: 'pickTeam', playerId: b, team: 0 });
    const c = g.join('cat');
    expect([teamOf(g, a), teamOf(g, b), teamOf(g, c)]).toEqual([0, 0, 1]);
    g.host('start');
    const d = g.join('dan');
    expect(teamOf(g, d)).toBe(2);
  });

  it('[R15.3] a player picks a team in the lobby unless it holds its share; fixed from the start', () => {
    const g = new Game();
    const [a, b, c, d] = ['ann', 'bob', 'cat', 'dan'].map((n) => g.join(n)) as [string, string, string, string];
    expect(g.do({ type: 'pickTeam', playerId: a, team: 1 }).error?.code).toBe('wrong_phase'); // no teams
    g.ok({ type: 'setTeams', hostTokenHash: HOST, count: 2 }); // 0 1 0 1
    g.ok({ type: 'pickTeam', playerId: b, team: 0 }); // Red 3, Blue 1: the cap is ceil(4 / 2) + 1 = 3
    expect(teamOf(g, b)).toBe(0);
    expect(g.do({ type: 'pickTeam', playerId: d, team: 0 }).error?.code).toBe('team_full');
    expect(g.do({ type: 'pickTeam', playerId: c, team: 5 }).error?.code).toBe('invalid_choice');
    g.ok({ type: 'pickTeam', playerId: a, team: 1 });
    expect([a, b, c, d].map((id) => teamOf(g, id))).toEqual([1, 0, 0, 1]);
    g.host('start');
    expect(g.do({ type: 'pickTeam', playerId: a, team: 0 }).error?.code).toBe('wrong_phase');
  });

  it('[R15.4, R15.5] a team scores the average of its members: a small team is not beaten for being small', () => {
    const g = new Game();
    g.ok({ type: 'setTeams', hostTokenHash: HOST, count: 2 });
    const [a, b, c] = ['ann', 'bob', 'cat'].map((n) => g.join(n)) as [string, string, string];
    // ann (Red) and cat (Red) vs bob (Blue): Red has two players but not twice the score.
    expect([teamOf(g, a), teamOf(g, b), teamOf(g, c)]).toEqual([0, 1, 0]);
    g.host('start');
    g.answerChoice(a, g.correct(), 1_000);
    g.answerChoice(b, g.correct(), 1_000);
    g.answerChoice(c, g.wrong(), 1_000);
    const [first, second] = teamStandings(g.state);
    expect(first).toMatchObject({ name: 'Blue', size: 1, score: g.score(b), rank: 1 });
    expect(second).toMatchObject({ name: 'Red', size: 2, score: Math.round(g.score(a) / 2), rank: 2 });
    const you = playerView(g.state, g.state.players.get(a)!);
    expect(you.team).toEqual({
      team: 0,
      name: 'Red',
      size: 2,
      score: Math.round(g.score(a) / 2),
      rank: 2,
      teamCount: 2,
      part: Math.round(g.score(a) / 2),
    });
    expect(publicView(g.state, g.now).teams?.map((t) => t.name)).toEqual(['Blue', 'Red']);
  });

  it('[R15.4] a removed player leaves their team and its average', () => {
    const g = new Game();
    g.ok({ type: 'setTeams', hostTokenHash: HOST, count: 2 });
    const [a, , c] = ['ann', 'bob', 'cat'].map((n) => g.join(n)) as [string, string, string];
    g.host('start');
    g.answerChoice(a, g.correct(), 1_000);
    g.ok({ type: 'kick', hostTokenHash: HOST, playerId: c });
    g.host('reveal');
    expect(teamStandings(g.state).find((t) => t.name === 'Red')).toMatchObject({ size: 1, score: g.score(a) });
  });

  it('[R15.5] teams without members are not ranked; without teams a player has no team in their view', () => {
    const g = new Game();
    const a = g.join('ann');
    expect(playerView(g.state, g.state.players.get(a)!).team).toBeUndefined();
    g.ok({ type: 'setTeams', hostTokenHash: HOST, count: 4 });
    expect(publicView(g.state, g.now).teams).toHaveLength(4); // the lobby lists every team to pick from
    g.host('start');
    g.host('reveal');
    expect(teamStandings(g.state).map((t) => t.name)).toEqual(['Red']);
  });
});
