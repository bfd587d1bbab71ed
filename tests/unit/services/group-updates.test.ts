import { describe, expect, it } from 'vitest';
import { createLocalEventBus } from '../../../src/server/events';
import { createGroupUpdates } from '../../../src/server/services/boards/live';

describe('group live updates', () => {
  it("[R11.10] a group's watchers hear its games finishing and its admin changes, and nothing else", () => {
    const bus = createLocalEventBus();
    const updates = createGroupUpdates(bus);
    const heard: string[] = [];
    const stopA = updates.watch('g1', () => heard.push('a'));
    updates.watch('g1', () => heard.push('b'));
    updates.watch('g2', () => heard.push('other group'));
    bus.publish({ type: 'roomFinished', roomId: 'r', code: 'ABCDEF', groupId: 'g1' });
    bus.publish({ type: 'roomFinished', roomId: 'r2', code: 'GHJKMN', groupId: null });
    bus.publish({ type: 'groupChanged', groupId: 'g1' });
    expect(heard).toEqual(['a', 'b', 'a', 'b']);
    stopA();
    bus.publish({ type: 'groupChanged', groupId: 'g1' });
    expect(heard).toEqual(['a', 'b', 'a', 'b', 'b']);
    updates.close();
    bus.publish({ type: 'groupChanged', groupId: 'g2' });
    expect(heard).toHaveLength(5);
  });
});
