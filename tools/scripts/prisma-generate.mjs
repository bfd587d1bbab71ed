// Generates the Prisma client (`npm run db:generate`, and after `npm install`). Prisma 7's `prisma-client` generator
// needs no engine at run time; `prisma generate` only wants a schema-engine binary to exist, which cannot be
// downloaded here, so we point it at a no-op program unless the user set one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.argv.includes('--help')) {
  console.log('usage: npm run db:generate\n  Generates the Prisma client from prisma/schema.prisma into src/generated/prisma (also run after npm install).');
  process.exit(0);
}

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const noop = ['/usr/bin/true', '/bin/true'].find((p) => existsSync(p));
  if (noop) env.PRISMA_SCHEMA_ENGINE_BINARY = noop;
}
const r = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
if (r.status !== 0) {
  console.error('[quizroom] prisma generate failed');
  process.exit(r.status ?? 1);
}
