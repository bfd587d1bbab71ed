import { batchPerTurn } from './turn-batch';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { Logger } from '../log';
import { executeOp, type OpResult, type RoomOp } from './room-ops';
import type { RoomRuntime } from './room-runtime';

/**
 * Routes a room op to the process that owns the room. Single process: the local registry. Several processes
 * (REDIS_URL): each room has exactly one owner, recorded in Redis; an op that arrives at another process is
 * sent to the owner over Redis pub/sub and the owner's answer comes back the same way. The owner runs the
 * room's timer and scoring; its broadcasts reach every process through the socket.io Redis adapter.
 */
export interface RoomRouter {
  readonly processId: string;
  route(code: string, op: RoomOp): Promise<OpResult>;
  /** Records that this process owns a new room. */
  claim(code: string): Promise<void>;
  /** The room is gone from this process (evicted or finished long ago). */
  release(code: string): Promise<void>;
  close(): Promise<void>;
}

const NOT_FOUND: OpResult = {
  ok: false,
  error: { code: 'room_not_found', message: 'No game with that code is running.' },
};

function runLocal(room: RoomRuntime | undefined, op: RoomOp): OpResult {
  if (!room) return NOT_FOUND;
  try {
    return executeOp(room, op);
  } catch {
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong on the server; the game is unaffected.' },
    };
  }
}

export function createLocalRouter(lookup: (code: string) => RoomRuntime | undefined): RoomRouter {
  return {
    processId: 'local',
    route: async (code, op) => runLocal(lookup(code), op),
    claim: async () => undefined,
    release: async () => undefined,
    close: async () => undefined,
  };
}

const OWNER_TTL_MS = 30_000;
const RPC_TIMEOUT_MS = 5_000;
const ownerKey = (code: string) => `quizroom:room:${code}:owner`;
const rpcChannel = (processId: string) => `quizroom:rpc:${processId}`;

/**
 * Ops bound for one owner within one turn of the event loop travel as one message, and their results come
 * back as one: a burst of 5,000 answers at a non-owner is a few dozen Redis messages, not 10,000.
 */
interface RpcRequests {
  t: 'req';
  from: string;
  items: { id: string; code: string; op: RoomOp }[];
}
interface RpcResponses {
  t: 'res';
  items: { id: string; result: OpResult }[];
}

/** An owner looked up in Redis is reused this long (a room changes owner only when its process dies). */
const OWNER_CACHE_MS = 5_000;

export type RedisClient = ReturnType<typeof createClient>;

export async function createRedisRouter(
  url: string,
  lookup: (code: string) => RoomRuntime | undefined,
  owned: () => string[],
  log: Logger,
): Promise<RoomRouter & { pub: RedisClient; sub: RedisClient }> {
  const processId = randomUUID();
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on('error', (e: unknown) => log.error('redis error', { error: String(e) }));
  sub.on('error', (e: unknown) => log.error('redis error', { error: String(e) }));
  await Promise.all([pub.connect(), sub.connect()]);
  const pending = new Map<string, (r: OpResult) => void>();

  await sub.subscribe(rpcChannel(processId), (raw: string) => {
    let msg: RpcRequests | RpcResponses;
    try {
      msg = JSON.parse(raw) as RpcRequests | RpcResponses;
    } catch {
      return;
    }
    if (msg.t === 'res') {
      for (const { id, result } of msg.items) {
        pending.get(id)?.(result);
        pending.delete(id);
      }
      return;
    }
    const reply: RpcResponses = {
      t: 'res',
      items: msg.items.map(({ id, code, op }) => ({ id, result: runLocal(lookup(code), op) })),
    };
    void pub.publish(rpcChannel(msg.from), JSON.stringify(reply)).catch(() => undefined);
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
      const req: RpcRequests = { t: 'req', from: processId, items };
      void pub.publish(rpcChannel(owner), JSON.stringify(req)).catch(() => undefined);
    }
  });
  const owners = new Map<string, { owner: string; until: number }>();
  const ownerOf = async (code: string): Promise<string | null> => {
    const cached = owners.get(code);
    if (cached && cached.until > Date.now()) return cached.owner;
    const owner = await pub.get(ownerKey(code));
    if (owner) owners.set(code, { owner, until: Date.now() + OWNER_CACHE_MS });
    else owners.delete(code);
    return owner;
  };

  // Keep ownership alive while the process runs; if it dies, the keys expire and the rooms are gone.
  const refresh = setInterval(() => {
    for (const code of owned()) {
      void pub
        .set(ownerKey(code), processId, { expiration: { type: 'PX', value: OWNER_TTL_MS } })
        .catch(() => undefined);
    }
  }, OWNER_TTL_MS / 3);
  refresh.unref();

  return {
    processId,
    pub,
    sub,
    async route(code, op) {
      const local = lookup(code);
      if (local) return runLocal(local, op);
      const owner = await ownerOf(code);
      if (!owner) return NOT_FOUND;
      if (owner === processId) return NOT_FOUND; // owned here but evicted
      const id = randomUUID();
      return new Promise<OpResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          owners.delete(code); // look the owner up again next time
          resolve({
            ok: false,
            error: { code: 'internal', message: 'The server running this game did not answer; try again.' },
          });
        }, RPC_TIMEOUT_MS);
        pending.set(id, (r) => {
          clearTimeout(timer);
          // A room the cached owner no longer has: look the owner up again next time (codes are reused).
          if (!r.ok && r.error.code === 'room_not_found') owners.delete(code);
          resolve(r);
        });
        outbox.push({ owner, item: { id, code, op } });
      });
    },
    async claim(code) {
      const ok = await pub.set(ownerKey(code), processId, {
        condition: 'NX',
        expiration: { type: 'PX', value: OWNER_TTL_MS },
      });
      if (ok !== 'OK') throw new Error(`room ${code} is already owned by another process`);
    },
    async release(code) {
      owners.delete(code);
      const owner = await pub.get(ownerKey(code));
      if (owner === processId) await pub.del(ownerKey(code));
    },
    async close() {
      clearInterval(refresh);
      for (const resolve of pending.values()) resolve(NOT_FOUND);
      pending.clear();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
