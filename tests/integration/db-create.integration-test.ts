import { createServer } from 'node:http';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startQuizroom } from '../../src/server/bootstrap';
import { ensureDatabase } from '../../src/server/db/create';
import { parseEnv } from '../../src/server/env';
import { silentLogger } from '../../src/server/log';

/**
 * A DATABASE_URL that names a database that does not exist yet: the server creates it, as Prisma's tools do,
 * when the user may (issue 11, item 9); a user who may not gets a message that says what to do. Needs Postgres
 * (DATABASE_URL, as in CI and `npm test` here).
 */
const admin = process.env.DATABASE_URL;
const name = `quizroom_created_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
const role = `quizroom_nocreate_${process.pid}`;

async function sql(query: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return await c.query(query);
  } finally {
    await c.end();
  }
}

function urlFor(db: string, user?: string): string {
  const u = new URL(admin!);
  u.pathname = `/${db}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

afterAll(async () => {
  if (!admin) return;
  await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await sql(`DROP DATABASE IF EXISTS "${name}_x" WITH (FORCE)`).catch(() => undefined);
  await sql(`DROP ROLE IF EXISTS "${role}"`).catch(() => undefined);
});

describe.skipIf(!admin)('a DATABASE_URL naming a database that does not exist', () => {
  it('is created at start-up, migrated, and served', async () => {
    const env = parseEnv({ NODE_ENV: 'test', DATABASE_URL: urlFor(name), LOG_LEVEL: 'silent' });
    const http = createServer();
    const app = await startQuizroom(env, http, silentLogger);
    try {
      expect((await app.services.decks.list()).length).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
    const found = await sql(`SELECT 1 FROM pg_database WHERE datname = '${name}'`);
    expect(found.rowCount).toBe(1);
    // A second start finds it and creates nothing.
    expect(await ensureDatabase(urlFor(name))).toBe(false);
  });

  it('a user who may not create databases is told what to run, and nothing is created', async () => {
    await sql(`CREATE ROLE "${role}" LOGIN NOCREATEDB`);
    const attempt = ensureDatabase(urlFor(`${name}_x`, role));
    await expect(attempt).rejects.toThrow(/does not exist and user "quizroom_nocreate_\d+" may not create it.*createdb/);
    expect((await sql(`SELECT 1 FROM pg_database WHERE datname = '${name}_x'`)).rowCount).toBe(0);
  });
});
