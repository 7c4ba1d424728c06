// The CLI with DATABASE_URL answers from the database, the same as from the folder; `--corpus DIR` still reads
// that folder; an unreachable database is one line and exit code 1.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import { freshDatabase, NO_DATABASE, noteSkipped, type TestDatabase } from './db-helpers.js';
import { SEEDS, seedFiles } from './shared-data.js';

noteSkipped('db-cli');

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);
const CACHE_HOME = await mkdtemp(path.join(os.tmpdir(), 'talks-db-cli-cache-'));
afterAll(() => rm(CACHE_HOME, { recursive: true, force: true }));

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/main.ts', ...args], {
      cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', XDG_CACHE_HOME: CACHE_HOME, SNAPSHOT_DIR: '', ...env }, maxBuffer: 1 << 26,
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('CLI and DATABASE_URL (no database needed)', () => {
  it('an unreachable database: exit 1, one line, the password hidden, a JSON error for scripts', async () => {
    const r = await cli(['who-said', 'ceasefire', '--json'], { DATABASE_URL: 'postgres://bot:hunter2@127.0.0.1:1/talks' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'db-unavailable', message: expect.stringMatching(/cannot be reached/) } });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  });
});

describe.skipIf(NO_DATABASE)('CLI over the database', () => {
  let t: TestDatabase;
  let partial: TestDatabase;
  beforeAll(async () => {
    [t, partial] = await Promise.all([freshDatabase(), freshDatabase()]);
    await migrate(t.db);
    await importCorpus(t.db, SEEDS);
  });
  afterAll(async () => { await Promise.all([t?.drop(), partial?.drop()]); });

  it.each(['who-said ceasefire', 'search Istanbul', 'sources'])('%s: the same JSON from the database as from the folder', async (line) => {
    const args = line.split(' ');
    const [fromDb, fromFolder] = await Promise.all([
      cli([...args, '--json'], { DATABASE_URL: t.url }),
      cli([...args, '--json', '--corpus', SEEDS], { DATABASE_URL: '' }),
    ]);
    expect(fromDb.code, fromDb.stderr).toBe(0);
    const db = JSON.parse(fromDb.stdout);
    expect(db).toEqual(JSON.parse(fromFolder.stdout));
    if (args[0] === 'sources') expect(db.articles).toBe(seedFiles().length);
    else expect(db.total).toBeGreaterThan(0);
  });

  it('--corpus DIR reads that folder even with DATABASE_URL set; an empty database is migrated at start', async () => {
    const fromEmptyDb = await cli(['sources', '--json'], { DATABASE_URL: partial.url });
    expect(fromEmptyDb.code, fromEmptyDb.stderr).toBe(0);
    expect(JSON.parse(fromEmptyDb.stdout).articles).toBe(0);
    expect((await partial.db.query('SELECT version FROM schema_version')).rowCount).toBeGreaterThan(0);
    const fromFolder = await cli(['sources', '--json', '--corpus', SEEDS], { DATABASE_URL: partial.url });
    expect(JSON.parse(fromFolder.stdout).articles).toBe(seedFiles().length);
  });
});
