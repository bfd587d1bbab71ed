// Production build: Prisma client, Next.js pages, and the custom server bundled with esbuild.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { sourceStamp } from './stamp.mjs';

if (process.argv.includes('--help')) {
  console.log('usage: npm run build\n  The production build: the Prisma client, the Next.js pages (.next/) and the server bundle (dist/server.js).');
  process.exit(0);
}

function run(cmd, args, env = {}) {
  console.log(`[build] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['tools/scripts/prisma-generate.mjs']);
run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
// The custom server (socket.io, Prisma, services) as one ESM file; packages stay in node_modules.
console.log('[build] esbuild src/server.ts -> dist/server.js');
await build({
  entryPoints: ['src/server.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  target: 'node20',
  sourcemap: true,
  outfile: 'dist/server.js',
  logLevel: 'warning',
});
mkdirSync('dist', { recursive: true });
writeFileSync('dist/.stamp', sourceStamp());
console.log('[build] done');
