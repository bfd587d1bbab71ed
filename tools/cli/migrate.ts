/**
 * `npm run db:migrate`: applies the Prisma-format migrations (prisma/migrations) to the configured database, as
 * the server does at start-up: Postgres when DATABASE_URL is set, else the embedded database in DATA_DIR.
 * `--dry-run` lists the migrations not applied yet and changes nothing.
 *
 * Exit codes: 0 done, 1 the database refused (the message says why), 2 bad usage or configuration.
 */
const USAGE = `usage: npm run db:migrate [-- --dry-run]
  Applies prisma/migrations to DATABASE_URL (Postgres), or to the embedded database in DATA_DIR
  (default .data/pglite: stop the server using it first).
  --dry-run   list the migrations not applied yet; change nothing`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.filter((a) => a !== '--dry-run');
  if (unknown.length > 0) {
    process.stderr.write(`db:migrate: unknown argument ${JSON.stringify(unknown[0])}\n${USAGE}\n`);
    return 2;
  }
  // Loaded after the arguments are read: `--help` needs no database driver.
  const { EnvError, parseEnv } = await import('../../src/server/env');
  const { migrateDatabase, openDatabase } = await import('../../src/server/db/client');
  const { pendingMigrations, readMigrations } = await import('../../src/server/db/migrate');
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
  });
  try {
    const where =
      db.kind === 'postgres' ? 'Postgres (DATABASE_URL)' : `the embedded database in ${env.DATA_DIR}`;
    if (argv.includes('--dry-run')) {
      const pending = await pendingMigrations(db.sql, await readMigrations());
      process.stdout.write(
        pending.length === 0
          ? `${where} is up to date.\n`
          : `${pending.length} migration(s) to apply to ${where}:\n${pending.map((m) => `  ${m.name}\n`).join('')}`,
      );
      return 0;
    }
    const r = await migrateDatabase(db);
    process.stdout.write(
      `${where}: ${r.applied.length} applied${r.applied.map((n) => `\n  ${n}`).join('')}\n${r.alreadyApplied} already applied\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`db:migrate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
