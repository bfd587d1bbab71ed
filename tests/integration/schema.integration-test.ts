import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/client';
import { readMigrations } from '../../src/server/db/migrate';
import { testDatabaseUrl } from './support';

/**
 * The migrations are hand-kept Prisma-format SQL (no schema engine can be downloaded here), so this test is
 * what keeps them honest: the migrated database must match prisma/schema.prisma exactly: tables, columns,
 * types, nullability, defaults, primary keys, unique constraints, indexes and foreign keys.
 */

interface Field {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attrs: string;
}
interface Model {
  name: string;
  fields: Field[];
  blockAttrs: string[];
}

const SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'DateTime', 'Json', 'BigInt', 'Decimal', 'Bytes']);

function parseSchema(text: string): Model[] {
  const models: Model[] = [];
  const re = /^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm;
  for (const m of text.matchAll(re)) {
    const fields: Field[] = [];
    const blockAttrs: string[] = [];
    for (const raw of (m[2] ?? '').split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (!line) continue;
      if (line.startsWith('@@')) {
        blockAttrs.push(line);
        continue;
      }
      const f = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!f) continue;
      fields.push({ name: f[1]!, type: f[2]!, list: !!f[3], optional: !!f[4], attrs: f[5] ?? '' });
    }
    models.push({ name: m[1]!, fields, blockAttrs });
  }
  return models;
}

const PG_TYPE: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp without time zone',
  Json: 'jsonb',
};

const cols = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function expected(models: Model[]) {
  const columns: string[] = [];
  const pks: string[] = [];
  const uniques: string[] = [];
  const indexes: string[] = [];
  const fks: string[] = [];
  const modelNames = new Set(models.map((m) => m.name));
  for (const m of models) {
    for (const f of m.fields) {
      if (modelNames.has(f.type) || f.list) {
        const rel = f.attrs.match(/@relation\(fields:\s*\[([^\]]+)\],\s*references:\s*\[([^\]]+)\](?:,\s*onDelete:\s*(\w+))?/);
        if (rel) {
          const onDelete = (rel[3] ?? 'Restrict').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
          fks.push(`${m.name}(${cols(rel[1]!).join(',')}) -> ${f.type}(${cols(rel[2]!).join(',')}) ${onDelete}`);
        }
        continue;
      }
      if (!SCALARS.has(f.type)) throw new Error(`unsupported type ${f.type}`);
      const hasDefault = /@default\(|@updatedAt/.test(f.attrs) && !/@updatedAt/.test(f.attrs);
      columns.push(`${m.name}.${f.name} ${PG_TYPE[f.type]} ${f.optional ? 'NULL' : 'NOT NULL'}${hasDefault ? ' DEFAULT' : ''}`);
      if (/@id\b/.test(f.attrs)) pks.push(`${m.name}(${f.name})`);
      if (/@unique\b/.test(f.attrs)) uniques.push(`${m.name}(${f.name})`);
    }
    for (const a of m.blockAttrs) {
      const inner = a.match(/^@@(id|unique|index)\(\[([^\]]+)\]/);
      if (!inner) continue;
      const key = `${m.name}(${cols(inner[2]!).join(',')})`;
      if (inner[1] === 'id') pks.push(key);
      else if (inner[1] === 'unique') uniques.push(key);
      else indexes.push(key);
    }
  }
  return { tables: models.map((m) => m.name).sort(), columns: columns.sort(), pks: pks.sort(), uniques: uniques.sort(), indexes: indexes.sort(), fks: fks.sort() };
}

async function actual(db: Database) {
  const q = <T>(sql: string) => db.sql.query<T>(sql);
  const tables = (
    await q<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`)
  ).map((r) => r.t);
  const columns = (
    await q<{ t: string; c: string; type: string; nullable: string; def: string | null; prec: number | null }>(
      `SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable, column_default AS def, datetime_precision AS prec
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    )
  ).map((r) => `${r.t}.${r.c} ${r.type} ${r.nullable === 'YES' ? 'NULL' : 'NOT NULL'}${r.def !== null ? ' DEFAULT' : ''}`);
  const precisions = await q<{ c: string; prec: number }>(
    `SELECT table_name || '.' || column_name AS c, datetime_precision AS prec FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type LIKE 'timestamp%' AND table_name <> '_prisma_migrations'`,
  );
  const idx = await q<{ t: string; cols: string; uniq: boolean; pk: boolean }>(
    `SELECT t.relname AS t, string_agg(a.attname, ',' ORDER BY k.ord) AS cols, i.indisunique AS uniq, i.indisprimary AS pk
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
     GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
  );
  const fks = await q<{ src: string; dst: string; del: string }>(
    `SELECT c.conrelid::regclass::text || '(' || (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) || ')' AS src,
            c.confrelid::regclass::text || '(' || (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) || ')' AS dst,
            c.confdeltype AS del
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const DEL: Record<string, string> = { c: 'CASCADE', r: 'RESTRICT', n: 'SET NULL', a: 'NO ACTION', d: 'SET DEFAULT' };
  const unq = (s: string) => s.replace(/"/g, '');
  return {
    tables: tables.sort(),
    columns: columns.sort(),
    precisions,
    pks: idx.filter((i) => i.pk).map((i) => `${i.t}(${i.cols})`).sort(),
    uniques: idx.filter((i) => i.uniq && !i.pk).map((i) => `${i.t}(${i.cols})`).sort(),
    indexes: idx.filter((i) => !i.uniq && !i.pk).map((i) => `${i.t}(${i.cols})`).sort(),
    fks: fks.map((f) => `${unq(f.src)} -> ${unq(f.dst)} ${DEL[f.del] ?? f.del}`).sort(),
  };
}

const targets: { name: string; open: () => Promise<{ db: Database; drop: () => Promise<void> }> }[] = [
  { name: 'PGlite', open: async () => ({ db: await openDatabase({ dataDir: 'memory://' }), drop: async () => undefined }) },
];
if (process.env.DATABASE_URL) {
  targets.push({
    name: 'Postgres',
    open: async () => {
      const t = await testDatabaseUrl();
      return { db: await openDatabase({ databaseUrl: t.url, dataDir: '' }), drop: t.drop };
    },
  });
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(targets)('migrations on $name', ({ open }) => {
  it('the migrated database matches prisma/schema.prisma', async () => {
    const { db, drop } = await open();
    cleanups.push(async () => {
      await db.close();
      await drop();
    });
    const first = await migrateDatabase(db);
    const all = await readMigrations();
    expect(first.applied).toEqual(all.map((m) => m.name));
    const want = expected(parseSchema(readFileSync('prisma/schema.prisma', 'utf8')));
    const got = await actual(db);
    expect(got.tables).toEqual(want.tables);
    expect(got.columns).toEqual(want.columns);
    expect(got.pks).toEqual(want.pks);
    expect(got.uniques).toEqual(want.uniques);
    expect(got.indexes).toEqual(want.indexes);
    expect(got.fks).toEqual(want.fks);
    // Prisma maps DateTime to timestamp(3).
    expect(got.precisions.every((p) => p.prec === 3)).toBe(true);
  });

  it('records migrations like Prisma and applies each once', async () => {
    const { db, drop } = await open();
    cleanups.push(async () => {
      await db.close();
      await drop();
    });
    await migrateDatabase(db);
    const again = await migrateDatabase(db);
    expect(again.applied).toEqual([]);
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const all = await readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(all.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(all.map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
  });

  it('refuses a migration edited after it was applied', async () => {
    const { db, drop } = await open();
    cleanups.push(async () => {
      await db.close();
      await drop();
    });
    await migrateDatabase(db);
    const { applyMigrations } = await import('../../src/server/db/migrate');
    const edited = (await readMigrations()).map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(applyMigrations(db.sql, edited)).rejects.toThrow(/changed after it was applied/);
  });
});
