// Migrations against a real PostgreSQL: an empty database gets the schema, processes starting together apply each
// migration once, a failed migration leaves nothing behind, a newer schema is refused with a clear message.
import { mkdtemp, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/connect.js';
import { DatabaseError } from '../src/db/errors.js';
import { ensureSchema, listMigrations, migrate, MIGRATIONS_DIR } from '../src/db/migrate.js';
import { openDbEngineWithRetry } from '../src/db/open.js';
import pg from 'pg';
import { TEST_DATABASE_URL } from './db-helpers.js';
import { freshDatabase, NO_DATABASE, noteSkipped, type TestDatabase } from './db-helpers.js';

noteSkipped('db-schema');

describe.skipIf(NO_DATABASE)('database schema migrations', () => {
  const made: TestDatabase[] = [];
  const fresh = async (): Promise<TestDatabase> => {
    const t = await freshDatabase();
    made.push(t);
    return t;
  };
  let tmp: string;
  beforeAll(async () => { tmp = await mkdtemp(path.join(os.tmpdir(), 'talks-db-mig-')); });
  afterAll(async () => {
    await Promise.all(made.map((t) => t.drop()));
    await rm(tmp, { recursive: true, force: true });
  });

  it('an empty database gets every table and its version; a second run changes nothing', async () => {
    const { db } = await fresh();
    const latest = (await listMigrations()).at(-1)!.version;
    const first = await migrate(db);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.version).toBe(latest);
    const tables = (await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map((r) => r.t);
    expect(tables).toEqual(expect.arrayContaining(['articles', 'audit', 'changes', 'schema_version']));
    const columns = (await db.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'articles'`)).rows.map((r) => r.c);
    expect(columns).toEqual(expect.arrayContaining(['id', 'title', 'source', 'url', 'date', 'added_by', 'added_at', 'body', 'hash', 'format']));
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect((await db.query('SELECT * FROM schema_version')).rowCount).toBe((await listMigrations()).length);
  });

  it('processes starting together on an empty database apply each migration exactly once', async () => {
    const { url } = await fresh();
    const pools = Array.from({ length: 4 }, () => openDb(url));
    try {
      const reports = await Promise.all(pools.map((p) => ensureSchema(p).then(() => migrate(p))));
      expect(reports.every((r) => r.applied.length === 0)).toBe(true);
      const { rows } = await pools[0].query<{ n: string }>('SELECT count(*)::text AS n FROM schema_version');
      expect(Number(rows[0].n)).toBe((await listMigrations()).length);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('a migration that fails leaves nothing of itself and says which one failed', async () => {
    const { db } = await fresh();
    const dir = path.join(tmp, 'bad');
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, '900_broken.sql'), 'CREATE TABLE half_done (x int);\nSELECT no_such_function();\n');
    const failed = await migrate(db, { dir }).then(() => null, (err: unknown) => err);
    expect(failed).toBeInstanceOf(DatabaseError);
    expect((failed as Error).message).toMatch(/900_broken failed/);
    expect((await db.query(`SELECT to_regclass('half_done') AS t`)).rows[0].t).toBeNull();
    expect((await db.query('SELECT max(version) AS v FROM schema_version')).rows[0].v).toBe((await listMigrations()).at(-1)!.version);
  });

  it('a schema newer than this code is refused at start, with what to do', async () => {
    const { db } = await fresh();
    await migrate(db);
    await db.query(`INSERT INTO schema_version (version, name) VALUES (9999, '9999_future')`);
    await expect(ensureSchema(db)).rejects.toThrow(/newer than this talks-bot knows.*update talks-bot/);
    await expect(migrate(db)).rejects.toBeInstanceOf(DatabaseError);
  });

  it('change numbers become visible in order: a second writer waits for the first to commit and gets the next number', async () => {
    const { url, db } = await fresh();
    await migrate(db);
    const [one, two] = [openDb(url), openDb(url)];
    const c1 = await one.connect();
    const c2 = await two.connect();
    try {
      await c1.query('BEGIN');
      const s1 = Number((await c1.query(`INSERT INTO changes (article_id, op) VALUES ('first', 'add') RETURNING seq`)).rows[0].seq);
      await c2.query('BEGIN');
      let done = false;
      const second = c2.query(`INSERT INTO changes (article_id, op) VALUES ('second', 'add') RETURNING seq`).then((r) => { done = true; return Number(r.rows[0].seq); });
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false);
      await c1.query('COMMIT');
      expect(await second).toBe(s1 + 1);
      await c2.query('COMMIT');
    } finally {
      c1.release();
      c2.release();
      await Promise.all([one.end(), two.end()]);
    }
  });

  it('a process started before its database exists waits for it, then migrates it and serves', async () => {
    const name = `talks_t_late_${Date.now().toString(36)}`;
    const url = Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${name}` }).toString();
    const db = openDb(url);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const lines: string[] = [];
    try {
      const opening = openDbEngineWithRetry(url, db, { log: (l) => lines.push(l), minDelayMs: 50, maxDelayMs: 100 });
      await new Promise((r) => setTimeout(r, 400));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0]).toMatch(/refused the connection: database .* does not exist.*Retrying in/);
      await admin.query(`CREATE DATABASE ${name}`);
      const { engine, seq } = await opening;
      expect(seq).toBe('0');
      expect(engine.sources().articles).toBe(0);
      expect((await db.query('SELECT max(version) AS v FROM schema_version')).rows[0].v).toBe((await listMigrations()).at(-1)!.version);
    } finally {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('the schema refuses article ids that would be paths or hidden files on export', async () => {
    const { db } = await fresh();
    await migrate(db);
    const insert = (id: string) => db.query(
      `INSERT INTO articles (id, title, body, hash, format) VALUES ($1, 't', 'b', repeat('a', 64), 'txt')`, [id]);
    for (const bad of ['../etc/passwd', 'a/b', '.hidden', '', 'a\\b', 'x\ny']) await expect(insert(bad)).rejects.toThrow(/check constraint/);
    await expect(insert('ok_article-1')).resolves.toBeDefined();
  });
});
