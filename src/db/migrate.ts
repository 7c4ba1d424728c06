// Versioned schema migrations: migrations/NNN_name.sql, applied in order, each in its own transaction, under an
// advisory lock so that processes starting together apply each one exactly once.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { Db } from './connect.js';
import { DatabaseError } from './errors.js';

// The repository's migrations/ folder, from src/db/ (tsx) or from the compiled dist/src/db/ (npm start).
export const MIGRATIONS_DIR = [new URL('../../migrations/', import.meta.url), new URL('../../../migrations/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((dir) => existsSync(path.join(dir, '001_initial.sql'))) ?? fileURLToPath(new URL('../../migrations/', import.meta.url));
/** pg_advisory_lock key of the migration runner ("talk" in ASCII). */
const LOCK_KEY = 0x74616c6b;
const FILE_NAME = /^(\d{3,})_([\w-]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const name of names) {
    const m = FILE_NAME.exec(name);
    if (!m) throw new Error(`migration file ${name} is not named NNN_name.sql`);
    const version = Number(m[1]);
    if (out.some((x) => x.version === version)) throw new Error(`two migrations have version ${version}`);
    out.push({ version, name: `${m[1]}_${m[2]}`, sql: await readFile(path.join(dir, name), 'utf8') });
  }
  return out;
}

/** The schema versions applied, or null when the database has no schema_version table yet. */
async function appliedVersions(client: pg.PoolClient | Db): Promise<number[] | null> {
  try {
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
    return rows.map((r) => r.version);
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return null; // undefined_table
    throw err;
  }
}

function tooNew(have: number, known: number): DatabaseError {
  return new DatabaseError(`The database's schema is at version ${have}, newer than this talks-bot knows (${known}): update talks-bot.`, 'db-schema');
}

export interface MigrateReport {
  applied: string[];
  version: number;
}

/** Applies every migration the database lacks. Safe to run from many processes at once. */
export async function migrate(db: Db, opts: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateReport> {
  const migrations = await listMigrations(opts.dir);
  const latest = migrations.at(-1)?.version ?? 0;
  const client = await db.connect();
  const applied: string[] = [];
  try {
    // Session-level lock: held across the transactions below, released even if one fails.
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const have = new Set((await appliedVersions(client)) ?? []);
      const newest = Math.max(0, ...have);
      if (newest > latest) throw tooNew(newest, latest);
      for (const m of migrations) {
        if (have.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new DatabaseError(`Migration ${m.name} failed, nothing of it was applied: ${(err as Error).message}`, 'db-schema');
        }
        applied.push(m.name);
        opts.log?.(`database schema: applied ${m.name}`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
  return { applied, version: latest };
}

/** At start: migrate when the database is empty or behind; refuse a schema newer than this code. */
export async function ensureSchema(db: Db, opts: { dir?: string; log?: (line: string) => void } = {}): Promise<void> {
  const migrations = await listMigrations(opts.dir);
  const latest = migrations.at(-1)?.version ?? 0;
  const have = await appliedVersions(db);
  const newest = Math.max(0, ...(have ?? []));
  if (newest > latest) throw tooNew(newest, latest);
  if (have && migrations.every((m) => have.includes(m.version))) return;
  await migrate(db, opts);
}
