// One server process of the two-process test: the real realtime stack (no Next pages) with REDIS_URL and
// DATABASE_URL from the environment, plus a test-only POST /create that makes a room on this process.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startQuizroom } from '../../src/server/bootstrap';
import { parseEnv } from '../../src/server/env';
import { createLogger } from '../../src/server/log';
import { CreateRoomBodySchema } from '../../src/protocol';

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/create') {
    res.statusCode = 404;
    res.end();
    return;
  }
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const parsed = CreateRoomBodySchema.parse(JSON.parse(body));
    started.services.rooms
      .create(parsed, 'http://127.0.0.1')
      .then((r) => res.end(JSON.stringify(r)))
      .catch((e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      });
  });
});
const env = parseEnv({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
const started = await startQuizroom(env, http, createLogger('warn'));
http.listen(0, '127.0.0.1', () => {
  console.log(`READY ${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  void started.stop().finally(() => process.exit(0));
});
