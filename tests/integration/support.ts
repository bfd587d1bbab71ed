import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { BUILTIN_DECK_ID } from '../../src/decks/types';
import { startQuizroom, type Started } from '../../src/server/bootstrap';
import { parseEnv } from '../../src/server/env';
import { silentLogger } from '../../src/server/log';
import { loadRoutes, serveRoutes } from './routes';
import type {
  Ack,
  AckData,
  ClientEvent,
  ClientToServerEvents,
  CreateRoomBody,
  CreateRoomResponse,
  ServerToClientEvents,
} from '../../src/protocol';

/**
 * A database of its own for a test file: a fresh Postgres database when DATABASE_URL is set (CI), else an
 * in-memory PGlite.
 */
export async function testDatabaseUrl(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) return { url: undefined, drop: async () => undefined };
  const name = `quizroom_it_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const c = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    },
  };
}

export interface TestServer {
  url: string;
  app: Started;
  http: Server;
  stop(): Promise<void>;
}

/**
 * The real server stack (socket.io + services + database) on a free port, without Next's pages: the HTTP edge
 * (health, metrics, rate limits) in front of the API's route handlers, as server.ts puts it in front of Next.
 * `env` overrides the configuration (limits, for instance).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const db = await testDatabaseUrl();
  const parsed = parseEnv({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    ...(db.url ? { DATABASE_URL: db.url } : {}),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const routes = serveRoutes(await loadRoutes());
  const front: { app?: Started } = {};
  const http = createServer((req, res) => {
    if (front.app) front.app.edge.serve(req, res, () => routes(req, res));
    else res.writeHead(503).end();
  });
  const app = await startQuizroom({ ...parsed, DATA_DIR: 'memory://' }, http, silentLogger);
  front.app = app;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    http,
    async stop() {
      await app.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await db.drop();
    },
  };
}

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client that records every message it receives. */
export class TestClient {
  readonly socket: Client;
  readonly received: { event: string; payload: unknown }[] = [];

  /** `reconnect`: reconnect by itself as the browser's socket does (src/client/socket.ts). */
  constructor(url: string, transports: ('websocket' | 'polling')[] = ['websocket'], reconnect = false) {
    this.socket = connect(url, {
      path: '/socket.io',
      transports,
      forceNew: true,
      reconnection: reconnect,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1000,
    });
    this.socket.onAny((event: string, payload: unknown) => this.received.push({ event, payload }));
  }

  async connected(): Promise<void> {
    if (this.socket.connected) return;
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** Emits with an ack and resolves with it. */
  request<E extends ClientEvent>(event: E, payload: unknown): Promise<Ack<AckData[E]>> {
    return new Promise((resolve) => {
      (this.socket.emit as (e: string, p: unknown, cb: (r: Ack<AckData[E]>) => void) => void)(
        event,
        payload,
        resolve,
      );
    });
  }

  async ok<E extends ClientEvent>(event: E, payload: unknown): Promise<AckData[E]> {
    const r = await this.request(event, payload);
    if (!r.ok) throw new Error(`${event} failed: ${r.error.code} ${r.error.message}`);
    return r.data;
  }

  last<T>(event: string): T | undefined {
    for (let i = this.received.length - 1; i >= 0; i--) {
      const m = this.received[i];
      if (m?.event === event) return m.payload as T;
    }
    return undefined;
  }

  /** Waits until a received message of `event` satisfies `pred`. */
  async waitFor<T>(event: string, pred: (p: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const found = this.received.find((m) => m.event === event && pred(m.payload as T));
      if (found) return found.payload as T;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${event}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** The room settings of the integration tests: choice questions, 30 s, points with the speed bonus, no auto-advance. */
export const TEST_ROOM_SETTINGS: CreateRoomBody['settings'] = {
  mode: 'choice',
  timeLimitSec: 30,
  points: true,
  speedBonus: true,
  autoAdvance: false,
  autoAdvanceSec: 8,
};

/** A room to create: any field of the create body, the settings field by field. */
export interface TestRoomOptions extends Partial<Omit<CreateRoomBody, 'settings'>> {
  settings?: Partial<CreateRoomBody['settings']>;
}

/** One test file's server, started before its tests and stopped (with every client it made) after them. */
export interface TestServerFixture {
  /** The started stack and its address; read them inside a test or hook (before, the server is not started). */
  readonly app: Started;
  readonly url: string;
  /** A connected socket.io client, closed after the file's tests. */
  client(): Promise<TestClient>;
  /**
   * A room of the built-in deck, not shuffled, with TEST_ROOM_SETTINGS overridden by the file's defaults and
   * then by `options` (settings merged field by field).
   */
  createRoom(options?: TestRoomOptions): Promise<CreateRoomResponse>;
}

/**
 * Registers the beforeAll/afterAll of a test file's server (startTestServer with `env`) and returns what the
 * tests use of it. `room`: the file's own defaults for createRoom.
 */
export function useTestServer(opts: { env?: Record<string, string>; room?: TestRoomOptions } = {}): TestServerFixture {
  let started: TestServer | undefined;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    started = await startTestServer(opts.env);
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await started?.stop();
  });
  const server = (): TestServer => {
    if (!started) throw new Error('the test server is not started: use it inside a test or a hook');
    return started;
  };
  const defaults = opts.room ?? {};
  return {
    get app() {
      return server().app;
    },
    get url() {
      return server().url;
    },
    async client() {
      const c = new TestClient(server().url);
      clients.push(c);
      await c.connected();
      return c;
    },
    createRoom(options = {}) {
      return server().app.services.rooms.create(
        {
          deckId: BUILTIN_DECK_ID,
          shuffle: false,
          ...defaults,
          ...options,
          settings: { ...TEST_ROOM_SETTINGS, ...defaults.settings, ...options.settings },
        },
        server().url,
      );
    },
  };
}
