import pg from 'pg';

/**
 * A DATABASE_URL may name a database that does not exist yet: like Prisma's own tools (`migrate dev`,
 * `db push`), the server then creates it, when the user may, instead of stopping. The server connects to the
 * maintenance database (`postgres`, else `template1`) of the same server with the same user and runs
 * `CREATE DATABASE`. A user without CREATEDB gets a message that says what to run.
 */

/** Postgres error codes this needs: no such database, no privilege, created meanwhile by another process. */
const INVALID_CATALOG_NAME = '3D000';
const INSUFFICIENT_PRIVILEGE = '42501';
const DUPLICATE_DATABASE = '42P04';

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** Creates the database `url` names if it does not exist. Returns whether it created it. */
export async function ensureDatabase(url: string, connectTimeoutMs = 5000): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  try {
    await probe.connect();
    return false;
  } catch (e) {
    if (codeOf(e) !== INVALID_CATALOG_NAME) throw e;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  let lastError: unknown;
  for (const maintenance of ['postgres', 'template1']) {
    const admin = new URL(url);
    admin.pathname = `/${maintenance}`;
    const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: connectTimeoutMs });
    try {
      await client.connect();
    } catch (e) {
      lastError = e;
      await client.end().catch(() => undefined);
      continue;
    }
    try {
      // An identifier cannot be a parameter: quote it (double any quote inside).
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      return true;
    } catch (e) {
      if (codeOf(e) === DUPLICATE_DATABASE) return false;
      if (codeOf(e) === INSUFFICIENT_PRIVILEGE) {
        throw new Error(
          `The database "${name}" does not exist and user "${decodeURIComponent(target.username)}" may not create it. ` +
            `Create it (createdb "${name}", or CREATE DATABASE as a superuser) or grant CREATEDB.`,
        );
      }
      throw e;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(
    `The database "${name}" does not exist, and no maintenance database (postgres, template1) could be reached ` +
      `to create it: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
  );
}
