// DATABASE_URL: unset keeps the folder store; a bad value or an unreachable server gets one line that names the
// fix and never shows the password. (No server needed: port 1 on loopback refuses for real.)
import { describe, expect, it } from 'vitest';
import { describeDbError, openDb } from '../src/db/connect.js';
import { DatabaseError } from '../src/db/errors.js';
import { dbImport, dbMigrate } from '../src/db/tools.js';
import { ConfigError, databaseSettings, loadSettings, redactUrl } from '../src/settings.js';

describe('DATABASE_URL', () => {
  it('unset or blank: the folder store, as before', () => {
    expect(databaseSettings({})).toEqual({ url: null });
    expect(databaseSettings({ DATABASE_URL: '  ' })).toEqual({ url: null });
    expect(loadSettings({ DISCORD_CLIENT_ID: '123456789012345678' }, { requireToken: false }).database).toEqual({ url: null });
  });

  it('a postgres URL is taken as given', () => {
    for (const url of ['postgres://bot:pw@db.internal:5432/talks', 'postgresql://localhost/talks', 'postgres://u@127.0.0.1:6543/t?sslmode=require']) {
      expect(databaseSettings({ DATABASE_URL: url }).url).toBe(url);
    }
  });

  it('anything else is refused with the expected shape, and the password is never echoed', () => {
    for (const bad of ['mysql://root:hunter2@db/talks', 'localhost:5432', 'postgres://', 'hunter2']) {
      let error: unknown;
      try { databaseSettings({ DATABASE_URL: bad }); } catch (err) { error = err; }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^DATABASE_URL must look like postgres:\/\/user:password@host:5432\/dbname/);
      if (bad.includes('://root:')) expect((error as Error).message).not.toContain('hunter2');
    }
    expect(redactUrl('postgres://bot:s3cr%40t@db:5432/talks')).toBe('postgres://bot:***@db:5432/talks');
    expect(redactUrl('postgres://bot@db/talks')).toBe('postgres://bot@db/talks');
  });

  it('an unreachable server: one line naming it, password hidden', async () => {
    const url = 'postgres://bot:hunter2@127.0.0.1:1/talks';
    const db = openDb(url, { connectTimeoutMs: 2000 });
    const err = await db.query('SELECT 1').then(() => null, (e: unknown) => describeDbError(e, url));
    await db.end();
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as Error).message).toMatch(/^The database at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/talks cannot be reached .*is PostgreSQL running\?$/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('db:migrate and db:import explain what is missing and fail with exit code 1 (2 for bad usage)', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await dbMigrate([], { ...io, env: {} })).toBe(1);
    expect(lines.pop()).toMatch(/^DATABASE_URL is not set/);
    expect(await dbImport([], { ...io, env: { DATABASE_URL: 'postgres://u:pw@127.0.0.1:1/x' } })).toBe(2);
    expect(lines.pop()).toMatch(/--corpus DIR/);
    expect(await dbImport(['--corpus', '.', '--every', 'lots'], { ...io, env: { DATABASE_URL: 'postgres://u:pw@127.0.0.1:1/x' } })).toBe(2);
    expect(await dbMigrate([], { ...io, env: { DATABASE_URL: 'postgres://u:pw@127.0.0.1:1/x' } })).toBe(1);
    expect(lines.pop()).toMatch(/cannot be reached/);
    expect(lines.join('\n')).not.toContain(':pw@');
  });
});

describe('opening the store at start, database unreachable', () => {
  it('says so in one line per attempt, waits longer each time, and gives up only when told to', async () => {
    const { openDbEngineWithRetry } = await import('../src/db/open.js');
    const url = 'postgres://bot:hunter2@127.0.0.1:1/talks';
    const db = openDb(url, { connectTimeoutMs: 1000 });
    const lines: string[] = [];
    try {
      await expect(openDbEngineWithRetry(url, db, { log: (l) => lines.push(l), minDelayMs: 100, maxDelayMs: 200, attempts: 4 }))
        .rejects.toThrow(/cannot be reached/);
    } finally {
      await db.end();
    }
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => /Retrying in ([\d.]+) s/.exec(l)?.[1])).toEqual(['0.1', '0.2', '0.2']);
    for (const l of lines) expect(l).toMatch(/^The database at postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/talks cannot be reached .* Retrying in/);
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});

describe('SHARD_LIST (several hosts)', () => {
  const base = { DISCORD_CLIENT_ID: '123456789012345678' };
  const load = (env: Record<string, string>) => loadSettings({ ...base, ...env }, { requireToken: false }).bot.shardList;

  it('unset: this host runs every shard, as before', () => {
    expect(load({})).toBeNull();
    expect(load({ SHARD_COUNT: '4', SHARD_LIST: ' ' })).toBeNull();
  });

  it('shard ids below SHARD_COUNT', () => {
    expect(load({ SHARD_COUNT: '4', SHARD_LIST: '2, 3' })).toEqual([2, 3]);
  });

  it('refused with a line naming the fix: no SHARD_COUNT, out of range, repeated, not a number', () => {
    expect(() => load({ SHARD_LIST: '0' })).toThrow(/SHARD_LIST needs SHARD_COUNT/);
    for (const bad of ['4', '0,0', '1,x', '-1', '0,,1']) {
      expect(() => load({ SHARD_COUNT: '4', SHARD_LIST: bad })).toThrow(ConfigError);
      expect(() => load({ SHARD_COUNT: '4', SHARD_LIST: bad })).toThrow(/SHARD_LIST must be distinct shard ids from 0 to 3/);
    }
  });
});
