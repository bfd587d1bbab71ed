// `npm start`: builds first when the production build is missing or older than the sources, then serves.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { sourceStamp } from './stamp.mjs';

if (process.argv.includes('--help')) {
  console.log(
    'usage: npm start\n  Serves the production build (building it first when it is missing or older than the sources).\n' +
      '  Configuration is read from the environment: see `npm run dev -- --help` or README.md.',
  );
  process.exit(0);
}

const stampFile = 'dist/.stamp';
const built = existsSync('dist/server.js') && existsSync('.next/BUILD_ID') && existsSync(stampFile);
const fresh = built && readFileSync(stampFile, 'utf8') === sourceStamp();
if (!fresh) {
  console.log(built ? '[start] sources changed since the last build: rebuilding…' : '[start] no production build yet: building…');
  const r = spawnSync(process.execPath, ['tools/scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
