import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';
import { ensureDatabase } from './create';
import { applyMigrations, readMigrations, type MigrateResult, type SqlExecutor } from './migrate';

export type { PrismaClient };

/** An open database: the Prisma client for repositories, a raw executor for migrations and tests. */
export interface Database {
  kind: 'postgres' | 'pglite';
  prisma: PrismaClient;
  sql: SqlExecutor;
  /** Runs `fn` on one dedicated session (Postgres session-level locks need it). */
  withSession<T>(fn: (session: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder (used when databaseUrl is unset); 'memory://' for an in-memory database. */
  dataDir: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  /** An idle pooled Postgres connection failed (it is replaced on the next query). Default: one line on stderr. */
  onIdleError?: (e: Error) => void;
  /** DATABASE_URL named a database that did not exist, and it was created. */
  onCreated?: () => void;
}

const defaultIdleError = (e: Error) =>
  console.error(
    `[db] an idle Postgres connection was closed (${e.message}); a new one is opened when needed`,
  );

// A fixed key for pg_advisory_lock so several server processes starting together migrate one at a time.
const MIGRATION_LOCK_KEY = 7_244_301;

function pgExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async exec(sql) {
      await pool.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const r = await pool.query(sql, params);
      return r.rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await clientExecutor(client).transaction(fn);
      } finally {
        client.release();
      }
    },
  };
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        await fn({ ...clientExecutor(client), transaction: (inner) => inner(clientExecutor(client)) });
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    },
  };
}

function pgliteExecutor(db: PGlite): SqlExecutor {
  const wrap = (q: Pick<PGlite, 'exec' | 'query'>): SqlExecutor => ({
    async exec(sql) {
      await q.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await q.query<T>(sql, params)).rows;
    },
    transaction: async (fn) => fn(wrap(q)),
  });
  return {
    ...wrap(db),
    async transaction(fn) {
      await db.transaction(async (tx) => {
        await fn(wrap(tx));
      });
    },
  };
}

/**
 * PGlite has no lock of its own: two processes on one data folder corrupt it. A pid file refuses the second
 * one with a clear message (a stale file from a crashed process is taken over).
 */
async function takeDataDirLock(lockFile: string): Promise<void> {
  const existing = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (existing && existing !== process.pid) {
    let alive = false;
    try {
      process.kill(existing, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new Error(
        `The embedded database in ${path.dirname(lockFile)} is in use by process ${existing}. ` +
          'Stop it first, use another DATA_DIR, or import decks from the web page (/decks).',
      );
    }
  }
  await writeFile(lockFile, String(process.pid));
}

/** Opens Postgres (DATABASE_URL) or the embedded PGlite database, without migrating. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    if (await ensureDatabase(opts.databaseUrl, opts.connectTimeoutMs)) opts.onCreated?.();
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // The pg default waits forever for a connection; a quiz night should fail loudly instead.
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    });
    // An idle connection can be closed under us (Postgres restarted, a failover, an admin's
    // pg_terminate_backend): the pool drops it and opens a new one on the next query. Without a listener
    // the pool's 'error' event would be an uncaught exception and take the server down.
    pool.on('error', (e) => (opts.onIdleError ?? defaultIdleError)(e));
    const adapter = new PrismaPg(pool);
    const prisma = new PrismaClient({ adapter });
    return {
      kind: 'postgres',
      prisma,
      sql: pgExecutor(pool),
      async withSession(fn) {
        const client = await pool.connect();
        try {
          return await fn(clientExecutor(client));
        } finally {
          client.release();
        }
      },
      async close() {
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }
  const memory = opts.dataDir.startsWith('memory://');
  const lockFile = path.join(opts.dataDir, 'quizroom.pid');
  if (!memory) {
    await mkdir(opts.dataDir, { recursive: true });
    await takeDataDirLock(lockFile);
  }
  const lite = await PGlite.create(opts.dataDir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteExecutor(lite),
    withSession: async (fn) => fn(pgliteExecutor(lite)),
    async close() {
      await prisma.$disconnect();
      await lite.close();
      if (!memory) await rm(lockFile, { force: true });
    },
  };
}

/** Applies pending migrations; on Postgres under an advisory lock so concurrent starts are safe. */
export async function migrateDatabase(db: Database, migrationsDir?: string): Promise<MigrateResult> {
  const migrations = await readMigrations(migrationsDir);
  if (db.kind === 'pglite') return applyMigrations(db.sql, migrations);
  return db.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await applyMigrations(session, migrations);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
