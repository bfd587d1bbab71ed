import { describe, expect, it } from 'vitest';
import type { HostState, PublicState, You } from '../../src/protocol';
import { useTestServer } from './support';

/** Teams and host controls over real sockets, down to the stored rows (issue 12 items 2 and 3). */

const server = useTestServer({ room: { questionCount: 2 } });
const { client, createRoom } = server;

describe('teams and host controls over sockets', () => {
  it('[R15.1][R15.3][R15.5][R15.6][R14.4] teams dealt and picked, a locked door, team standings stored', async () => {
    const room = await createRoom();
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    await host.ok('host:attach', auth);
    const players = await Promise.all(['Ann', 'Bob', 'Cat'].map(() => client()));
    const joined = [];
    for (const [i, p] of players.entries()) {
      joined.push(await p.ok('player:join', { code: room.code, nickname: ['Ann', 'Bob', 'Cat'][i] }));
    }
    await host.ok('host:teams', { ...auth, count: 2 });
    const lobby = await players[0]!.waitFor<PublicState>('room:state', (s) => (s.teams?.length ?? 0) === 2);
    expect(lobby.teams?.map((t) => [t.name, t.size])).toEqual([
      ['Red', 2],
      ['Blue', 1],
    ]);
    // Ann (Red) moves to Blue: allowed (cap 3); a player of another room cannot pick here.
    await players[0]!.ok('player:team', { code: room.code, team: 1 });
    const you = await players[0]!.waitFor<You>('player:you', (y) => y.team?.team === 1);
    expect(you.team?.name).toBe('Blue');
    const stranger = await client();
    const refused = await stranger.request('player:team', { code: room.code, team: 0 });
    expect(refused.ok ? null : refused.error.code).toBe('unknown_player');

    await host.ok('host:lock', { ...auth, locked: true });
    const late = await client();
    const locked = await late.request('player:join', { code: room.code, nickname: 'Dan' });
    expect(locked.ok ? null : locked.error.code).toBe('room_locked');
    // A player with a seat still gets back in.
    const again = await client();
    await again.ok('player:rejoin', { code: room.code, playerId: joined[1]!.playerId, rejoinToken: joined[1]!.rejoinToken });

    await host.ok('host:start', auth);
    await host.ok('host:end', auth);
    await server.app.services.rooms.results(room.code); // flushes the room's writes
    const results = await server.app.services.rooms.results(room.code);
    expect(results?.room.settings.teams).toBe(2);
    const teamOf = new Map(results?.players.map((p) => [p.nickname, p.team]));
    expect(Object.fromEntries(teamOf)).toEqual({ Ann: 1, Bob: 1, Cat: 0 });
  });

  it('[R14.1][R14.3][R14.5][R14.7] pause, add time and the lead-in reach every screen; the host learns of big screens', async () => {
    const room = await createRoom({ settings: { leadIn: true } });
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    const first = await host.ok('host:attach', auth);
    expect(first.screensAttached).toBe(false);
    const screen = await client();
    await screen.ok('screen:attach', { code: room.code });
    await host.waitFor<HostState>('host:state', (h) => h.screensAttached === true);
    const player = await client();
    await player.ok('player:join', { code: room.code, nickname: 'Ann' });

    await host.ok('host:start', auth);
    const ready = await screen.waitFor<PublicState>('room:state', (s) => s.phase === 'question');
    expect(ready.question?.readyInMs).toBeGreaterThan(0);
    expect(ready.question?.choices).toEqual([]);
    const early = await player.request('player:answer', { code: room.code, questionIndex: 0, choiceId: 'a' });
    expect(early.ok ? null : early.error.code).toBe('question_closed');
    const open = await screen.waitFor<PublicState>(
      'room:state',
      (s) => s.phase === 'question' && (s.question?.choices.length ?? 0) > 0,
    );
    expect(open.question?.readyInMs).toBeUndefined();

    await host.ok('host:pause', auth);
    const paused = await screen.waitFor<PublicState>('room:state', (s) => s.paused === true);
    const refused = await player.request('player:answer', { code: room.code, questionIndex: 0, choiceId: 'a' });
    expect(refused.ok ? null : refused.error.code).toBe('paused');
    await host.ok('host:resume', auth);
    await host.ok('host:addTime', { ...auth, seconds: 10 });
    const longer = await screen.waitFor<PublicState>('room:state', (s) => s.question?.timeLimitMs === 40_000);
    expect(longer.paused).toBeUndefined();
    expect(paused.question?.remainingMs).toBeLessThanOrEqual(30_000);

    await host.ok('host:next', { ...auth, pastReveal: true });
    await screen.waitFor<PublicState>('room:state', (s) => s.phase === 'leaderboard');

    screen.close();
    await host.waitFor<HostState>('host:state', (h) => h.screensAttached === false && h.public.phase === 'leaderboard');
  });

  it('[R9.6] the study sheet: own answers for the seat or the profile that played, nobody else; ideas and wrong answers', async () => {
    const room = await createRoom({ questionCount: 1 });
    const auth = { code: room.code, hostToken: room.hostToken };
    const host = await client();
    await host.ok('host:attach', auth);
    const profile = await server.app.services.profiles.create('Ann');
    const ann = await client();
    const annSeat = await ann.ok('player:join', { code: room.code, nickname: 'Ann', profileToken: profile.recoveryCode });
    const bob = await client();
    const bobSeat = await bob.ok('player:join', { code: room.code, nickname: 'Bob' });
    const post = (body: unknown) =>
      fetch(`${server.url}/api/rooms/${room.code}/my-answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // While the game is live, a seat does not open the host's results [R9.6].
    expect((await post({ playerId: annSeat.playerId, rejoinToken: annSeat.rejoinToken })).status).toBe(403);

    await host.ok('host:start', auth);
    const open = await ann.waitFor<PublicState>('room:state', (s) => s.phase === 'question');
    const choices = open.question!.choices;
    await ann.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: choices[0]!.id });
    await bob.ok('player:answer', { code: room.code, questionIndex: 0, choiceId: choices[1]!.id });
    await host.waitFor<HostState>('host:state', (h) => h.public.phase === 'reveal');
    await host.ok('host:next', auth);
    await server.app.services.rooms.results(room.code);

    const bySeat = await post({ playerId: annSeat.playerId, rejoinToken: annSeat.rejoinToken });
    expect(bySeat.status).toBe(200);
    const mine = (await bySeat.json()) as { playerId: string; answers: { questionIndex: number; answer: string }[] };
    expect(mine.playerId).toBe(annSeat.playerId);
    expect(mine.answers).toEqual([expect.objectContaining({ questionIndex: 0, answer: choices[0]!.text })]);
    const byProfile = (await (await post({ profileToken: profile.recoveryCode })).json()) as { playerId: string };
    expect(byProfile.playerId).toBe(annSeat.playerId);
    // Bob's id with Ann's token, or a made-up token: refused alike.
    expect((await post({ playerId: bobSeat.playerId, rejoinToken: annSeat.rejoinToken })).status).toBe(403);
    expect((await post({ profileToken: 'x'.repeat(43) })).status).toBe(403);
    expect((await post({ playerId: 'nope' })).status).toBe(400);

    const results = await server.app.services.rooms.results(room.code);
    const sheet = await server.app.services.studySheet.sheet(results!);
    expect(sheet).toHaveLength(1);
    expect(sheet[0]!.reference).not.toBeNull();
    expect(sheet[0]!.keyIdeas.length).toBeGreaterThan(0);
    expect(sheet[0]!.answered).toBe(2);
    expect(sheet[0]!.wrong.reduce((n, w) => n + w.count, 0)).toBe(2 - sheet[0]!.correct);
  });
});
