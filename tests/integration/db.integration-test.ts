import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client';
import { testDatabaseUrl } from './support';

// Postgres only (DATABASE_URL, as in CI): an idle pooled connection killed under the server (a restart, a
// failover, pg_terminate_backend) must not crash the process, and the next query must work.
const admin = process.env.DATABASE_URL;

describe.skipIf(!admin)('Postgres connection pool', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let url = '';
  const idleErrors: Error[] = [];
  beforeAll(async () => {
    const t = await testDatabaseUrl();
    url = t.url!;
    drop = t.drop;
    db = await openDatabase({
      databaseUrl: url,
      dataDir: 'memory://',
      onIdleError: (e) => idleErrors.push(e),
    });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('survives its idle connections being terminated, and the next query reconnects', async () => {
    // Open a few pooled connections and leave them idle.
    await Promise.all([1, 2, 3].map(() => db.sql.query('SELECT pg_sleep(0.05)')));
    const name = new URL(url).pathname.slice(1);
    const c = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 5000 });
    await c.connect();
    const killed = await c.query<{ n: string }>(
      `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
    await c.end();
    expect(Number(killed.rows[0]?.n)).toBeGreaterThan(0);
    // The pool reports the dead idle connections instead of throwing them at the process.
    // Every killed connection reports before the next query (under load the reports arrive one by one, and a
    // query handed a connection whose report is still on its way would fail: that is not what this test is about).
    const n = Number(killed.rows[0]?.n);
    for (let i = 0; i < 250 && idleErrors.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    expect(idleErrors.length).toBeGreaterThan(0);
    const rows = await db.sql.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0]?.one).toBe(1);
    expect(await db.prisma.$queryRawUnsafe<{ two: number }[]>('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });
});
