import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Turbopack compiles only files under its root. A checkout whose node_modules is a link to another checkout's (a
 * git worktree sharing one install) needs a root that holds both; a plain clone gets its own directory, as by
 * default.
 */
function workspaceRoot() {
  const here = process.cwd();
  let modules;
  try {
    modules = path.dirname(realpathSync(path.join(here, 'node_modules')));
  } catch {
    return here;
  }
  let root = here;
  while (root !== path.dirname(root) && path.relative(root, modules).startsWith('..')) root = path.dirname(root);
  return root;
}

/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root: workspaceRoot() },
  // Database drivers stay plain Node modules (server.ts loads them; Next must not bundle them).
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg', 'socket.io'],
  // Phones on the LAN open the dev server by IP; Next 16 refuses cross-origin dev requests otherwise.
  allowedDevOrigins: ['localhost', '127.0.0.1', '*.local', '192.168.*.*', '10.*.*.*'],
  // `npm test` type-checks and lints the whole project before it builds.
  typescript: { ignoreBuildErrors: true },
};

export default config;
