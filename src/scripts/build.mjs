// Production build: Prisma client, Next.js pages, and the custom server bundled with esbuild.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sourceStamp } from './stamp.mjs';

function run(cmd, args, env = {}) {
  console.log(`[build] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['src/scripts/prisma-generate.mjs']);
run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
run(process.execPath, [
  'node_modules/esbuild/bin/esbuild',
  'src/server.ts',
  '--bundle',
  '--platform=node',
  '--format=esm',
  '--packages=external',
  '--target=node20',
  '--sourcemap',
  '--outfile=dist/server.js',
]);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/.stamp', sourceStamp());
console.log('[build] done');
