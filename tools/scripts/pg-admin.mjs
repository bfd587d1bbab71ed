// Creates or drops a throwaway Postgres database (tests use one each so runs never share state).
import pg from 'pg';

const [action, name] = process.argv.slice(2);
if (!/^[a-z0-9_]+$/.test(name ?? '') || !['create', 'drop'].includes(action)) {
  console.error('usage: pg-admin.mjs create|drop <name>');
  process.exit(2);
}
const client = new pg.Client({ connectionString: process.env.ADMIN_URL, connectionTimeoutMillis: 5000 });
await client.connect();
try {
  if (action === 'create') await client.query(`CREATE DATABASE "${name}"`);
  else await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
} finally {
  await client.end();
}
