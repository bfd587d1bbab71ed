// `npm run start:cluster`: several server processes on one machine (to use every core), behind sticky routing.
// The primary accepts connections and hands each to a worker (socket.io sessions stay on one worker); the workers
// share Postgres (DATABASE_URL) and Redis (REDIS_URL): each room is owned by one worker, and broadcasts reach
// players on every worker through the socket.io Redis adapter.
import cluster from 'node:cluster';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { setupMaster } from '@socket.io/sticky';
import { sourceStamp } from './stamp.mjs';

if (process.argv.includes('--help')) {
  console.log(
    'usage: DATABASE_URL=postgres://... REDIS_URL=redis://... npm run start:cluster\n' +
      '  Several server processes behind one port (sticky sessions); WORKERS (default: one per core), PORT, HOST.',
  );
  process.exit(0);
}

const workers = Number(process.env.WORKERS ?? os.availableParallelism());
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  console.error('[cluster] several processes need DATABASE_URL (Postgres) and REDIS_URL (Redis); see docs/PERFORMANCE.md');
  process.exit(2);
}
const fresh = existsSync('dist/server.js') && existsSync('.next/BUILD_ID') && existsSync('dist/.stamp') && readFileSync('dist/.stamp', 'utf8') === sourceStamp();
if (!fresh) {
  const r = spawnSync(process.execPath, ['tools/scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = http.createServer();
setupMaster(server, { loadBalancingMethod: 'least-connection' });
// The primary hands each connection's first bytes (a Buffer) to a worker over IPC. With the default JSON
// serialization a Buffer arrives as a plain object the worker cannot replay, and every request got an empty reply
// (issue 11, finding 9); 'advanced' (the structured clone) keeps it a Buffer, as @socket.io/sticky requires.
cluster.setupPrimary({ exec: 'dist/server.js', execArgv: ['--enable-source-maps'], serialization: 'advanced' });
for (let i = 0; i < workers; i++) cluster.fork({ NODE_ENV: 'production', QUIZROOM_STICKY_WORKER: '1' });
cluster.on('exit', (w, code, signal) => {
  console.error(`[cluster] worker ${w.process.pid} exited (${signal ?? code}); starting another`);
  cluster.fork({ NODE_ENV: 'production', QUIZROOM_STICKY_WORKER: '1' });
});
server.listen(port, host, () => console.log(`[cluster] ${workers} workers behind http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cluster.removeAllListeners('exit');
    for (const w of Object.values(cluster.workers ?? {})) w?.kill(sig);
    server.close();
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
