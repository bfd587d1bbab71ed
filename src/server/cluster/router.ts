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
 * Each room has exactly one owner, which holds a lease on it in Redis (`ownerKey`: its process id, with a short
 * time to live it keeps renewing); a request that arrives at another process travels to the owner over Redis
 * pub/sub as the `RoomRequest` itself, and the owner's `RoomReply` comes back the same way. The owner runs the
 * room's alarm and scoring; its broadcasts reach every process through the socket.io Redis adapter.
 *
 * Failover [R8.4]: a claim takes the room's next fencing number (`fenceKey`, a counter) in the same atomic step
 * as the lease, and the room writes every batch under it (Postgres refuses a number older than the newest). A
 * renewal only extends a lease the process still holds (compare and extend); an owner that cannot renew in time
 * has lost the room and is told (`onLost`) to stop running it at once. When an owner dies its lease expires within
 * `LEASE_TTL_MS` and another process takes the room over (services/rooms.ts: `adoptOrphans`).
 */

/** An owner's lease on a room lasts this long unless renewed: a dead owner's rooms are free again after it. */
export const LEASE_TTL_MS = 3_000;
/**
 * An owner renews its leases this often: a process whose event loop stalls (a cold deck compile) for up to about
 * LEASE_TTL_MS - LEASE_RENEW_MS keeps its rooms.
 */
export const LEASE_RENEW_MS = 500;
/** A room's fencing counter outlives its owners' leases by far (it is renewed at every claim). */
export const FENCE_TTL_MS = 24 * 60 * 60_000;
/** A claimed room not yet running here (being created or restored) keeps its lease this long at most. */
export const CLAIM_GRACE_MS = 30_000;
export const RPC_TIMEOUT_MS = 5_000;
/** An owner looked up in Redis is reused this long (a room changes owner only when its owner stops). */
const OWNER_CACHE_MS = LEASE_TTL_MS;

export const ownerKey = (code: string) => `quizroom:room:${code}:owner`;
export const fenceKey = (code: string) => `quizroom:room:${code}:fence`;
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
  clock: Clock;
  log: Logger;
}

/** A lease this process holds: its fencing number, when it was claimed, and the send time of its last renewal. */
interface Lease {
  fence: number;
  claimedAt: number;
  renewedAt: number;
}

export async function createClusterRouter(deps: ClusterRouterDeps): Promise<RoomRouter> {
  const { link, clock, lookup } = deps;
  const processId = deps.processId ?? randomUUID();
  const pending = new Map<string, (r: RoomReply) => void>();
  const answer = (id: string, reply: RoomReply) => {
    pending.get(id)?.(reply);
    pending.delete(id);
  };
  const publish = (channel: string, message: RpcRequests | RpcReplies) =>
    link.publish(channel, JSON.stringify(message)).catch((e: unknown) => {
      deps.log.warn('rpc message lost', { error: String(e) });
      return null;
    });

  await link.subscribe(rpcChannel(processId), (raw) => {
    let msg: RpcRequests | RpcReplies;
    try {
      msg = JSON.parse(raw) as RpcRequests | RpcReplies;
    } catch {
      return;
    }
    if (msg.t === 'res') {
      for (const { id, reply } of msg.items) answer(id, reply);
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
    for (const [owner, items] of byOwner) {
      void publish(rpcChannel(owner), { t: 'req', from: processId, items }).then((receivers) => {
        // Nobody listens: the owner died (its lease has not expired yet). The requests never ran anywhere, so
        // the room service may safely send them again to the room's next owner [R8.4].
        if (receivers === 0) for (const { id } of items) answer(id, ROOM_NOT_FOUND);
      });
    }
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

  // The leases this process holds, renewed every LEASE_RENEW_MS while the process runs.
  const held = new Map<string, Lease>();
  const lostListeners: ((code: string) => void)[] = [];
  const lose = (code: string, why: string) => {
    held.delete(code);
    owners.delete(code);
    deps.log.warn('room lease lost; the room stops here', { code, why });
    void link.releaseLease(ownerKey(code), processId).catch(() => undefined);
    for (const l of lostListeners) l(code);
  };
  let stopped = false;
  const renew = () => {
    if (stopped) return;
    const now = clock.now();
    for (const [code, lease] of held) {
      // Not renewed in time (Redis unreachable): the lease may have expired and another process may own the room.
      if (now >= lease.renewedAt + LEASE_TTL_MS) {
        lose(code, 'not renewed in time');
        continue;
      }
      if (!lookup(code) && now - lease.claimedAt > CLAIM_GRACE_MS) {
        // Claimed for a room that never started here (its creation failed): let it go.
        held.delete(code);
        void link.releaseLease(ownerKey(code), processId).catch(() => undefined);
        continue;
      }
      void link.extendLease(ownerKey(code), processId, LEASE_TTL_MS).then(
        (extended) => {
          if (held.get(code) !== lease) return;
          if (extended) lease.renewedAt = now;
          else lose(code, 'another process holds it');
        },
        (e: unknown) => deps.log.warn('lease not renewed', { code, error: String(e) }),
      );
    }
    cancelRenew = clock.setTimeout(renew, LEASE_RENEW_MS);
  };
  let cancelRenew = clock.setTimeout(renew, LEASE_RENEW_MS);

  return {
    processId,
    shared: true,
    async route(code, request) {
      const local = lookup(code);
      if (local) return runRequest(local, request);
      const owner = await ownerOf(code);
      if (!owner) return ROOM_NOT_FOUND;
      if (owner === processId) return ROOM_NOT_FOUND; // held here, but not running (evicted, or being restored)
      const id = randomUUID();
      return new Promise<RoomReply>((resolve) => {
        const cancelTimeout = clock.setTimeout(() => {
          pending.delete(id);
          owners.delete(code); // look the owner up again next time
          resolve(NO_ANSWER);
        }, RPC_TIMEOUT_MS);
        pending.set(id, (r) => {
          cancelTimeout();
          // The owner no longer has the room, or is gone: look the owner up again next time.
          if (!r.ok && r.error.code === 'room_not_found') owners.delete(code);
          resolve(r);
        });
        outbox.push({ owner, item: { id, code, request } });
      });
    },
    async claim(code, floor = 1) {
      const sentAt = clock.now();
      const fence = await link.claimLease(ownerKey(code), processId, LEASE_TTL_MS, fenceKey(code), floor, FENCE_TTL_MS);
      if (fence === null) throw new Error(`room ${code} is already owned by another process`);
      held.set(code, { fence, claimedAt: sentAt, renewedAt: sentAt });
      owners.delete(code);
      return fence;
    },
    async unowned(codes) {
      const values = await link.getMany(codes.map(ownerKey));
      return codes.filter((_, i) => values[i] === null);
    },
    onLost(listener) {
      lostListeners.push(listener);
    },
    async release(code) {
      owners.delete(code);
      held.delete(code);
      await link.releaseLease(ownerKey(code), processId);
    },
    async close() {
      stopped = true;
      cancelRenew();
      for (const resolve of pending.values()) resolve(ROOM_NOT_FOUND);
      pending.clear();
      // The rooms are stored (the server flushed them before this): other processes may take them over now.
      await Promise.allSettled([...held.keys()].map((code) => link.releaseLease(ownerKey(code), processId)));
      held.clear();
    },
  };
}
