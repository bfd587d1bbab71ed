import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { systemClock, type Clock } from './clock';
import { relayEvents } from './cluster/events';
import { createPlayerMail, type PlayerMail } from './cluster/player-mail';
import { connectRedis, type RedisClient, type RedisLink } from './cluster/redis';
import { createClusterRouter } from './cluster/router';
import { migrateDatabase, openDatabase, type Database } from './db/client';
import type { Env } from './env';
import { createEdge, probe, type Edge } from './edge';
import { createLocalEventBus, type EventBus } from './events';
import { ids } from './ids';
import { createAddressLimits } from './limits';
import type { Logger } from './log';
import { countingErrors, createMetrics, type Metrics } from './metrics';
import { createSocketAdapter } from './realtime/adapter';
import { createSocketServer, type QuizServer } from './realtime/io';
import { createSocketGuard } from './realtime/socket-guard';
import { attachSocketHandlers } from './realtime/socket-server';
import { socketTransport } from './realtime/transport';
import { createBoardStatsRepository } from './repositories/board-stats';
import { createAssignmentRepository } from './repositories/assignments';
import { createDeckRepository } from './repositories/decks';
import { createGroupRepository, createProfileRepository } from './repositories/profiles';
import { createRoomRepository } from './repositories/rooms';
import { roomRegistry } from './room/registry';
import { createLocalRouter, type RoomRouter } from './room/router';
import { createBoardService } from './services/boards/boards';
import { createExportService } from './services/boards/exports';
import { createInsightService } from './services/boards/insights';
import { createGroupUpdates } from './services/boards/live';
import { createPersonalService } from './services/boards/personal';
import { createGroupScopes } from './services/boards/scope';
import { setServices, type Services } from './services/container';
import { createDeckService } from './services/decks';
import { createLlmJudge } from './services/llm-judge';
import { createStudyService, type StudyService } from './services/study';
import { createReviewRepository } from './repositories/reviews';
import { createGroupService, createProfileService } from './services/profiles';
import { createAssignmentService } from './services/assignments';
import { createRoomService } from './services/rooms';
import { createStudySheetService } from './services/study-sheet';

export interface Started {
  services: Services;
  db: Database;
  io: QuizServer;
  /** What every HTTP request meets first: /healthz, /readyz, /metrics and the per-address limits (edge.ts). */
  edge: Edge;
  metrics: Metrics;
  /** What happened (rooms finished, cards answered), for this process's listeners. */
  events: EventBus;
  stop(): Promise<void>;
}

/** The cluster's connections to Redis (REDIS_URL): rooms routed to their owner, broadcasts and events to all. */
interface Cluster {
  link: RedisLink;
  router: RoomRouter;
  mail: PlayerMail;
  events: EventBus;
  adapterClients: RedisClient[];
  /** The client the rate limits share (their counts hold across processes). */
  client: RedisClient;
}

/**
 * The composition root: opens the database (PGlite when DATABASE_URL is unset), applies migrations, stores the
 * built-in decks, wires repositories, rooms, services and the socket adapter, and attaches socket.io to
 * `httpServer`. Shared by server.ts, the integration tests and the bench. No logic of its own.
 */
export async function startQuizroom(
  env: Env,
  httpServer: HttpServer,
  baseLog: Logger,
  clock: Clock = systemClock,
): Promise<Started> {
  const t0 = Date.now();
  // Until the metrics exist (below) nothing is counted: a failure before then stops the start anyway.
  let log = baseLog;
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
    onCreated: () => log.info('created the database DATABASE_URL names (it did not exist)'),
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
  const metrics = createMetrics({
    rooms: () =>
      [...registry.values()].map((r) => ({
        phase: r.phase,
        connectedPlayers: r.connectedCount,
        writeBacklog: r.writeBacklog,
      })),
    sockets: () => io.engine.clientsCount,
  });
  log = countingErrors(baseLog, metrics);
  const lookup = (code: string) => registry.get(code);
  const localEvents = createLocalEventBus((e) => log.error('event listener failed', { error: String(e) }));
  const cluster = env.REDIS_URL
    ? await joinCluster(env.REDIS_URL, io, lookup, localEvents, clock, log)
    : null;
  const router = cluster?.router ?? createLocalRouter(lookup);
  const events = cluster?.events ?? localEvents;

  const groupChanged = (groupId: string) => events.publish({ type: 'groupChanged', groupId });
  // The review queue is made further down (it needs the room registry); a seat claimed later reaches it then.
  const late: { study?: StudyService } = {};
  const profiles = createProfileService(createProfileRepository(db.prisma), {
    onGroupChange: groupChanged,
    onSeatLinked: (roomId) => {
      late.study?.announceRoom(roomId).catch((e: unknown) => log.error('review scheduling failed', { error: String(e) }));
    },
  });
  const groups = createGroupService(createGroupRepository(db.prisma), { onChange: groupChanged });
  const stats = createBoardStatsRepository(db.prisma);
  const scopes = createGroupScopes({ groups, stats });
  const boards = createBoardService({ stats, decks: deckRepo, scopes });
  const groupUpdates = createGroupUpdates(events);
  const judge = env.GRADER_LLM_URL
    ? createLlmJudge(
        { url: env.GRADER_LLM_URL, model: env.GRADER_LLM_MODEL, apiKey: env.GRADER_LLM_KEY, timeoutMs: env.GRADER_LLM_TIMEOUT_MS },
        log,
      )
    : undefined;
  if (judge) log.info('an LLM judge is asked about unsure typed answers', { model: env.GRADER_LLM_MODEL });
  const roomRepo = createRoomRepository(db.prisma);
  const rooms = createRoomService({
    ...(judge ? { judge } : {}),
    decks: deckRepo,
    learn: (learned) => decks.learn(learned),
    rooms: roomRepo,
    clock,
    ids,
    log,
    maxPlayers: env.MAX_PLAYERS_PER_ROOM,
    transportFor: (code) => socketTransport(io, code, cluster?.mail),
    publicUrl: env.PUBLIC_URL,
    router,
    events,
    requireGroupAdmin: (id, token) => groups.requireAdmin(id, token),
  });
  if (!cluster) {
    // In a cluster other processes' rooms are alive; only a single process may take over what is left open.
    const recovered = await rooms.recover();
    if (recovered.resumed + recovered.abandoned > 0) log.info('rooms of a previous run', recovered);
  }
  // In a cluster, a room whose owner died (its lease expired) is taken over by whichever process claims it [R8.4].
  const stopWatching = cluster ? rooms.watchOrphans() : () => undefined;
  const insights = createInsightService({ stats, scopes });
  const assignments = createAssignmentService({
    repo: createAssignmentRepository(db.prisma),
    decks: deckRepo,
    practice: async (groupId) => (await insights.forGroup(groupId)).practice,
    requireGroupAdmin: (id, token) => groups.requireAdmin(id, token),
    profiles,
    clock,
    ids,
    log,
    events,
    publicUrl: env.PUBLIC_URL,
    maxPlayers: env.MAX_PLAYERS_PER_ROOM,
  });
  // Deadlines close assignments (their results then count for the group); any process may do it, once.
  const closeDue = () =>
    void assignments
      .closeDue()
      .then((n) => n > 0 && log.info('closed assignments past their deadline', { count: n }))
      .catch((e: unknown) => log.error('closing assignments failed', { error: String(e) }));
  closeDue();
  const dueTimer = setInterval(closeDue, 30_000);
  dueTimer.unref();
  const adapter = createSocketAdapter({ rooms, profiles, ids, now: () => clock.now(), log, assignments });
  const boundary = guardAndMeasure(env, io, db, cluster, metrics, log);
  attachSocketHandlers(io, adapter, () => clock.now(), boundary.socketHooks);

  const evict = setInterval(() => rooms.evictIdle(30 * 60_000), 60_000);
  evict.unref();

  const study = createStudyService({
    reviews: createReviewRepository(db.prisma),
    bus: events,
    deck: (id) => decks.get(id),
    cardForGrading: (deckId, cardId) => decks.cardForGrading(deckId, cardId),
    newId: ids.id,
    now: () => new Date(clock.now()),
    // One process: every room is its own. In a cluster each process schedules the rooms it ran.
    ownsRoom: (code) => !cluster || registry.get(code) !== undefined,
    onError: (e) => log.error('review scheduling failed', { error: String(e) }),
  });
  late.study = study;

  const services: Services = {
    env,
    log,
    decks,
    rooms,
    profiles,
    groups,
    boards,
    insights,
    assignments,
    personal: createPersonalService({ stats, profiles }),
    exports: createExportService({ stats, boards, scopes }),
    studySheet: createStudySheetService({
      decks: deckRepo,
      rooms: roomRepo,
      readable: (code, token) => rooms.readable(code, token),
    }),
    groupUpdates,
    study,
    dbKind: db.kind,
  };
  setServices(services);
  log.info('database ready', { kind: db.kind, ms: Date.now() - t0 });
  return {
    services,
    db,
    io,
    edge: boundary.edge,
    metrics,
    events,
    async stop() {
      boundary.draining();
      stopWatching();
      clearInterval(evict);
      clearInterval(dueTimer);
      groupUpdates.close();
      await rooms.flushAll();
      await assignments.flushed();
      await study.settled();
      study.close();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      setServices(undefined);
      cluster?.mail.close();
      await router.close();
      if (cluster) {
        await cluster.link.close();
        await Promise.allSettled(cluster.adapterClients.map((c) => c.quit()));
      }
      await db.close();
    },
  };
}

/**
 * Several processes: each room is owned by one process (requests travel to it over Redis), the socket.io Redis
 * adapter carries broadcasts to every process, per-player results go as batched mail, and events reach every
 * process's listeners.
 */
async function joinCluster(
  url: string,
  io: QuizServer,
  lookup: Parameters<typeof createClusterRouter>[0]['lookup'],
  localEvents: EventBus,
  clock: Clock,
  log: Logger,
): Promise<Cluster> {
  const link = await connectRedis(url, log);
  const processId = randomUUID();
  const router = await createClusterRouter({ link, processId, lookup, clock, log });
  const adapterPub = link.client.duplicate();
  const adapterSub = link.client.duplicate();
  await Promise.all([adapterPub.connect(), adapterSub.connect()]);
  io.adapter(createAdapter(adapterPub, adapterSub, { key: 'quizroom' }));
  const mail = await createPlayerMail(
    link,
    processId,
    (channel, event, payload) =>
      (io.local.to(channel).emit as (e: string, p: unknown) => boolean)(event, payload),
    clock,
    log,
  );
  const events = await relayEvents(localEvents, link, processId, log);
  log.info('cluster mode', { processId });
  return { link, router, mail, events, adapterClients: [adapterPub, adapterSub], client: link.client };
}

/**
 * Abuse protection and operations around the app: per-address rate limits (shared through Redis in a cluster),
 * the socket guard (per-socket limits, flood disconnects), the answer-ack histogram, and the HTTP edge with
 * /healthz, /readyz (database and Redis reachable, not stopping) and /metrics.
 */
function guardAndMeasure(
  env: Env,
  io: QuizServer,
  db: Database,
  cluster: Cluster | null,
  metrics: Metrics,
  log: Logger,
) {
  const limits = createAddressLimits(
    {
      joins: env.RATE_LIMIT_JOINS,
      lookups: env.RATE_LIMIT_LOOKUPS,
      unknownCodes: env.RATE_LIMIT_UNKNOWN_CODES,
      rooms: env.RATE_LIMIT_ROOMS,
      deckImports: env.RATE_LIMIT_DECK_IMPORTS,
      writes: env.RATE_LIMIT_WRITES,
    },
    { ...(cluster ? { redis: cluster.client } : {}), runsRoom: (code) => roomRegistry().has(code) },
  );
  const guard = createSocketGuard(
    {
      ratePerSec: env.SOCKET_RATE_PER_SEC,
      burst: env.SOCKET_RATE_BURST,
      floodLimit: env.SOCKET_FLOOD_LIMIT,
      trustedHops: env.TRUST_PROXY,
    },
    limits,
    metrics.limited,
  );
  let stopping = false;
  const edge = createEdge({
    limits,
    trustedHops: env.TRUST_PROXY,
    metrics,
    metricsToken: env.METRICS_TOKEN,
    log,
    async ready() {
      const [database, redis] = await Promise.all([
        probe(() => db.sql.query('SELECT 1')),
        cluster ? probe(() => cluster.client.ping()) : Promise.resolve({ ok: true, ms: 0, skipped: true as const }),
      ]);
      const serving = { ok: !stopping, ms: 0, ...(stopping ? { error: 'stopping' } : {}) };
      return { ok: database.ok && redis.ok && serving.ok, checks: { database, redis, serving } };
    },
  });
  return {
    edge,
    socketHooks: { guard, answerAcked: metrics.observeAnswerAck },
    draining: () => {
      stopping = true;
    },
  };
}
