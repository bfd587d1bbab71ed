// Prisma CLI configuration (Prisma 7 reads .config/prisma.ts). The app itself connects through driver
// adapters (src/server/db/client.ts); DATABASE_URL is only needed here for `prisma migrate` with a real engine.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: '../prisma/schema.prisma',
  migrations: { path: '../prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
