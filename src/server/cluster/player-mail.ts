import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RedisLink } from './redis';
import { batchPerTurn } from './turn-batch';

/**
 * Per-player messages ("player:you") in a cluster. Through the socket.io Redis adapter every `io.to(player)`
 * is one Redis PUBLISH, so a question closing in a room of 10,000 would be 10,000 publishes from the owner.
 * Here each message goes to the sockets of this process at once, and the copies for the other processes
 * leave as one Redis message per turn of the event loop (in chunks), which every other process hands to
 * its own sockets of those players.
 */
export interface PlayerMail {
  send(playerChannel: string, event: 'player:you', payload: unknown): void;
  close(): void;
}

/** Hands a message to this process's sockets in a socket.io channel. */
export type DeliverLocally = (channel: string, event: 'player:you', payload: unknown) => void;

const CHANNEL = 'quizroom:player-mail';
const CHUNK = 1000;

interface Mail {
  items: [channel: string, event: 'player:you', payload: unknown][];
}

export async function createPlayerMail(
  link: RedisLink,
  processId: string,
  deliverLocally: DeliverLocally,
  clock: Clock,
  log: Logger,
): Promise<PlayerMail> {
  // A message is "<sender id>\n<json>": Redis also hands a process its own messages, and those (megabytes when
  // a big room's question closes) are dropped without being parsed.
  const own = `${processId}\n`;
  await link.subscribe(CHANNEL, (raw: string) => {
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
      void link
        .publish(CHANNEL, own + JSON.stringify(mail))
        .catch((e: unknown) => log.warn('player mail lost', { error: String(e) }));
    }
  }, clock);

  return {
    send(channel, event, payload) {
      deliverLocally(channel, event, payload);
      outbox.push([channel, event, payload]);
    },
    close() {
      outbox.flush();
    },
  };
}
