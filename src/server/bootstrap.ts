import { createPlayerMail, type PlayerMail } from './realtime/player-mail';
import type { Server as HttpServer } from 'node:http';
import { migrateDatabase, openDatabase, type Database } from './db/client';
import type { Env } from './env';
import type { Logger } from './log';
import { createAdapter } from '@socket.io/redis-adapter';
import { systemClock, type Clock } from './realtime/clock';
import { roomRegistry } from './realtime/registry';
import { createLocalRouter, createRedisRouter, type RedisClient, type RoomRouter } from './realtime/router';
import { attachHandlers, createSocketServer, transportFor } from './realtime/socket-server';
import { createDeckRepository } from './repositories/decks';
import { createLeaderboardRepository } from './repositories/leaderboards';
import { createGroupRepository, createProfileRepository } from './repositories/profiles';
import { createRoomRepository } from './repositories/rooms';
import { setServices, type Services } from './services/container';
import { createDeckService } from './services/decks';
import { createLeaderboardService } from './services/leaderboards';
import { createGroupService, createProfileService } from './services/profiles';
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
  if (env.REDIS_URL && !env.DATABASE_URL) {
    // Two processes on one PGlite folder corrupt it; a cluster needs a real Postgres.
    throw new Error(
      'REDIS_URL (several server processes) needs DATABASE_URL: the embedded database serves one process.',
    );
  }
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    poolSize: env.DB_POOL_SIZE,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    onIdleError: (e) =>
      log.warn('an idle Postgres connection was closed; it is reopened when needed', { error: e.message }),
  });
  const migrated = await migrateDatabase(db);
  if (migrated.applied.length > 0) log.info('migrations applied', { applied: migrated.applied });
  const deckRepo = createDeckRepository(db.prisma);
  const decks = createDeckService(deckRepo, log);
  // Several processes may start together and store the built-in decks at the same moment: retry a clash.
  for (let attempt = 1; ; attempt++) {
    try {
      await decks.ensureBuiltin();
      break;
    } catch (e) {
      if (attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
    }
  }

  const io = createSocketServer(httpServer);
  const registry = roomRegistry();
  let router: RoomRouter;
  let adapterClients: RedisClient[] = [];
  let mail: PlayerMail | undefined;
  if (env.REDIS_URL) {
    // Several processes: rooms are owned by one process each; the adapter carries broadcasts to all of them.
    const redisRouter = await createRedisRouter(
      env.REDIS_URL,
      (code) => registry.get(code),
      () => [...registry.keys()],
      log,
    );
    const adapterPub = redisRouter.pub.duplicate();
    const adapterSub = redisRouter.pub.duplicate();
    await Promise.all([adapterPub.connect(), adapterSub.connect()]);
    io.adapter(createAdapter(adapterPub, adapterSub, { key: 'quizroom' }));
    adapterClients = [adapterPub, adapterSub];
    mail = await createPlayerMail(io, redisRouter.pub, redisRouter.processId, log);
    router = redisRouter;
    log.info('cluster mode', { processId: router.processId });
  } else {
    router = createLocalRouter((code) => registry.get(code));
  }
  // Admin changes and results added to a profile reach the boards open in browsers at once (games ending
  // are polled).
  const profiles = createProfileService(createProfileRepository(db.prisma), {
    onGroupChange: (id) => leaderboards.touch(id),
  });
  const groups = createGroupService(createGroupRepository(db.prisma), {
    onChange: (id) => leaderboards.touch(id),
  });
  const leaderboards = createLeaderboardService({
    stats: createLeaderboardRepository(db.prisma),
    groups,
    profiles,
    decks: deckRepo,
    clock,
  });
  const rooms = createRoomService({
    decks: deckRepo,
    rooms: createRoomRepository(db.prisma),
    clock,
    log,
    maxPlayers: env.MAX_PLAYERS_PER_ROOM,
    transportFor: (code) => transportFor(io, code, mail),
    publicUrl: env.PUBLIC_URL,
    router,
    requireGroupAdmin: (id, token) => groups.requireAdmin(id, token),
  });
  if (!env.REDIS_URL) {
    // In a cluster other processes' rooms are alive; only a single process may assume leftovers are dead.
    const abandoned = await rooms.closeAbandoned();
    if (abandoned > 0) log.info('marked rooms of a previous run as abandoned', { count: abandoned });
  }
  attachHandlers(io, { rooms, router, profiles, log, now: () => clock.now() });

  const evict = setInterval(() => rooms.evictIdle(30 * 60_000), 60_000);
  evict.unref();

  const services: Services = { env, log, decks, rooms, profiles, groups, leaderboards, dbKind: db.kind };
  setServices(services);
  log.info('database ready', { kind: db.kind, ms: Date.now() - t0 });
  return {
    services,
    db,
    io,
    async stop() {
      clearInterval(evict);
      leaderboards.close();
      await rooms.flushAll();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      setServices(undefined);
      await mail?.close();
      await router.close();
      await Promise.allSettled(adapterClients.map((c) => c.quit()));
      await db.close();
    },
  };
}
