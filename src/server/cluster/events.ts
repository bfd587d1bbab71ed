import type { EventBus, QuizEvent } from '../events';
import type { Logger } from '../log';
import type { RedisLink } from './redis';

const CHANNEL = 'quizroom:events';

/**
 * The event bus of a cluster: an event published here reaches this process's listeners at once and every other
 * process's through Redis (a process skips its own messages, which it has already delivered).
 */
export async function relayEvents(
  local: EventBus,
  link: RedisLink,
  processId: string,
  log: Logger,
): Promise<EventBus> {
  const own = `${processId}\n`;
  await link.subscribe(CHANNEL, (raw) => {
    if (raw.startsWith(own)) return;
    let event: QuizEvent;
    try {
      event = JSON.parse(raw.slice(raw.indexOf('\n') + 1)) as QuizEvent;
    } catch {
      return;
    }
    if (event.type === 'roomFinished' || event.type === 'groupChanged') local.publish(event);
  });
  return {
    publish(event) {
      local.publish(event);
      void link
        .publish(CHANNEL, own + JSON.stringify(event))
        .catch((e: unknown) => log.warn('event not relayed', { error: String(e) }));
    },
    subscribe: (listener) => local.subscribe(listener),
  };
}
