import { describe, expect, it } from 'vitest';
import { relayEvents } from '../../../src/server/cluster/events';
import { createPlayerMail } from '../../../src/server/cluster/player-mail';
import { createLocalEventBus, type QuizEvent } from '../../../src/server/events';
import { silentLogger } from '../../../src/server/log';
import { FakeClock } from '../../support/fake-clock';
import { FakeRedis, settle } from '../../support/fake-redis';

describe('events across processes', () => {
  it("an event published on one process reaches every process's listeners once", async () => {
    const redis = new FakeRedis(() => 0);
    const heard: Record<string, QuizEvent[]> = { A: [], B: [] };
    const buses = await Promise.all(
      ['A', 'B'].map(async (id) => {
        const local = createLocalEventBus();
        local.subscribe((e) => heard[id]!.push(e));
        return relayEvents(local, redis.link(), id, silentLogger);
      }),
    );
    const finished: QuizEvent = { type: 'roomFinished', roomId: 'r1', code: 'ABCDEF', groupId: 'g1' };
    buses[0]!.publish(finished);
    expect(heard.A).toEqual([finished]); // at once, here
    await settle();
    expect(heard.A).toEqual([finished]); // not again when Redis hands it back
    expect(heard.B).toEqual([finished]);
    await redis.link().publish('quizroom:events', 'X\n{"type":"somethingElse"}');
    await redis.link().publish('quizroom:events', 'X\nnot json');
    await settle();
    expect(heard.B).toEqual([finished]);
  });
});

describe('player mail', () => {
  it('delivers here at once and elsewhere as one Redis message per 1,000 per turn', async () => {
    const clock = new FakeClock();
    const redis = new FakeRedis(clock.now);
    const delivered: Record<string, string[]> = { A: [], B: [] };
    const mails = await Promise.all(
      ['A', 'B'].map((id) =>
        createPlayerMail(
          redis.link(),
          id,
          (channel) => void delivered[id]!.push(channel),
          clock,
          silentLogger,
        ),
      ),
    );
    for (let i = 0; i < 2500; i++) mails[0]!.send(`player:p${i}`, 'player:you', { n: i });
    expect(delivered.A).toHaveLength(2500);
    expect(redis.published).toHaveLength(0);
    clock.turn();
    expect(redis.messagesOn('quizroom:player-mail')).toHaveLength(3);
    await settle();
    expect(delivered.B).toEqual(Array.from({ length: 2500 }, (_, i) => `player:p${i}`));
    expect(delivered.A).toHaveLength(2500);
  });
});
