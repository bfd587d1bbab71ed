/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Database drivers stay plain Node modules (server.ts loads them; Next must not bundle them).
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg', 'socket.io'],
  // Phones on the LAN open the dev server by IP; Next 16 refuses cross-origin dev requests otherwise.
  allowedDevOrigins: ['localhost', '127.0.0.1', '*.local', '192.168.*.*', '10.*.*.*'],
  // `npm test` type-checks and lints the whole project before it builds.
  typescript: { ignoreBuildErrors: true },
};

export default config;
