import { createServer } from 'node:http';
import path from 'node:path';
import { envHelp, EnvError, parseEnv } from './server/env';
import type { Edge } from './server/edge';
import { createLogger } from './server/log';

/** Composition root: one HTTP server for Next.js pages and socket.io; no logic here. */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(`usage: npm run dev   (or npm start for the production build)
Serves Quizroom: the pages, the API and socket.io on one port. Configuration, from the environment:
${envHelp()}`);
    return;
  }
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
  // Loaded after the arguments are read, so `--help` starts no framework.
  const [{ default: next }, { startQuizroom }] = await Promise.all([import('next'), import('./server/bootstrap')]);
  const log = createLogger(env.LOG_LEVEL, env.NODE_ENV === 'production' && !process.stdout.isTTY);
  const dev = env.NODE_ENV !== 'production';
  const app = next({ dev, dir: path.resolve(process.cwd()), hostname: env.HOST, port: env.PORT });
  const handle = app.getRequestHandler();
  const front: { edge?: Edge } = {};
  const httpServer = createServer((req, res) => {
    // The edge (health, metrics, rate limits) first; it is set before the server listens.
    if (front.edge) front.edge.serve(req, res, () => void handle(req, res));
    else void handle(req, res);
  });
  const [started] = await Promise.all([startQuizroom(env, httpServer, log), app.prepare()]);
  front.edge = started.edge;
  const upgrade = app.getUpgradeHandler();
  httpServer.on('upgrade', (req, socket, head) => {
    // socket.io answers its own path; Next (dev HMR at /_next/hmr) gets the rest.
    if (!req.url?.startsWith('/socket.io')) void upgrade(req, socket, head);
  });
  if (process.env.QUIZROOM_STICKY_WORKER === '1') {
    // Started by `npm run start:cluster`: the primary accepts connections and hands each to a worker,
    // keeping a socket.io session on one worker (sticky), so this process does not listen itself.
    const { setupWorker } = await import('@socket.io/sticky');
    setupWorker(started.io);
    log.info(`Quizroom worker ${process.pid} ready (${started.db.kind})`);
  } else {
    httpServer.listen(env.PORT, env.HOST, () => {
      const shown = env.HOST === '0.0.0.0' ? 'localhost' : env.HOST;
      log.info(`Quizroom ready at http://${shown}:${env.PORT} (${dev ? 'development' : 'production'}, ${started.db.kind})`);
    });
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    httpServer.close();
    void started
      .stop()
      .catch((e: unknown) => log.error('stop failed', { error: String(e) }))
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('[quizroom] failed to start:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
