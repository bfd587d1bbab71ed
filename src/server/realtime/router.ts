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

const NOT_FOUND: OpResult = { ok: false, error: { code: 'room_not_found', message: 'No game with that code is running.' } };

function runLocal(room: RoomRuntime | undefined, op: RoomOp): OpResult {
  if (!room) return NOT_FOUND;
  try {
    return executeOp(room, op);
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on the server; the game is unaffected.' } };
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

interface RpcRequest {
  t: 'req';
  id: string;
  from: string;
  code: string;
  op: RoomOp;
}
interface RpcResponse {
  t: 'res';
  id: string;
  result: OpResult;
}

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
    let msg: RpcRequest | RpcResponse;
    try {
      msg = JSON.parse(raw) as RpcRequest | RpcResponse;
    } catch {
      return;
    }
    if (msg.t === 'res') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
      return;
    }
    const result = runLocal(lookup(msg.code), msg.op);
    const reply: RpcResponse = { t: 'res', id: msg.id, result };
    void pub.publish(rpcChannel(msg.from), JSON.stringify(reply)).catch(() => undefined);
  });

  // Keep ownership alive while the process runs; if it dies, the keys expire and the rooms are gone.
  const refresh = setInterval(() => {
    for (const code of owned()) {
      void pub.set(ownerKey(code), processId, { expiration: { type: 'PX', value: OWNER_TTL_MS } }).catch(() => undefined);
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
      const owner = await pub.get(ownerKey(code));
      if (!owner) return NOT_FOUND;
      if (owner === processId) return NOT_FOUND; // owned here but evicted
      const id = randomUUID();
      const req: RpcRequest = { t: 'req', id, from: processId, code, op };
      return new Promise<OpResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'internal', message: 'The server running this game did not answer; try again.' } });
        }, RPC_TIMEOUT_MS);
        pending.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        void pub.publish(rpcChannel(owner), JSON.stringify(req)).catch(() => undefined);
      });
    },
    async claim(code) {
      const ok = await pub.set(ownerKey(code), processId, { condition: 'NX', expiration: { type: 'PX', value: OWNER_TTL_MS } });
      if (ok !== 'OK') throw new Error(`room ${code} is already owned by another process`);
    },
    async release(code) {
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
