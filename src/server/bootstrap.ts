import type { Server as HttpServer } from 'node:http';
import { migrateDatabase, openDatabase, type Database } from './db/client';
import type { Env } from './env';
import type { Logger } from './log';
import { systemClock, type Clock } from './realtime/clock';
import { attachHandlers, createSocketServer, transportFor } from './realtime/socket-server';
import { createDeckRepository } from './repositories/decks';
import { createRoomRepository } from './repositories/rooms';
import { setServices, type Services } from './services/container';
import { createDeckService } from './services/decks';
import { createRoomService } from './services/rooms';

export interface Started {
  services: Services;
  db: Database;
  io: ReturnType<typeof createSocketServer>;
  stop(): Promise<void>;
}

/**
 * Opens the database (PGlite when DATABASE_URL is unset), applies migrations, stores the built-in decks and
 * attaches socket.io to `httpServer`. Shared by server.ts, the integration tests and the bench.
 */
export async function startQuizroom(
  env: Env,
  httpServer: HttpServer,
  log: Logger,
  clock: Clock = systemClock,
): Promise<Started> {
  const t0 = Date.now();
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    poolSize: env.DB_POOL_SIZE,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  });
  const migrated = await migrateDatabase(db);
  if (migrated.applied.length > 0) log.info('migrations applied', { applied: migrated.applied });
  const deckRepo = createDeckRepository(db.prisma);
  const decks = createDeckService(deckRepo, log);
  await decks.ensureBuiltin();

  const io = createSocketServer(httpServer);
  const rooms = createRoomService({
    decks: deckRepo,
    rooms: createRoomRepository(db.prisma),
    clock,
    log,
    maxPlayers: env.MAX_PLAYERS_PER_ROOM,
    transportFor: (code) => transportFor(io, code),
    publicUrl: env.PUBLIC_URL,
  });
  const abandoned = await rooms.closeAbandoned();
  if (abandoned > 0) log.info('marked rooms of a previous run as abandoned', { count: abandoned });
  attachHandlers(io, { rooms, log, now: () => clock.now() });

  const evict = setInterval(() => rooms.evictIdle(30 * 60_000), 60_000);
  evict.unref();

  const services: Services = { env, log, decks, rooms, dbKind: db.kind };
  setServices(services);
  log.info('database ready', { kind: db.kind, ms: Date.now() - t0 });
  return {
    services,
    db,
    io,
    async stop() {
      clearInterval(evict);
      await rooms.flushAll();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      setServices(undefined);
      await db.close();
    },
  };
}
