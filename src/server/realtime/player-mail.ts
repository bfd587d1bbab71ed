import { batchPerTurn } from './turn-batch';
import type { Logger } from '../log';
import type { RedisClient } from './router';
import type { QuizServer } from './socket-server';

/**
 * Per-player messages ("player:you") in a cluster. Through the socket.io Redis adapter every `io.to(player)`
 * is one Redis PUBLISH, so a question closing in a room of 10,000 would be 10,000 publishes from the owner.
 * Here each message goes to the sockets of this process at once, and the copies for the other processes
 * leave as one Redis message per turn of the event loop (in chunks), which every other process hands to
 * its own sockets of those players.
 */
export interface PlayerMail {
  send(playerChannel: string, event: 'player:you', payload: unknown): void;
  close(): Promise<void>;
}

const CHANNEL = 'quizroom:player-mail';
const CHUNK = 1000;

interface Mail {
  items: [channel: string, event: 'player:you', payload: unknown][];
}

export async function createPlayerMail(
  io: QuizServer,
  pub: RedisClient,
  processId: string,
  log: Logger,
): Promise<PlayerMail> {
  const sub = pub.duplicate();
  sub.on('error', (e: unknown) => log.error('redis error', { error: String(e) }));
  await sub.connect();
  const deliverLocally = (channel: string, event: 'player:you', payload: unknown) =>
    (io.local.to(channel).emit as (e: string, p: unknown) => boolean)(event, payload);

  // A message is "<sender id>\n<json>": Redis also hands a process its own messages, and those (megabytes when
  // a big room's question closes) are dropped without being parsed.
  const own = `${processId}\n`;
  await sub.subscribe(CHANNEL, (raw: string) => {
    if (raw.startsWith(own)) return;
    let mail: Mail;
    try {
      mail = JSON.parse(raw.slice(raw.indexOf('\n') + 1)) as Mail;
    } catch {
      return;
    }
    if (!Array.isArray(mail.items)) return;
    for (const [channel, event, payload] of mail.items) deliverLocally(channel, event, payload);
  });

  const outbox = batchPerTurn<Mail['items'][number]>((items) => {
    for (let i = 0; i < items.length; i += CHUNK) {
      const mail: Mail = { items: items.slice(i, i + CHUNK) };
      void pub
        .publish(CHANNEL, own + JSON.stringify(mail))
        .catch((e: unknown) => log.warn('player mail lost', { error: String(e) }));
    }
  });

  return {
    send(channel, event, payload) {
      deliverLocally(channel, event, payload);
      outbox.push([channel, event, payload]);
    },
    async close() {
      outbox.flush();
      await sub.quit().catch(() => undefined);
    },
  };
}
