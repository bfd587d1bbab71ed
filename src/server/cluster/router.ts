import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { ROOM_NOT_FOUND, type RoomReply, type RoomRequest } from '../room/requests';
import type { Room } from '../room/room';
import { runRequest, type RoomRouter } from '../room/router';
import type { RedisLink } from './redis';
import { batchPerTurn } from './turn-batch';

/**
 * Routes a room request to the process that owns the room, when several processes share rooms (REDIS_URL).
 * Each room has exactly one owner, recorded in Redis with a time to live the owner keeps renewing; a request
 * that arrives at another process travels to the owner over Redis pub/sub as the `RoomRequest` itself, and the
 * owner's `RoomReply` comes back the same way. The owner runs the room's alarm and scoring; its broadcasts reach
 * every process through the socket.io Redis adapter.
 */

export const OWNER_TTL_MS = 30_000;
export const RPC_TIMEOUT_MS = 5_000;
/** An owner looked up in Redis is reused this long (a room changes owner only when its process dies). */
const OWNER_CACHE_MS = 5_000;

export const ownerKey = (code: string) => `quizroom:room:${code}:owner`;
export const rpcChannel = (processId: string) => `quizroom:rpc:${processId}`;

/**
 * Requests bound for one owner within one turn of the event loop travel as one message, and their replies
 * come back as one: a burst of 5,000 answers at a non-owner is a few dozen Redis messages, not 10,000.
 */
export interface RpcRequests {
  t: 'req';
  from: string;
  items: { id: string; code: string; request: RoomRequest }[];
}
export interface RpcReplies {
  t: 'res';
  items: { id: string; reply: RoomReply }[];
}

const NO_ANSWER: RoomReply = {
  ok: false,
  error: { code: 'internal', message: 'The server running this game did not answer; try again.' },
};

export interface ClusterRouterDeps {
  link: RedisLink;
  processId?: string;
  /** This process's live rooms. */
  lookup(code: string): Room | undefined;
  /** Codes of the rooms this process owns (their ownership is renewed). */
  owned(): string[];
  clock: Clock;
  log: Logger;
}

export async function createClusterRouter(deps: ClusterRouterDeps): Promise<RoomRouter> {
  const { link, clock, lookup } = deps;
  const processId = deps.processId ?? randomUUID();
  const pending = new Map<string, (r: RoomReply) => void>();
  const publish = (channel: string, message: RpcRequests | RpcReplies) =>
    void link
      .publish(channel, JSON.stringify(message))
      .catch((e: unknown) => deps.log.warn('rpc message lost', { error: String(e) }));

  await link.subscribe(rpcChannel(processId), (raw) => {
    let msg: RpcRequests | RpcReplies;
    try {
      msg = JSON.parse(raw) as RpcRequests | RpcReplies;
    } catch {
      return;
    }
    if (msg.t === 'res') {
      for (const { id, reply } of msg.items) {
        pending.get(id)?.(reply);
        pending.delete(id);
      }
      return;
    }
    // One reply message per request message, once every request in it is stored (group commit).
    void Promise.all(
      msg.items.map(async ({ id, code, request }) => ({ id, reply: await runRequest(lookup(code), request) })),
    ).then((items) => publish(rpcChannel(msg.from), { t: 'res', items }));
  });

  // Requests waiting for the end of this turn of the event loop: one message per owner.
  const outbox = batchPerTurn<{ owner: string; item: RpcRequests['items'][number] }>((batch) => {
    const byOwner = new Map<string, RpcRequests['items']>();
    for (const { owner, item } of batch) {
      const items = byOwner.get(owner);
      if (items) items.push(item);
      else byOwner.set(owner, [item]);
    }
    for (const [owner, items] of byOwner) publish(rpcChannel(owner), { t: 'req', from: processId, items });
  }, clock);

  const owners = new Map<string, { owner: string; until: number }>();
  const ownerOf = async (code: string): Promise<string | null> => {
    const cached = owners.get(code);
    if (cached && cached.until > clock.now()) return cached.owner;
    const owner = await link.get(ownerKey(code));
    if (owner) owners.set(code, { owner, until: clock.now() + OWNER_CACHE_MS });
    else owners.delete(code);
    return owner;
  };

  // Keep ownership alive while the process runs; if it dies, the keys expire and the rooms are gone.
  let stopped = false;
  const renew = () => {
    if (stopped) return;
    for (const code of deps.owned()) {
      void link.set(ownerKey(code), processId, { ttlMs: OWNER_TTL_MS }).catch(() => undefined);
    }
    cancelRenew = clock.setTimeout(renew, OWNER_TTL_MS / 3);
  };
  let cancelRenew = clock.setTimeout(renew, OWNER_TTL_MS / 3);

  return {
    processId,
    async route(code, request) {
      const local = lookup(code);
      if (local) return runRequest(local, request);
      const owner = await ownerOf(code);
      if (!owner) return ROOM_NOT_FOUND;
      if (owner === processId) return ROOM_NOT_FOUND; // owned here but evicted
      const id = randomUUID();
      return new Promise<RoomReply>((resolve) => {
        const cancelTimeout = clock.setTimeout(() => {
          pending.delete(id);
          owners.delete(code); // look the owner up again next time
          resolve(NO_ANSWER);
        }, RPC_TIMEOUT_MS);
        pending.set(id, (r) => {
          cancelTimeout();
          // A room the cached owner no longer has: look the owner up again next time (codes are reused).
          if (!r.ok && r.error.code === 'room_not_found') owners.delete(code);
          resolve(r);
        });
        outbox.push({ owner, item: { id, code, request } });
      });
    },
    async claim(code) {
      const ok = await link.set(ownerKey(code), processId, { ttlMs: OWNER_TTL_MS, onlyIfAbsent: true });
      if (!ok) throw new Error(`room ${code} is already owned by another process`);
    },
    async release(code) {
      owners.delete(code);
      const owner = await link.get(ownerKey(code));
      if (owner === processId) await link.del(ownerKey(code));
    },
    async close() {
      stopped = true;
      cancelRenew();
      for (const resolve of pending.values()) resolve(ROOM_NOT_FOUND);
      pending.clear();
    },
  };
}
