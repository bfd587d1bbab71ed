import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CreateAssignmentBodySchema, CreateRoomBodySchema, RoomCodeSchema } from '../../src/protocol';
import { startQuizroom } from '../../src/server/bootstrap';
import { EnvError, parseEnv } from '../../src/server/env';
import { createLogger } from '../../src/server/log';

/**
 * `npm run bench -- --server bare`: the realtime server and database exactly as server.ts starts them, without
 * Next.js. It answers only the HTTP routes the bench uses (health, create a room, a room's results, create an assignment and read its progress) with
 * the same services the Next route handlers call. For quick iterations on the server code (no build).
 */

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readJson(req: IncomingMessage, maxBytes = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(env.LOG_LEVEL, false);
  const httpServer = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      log.error('bench http failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: String(e) } });
    });
  });
  const started = await startQuizroom(env, httpServer, log);
  const { rooms } = started.services;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/api/health') {
      send(res, 200, { ok: true, db: started.db.kind });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/rooms') {
      const parsed = CreateRoomBodySchema.safeParse(await readJson(req));
      if (!parsed.success) {
        send(res, 400, { error: { code: 'bad_request', message: parsed.error.message } });
        return;
      }
      send(res, 201, await rooms.create(parsed.data, `http://${req.headers.host ?? '127.0.0.1'}`));
      return;
    }
    const m = /^\/api\/rooms\/([^/]+)\/results$/.exec(url.pathname);
    if (req.method === 'GET' && m) {
      const code = RoomCodeSchema.safeParse(decodeURIComponent(m[1] ?? ''));
      if (!code.success) {
        send(res, 400, { error: { code: 'bad_request', message: 'bad code' } });
        return;
      }
      const results = await rooms.results(code.data);
      if (!results) send(res, 404, { error: { code: 'room_not_found', message: 'no such room' } });
      else send(res, 200, results);
      return;
    }
    // Self-paced mode (tools/bench/self-paced.ts): create an assignment, read its progress as its host.
    if (req.method === 'POST' && url.pathname === '/api/assignments') {
      const parsed = CreateAssignmentBodySchema.safeParse(await readJson(req));
      if (!parsed.success) {
        send(res, 400, { error: { code: 'bad_request', message: parsed.error.message } });
        return;
      }
      send(res, 201, await started.services.assignments.create(parsed.data, `http://${req.headers.host ?? '127.0.0.1'}`));
      return;
    }
    const a = /^\/api\/assignments\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (req.method === 'GET' && a) {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
      send(res, 200, await started.services.assignments.progress(a[1] ?? '', token));
      return;
    }
    send(res, 404, { error: { code: 'not_found', message: 'the bench server has only the bench routes' } });
  }

  httpServer.listen(env.PORT, env.HOST, () => log.info(`bench server ready on ${env.HOST}:${env.PORT}`));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    httpServer.close();
    setTimeout(() => process.exit(0), 5000).unref();
    void started
      .stop()
      .catch((e: unknown) => log.error('stop failed', { error: String(e) }))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('[bench-server] failed to start:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
