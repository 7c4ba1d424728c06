// `npm start` with DATABASE_URL while the database cannot be reached: one clear line per attempt and retries with
// backoff, /readyz says not ready (the index is not loaded), and once the database answers the bot loads, logs
// in and becomes ready, without a restart. The database is "down" behind a closed TCP relay on a fixed port.
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import { SEED_CORPUS, removeDir } from './fake-discord/harness.js';
import { startScript } from './fake-discord/process.js';
import { FakeDiscord } from './fake-discord/server.js';
import { freshDatabase, NO_DATABASE, noteSkipped, Relay, type TestDatabase } from './db-helpers.js';

noteSkipped('db-bot-start');

describe.skipIf(NO_DATABASE)('the bot started before its database', () => {
  let t: TestDatabase;
  let fake: FakeDiscord;
  let relay: Relay;
  let cwd: string;
  let child: ChildProcess | undefined;
  let output: () => string = () => '';

  beforeAll(async () => {
    t = await freshDatabase();
    await migrate(t.db);
    await importCorpus(t.db, SEED_CORPUS);
    const u = new URL(t.url);
    relay = new Relay({ host: u.hostname, port: Number(u.port) });
    await relay.open();
    await relay.cut(); // keeps its port: the database "comes back" there
    fake = await new FakeDiscord().start();
    cwd = await mkdtemp(join(tmpdir(), 'talks-bot-db-start-'));
    await mkdir(join(cwd, 'corpus'));
    const url = new URL(t.url);
    url.port = String(relay.port);
    const env = {
      PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: join(cwd, 'corpus'), DATABASE_URL: url.toString(), HEALTH_PORT: '0',
    };
    const running = await startScript('src/main.ts', { cwd, env, ready: /Retrying in/, timeoutMs: 30_000 });
    child = running.child;
    output = running.output;
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await fake?.stop();
    await relay?.cut();
    await removeDir(cwd);
    await t?.drop();
  });

  const healthUrl = () => /health server on (http:\/\/[^\s"]+)/.exec(output())?.[1];

  it('says in one line that the database cannot be reached, and is not ready', async () => {
    const line = output().split('\n').find((l) => l.includes('Retrying in'))!;
    expect(line).toMatch(/cannot be reached .*is PostgreSQL running\? Retrying in 1\.0 s \(attempt 1\)/);
    expect(line).not.toMatch(/password|at Object|node:internal/);
    const ready = await fetch(`${healthUrl()}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toMatch(/loading the index/);
  });

  it('once the database answers, it loads from it and becomes ready (it logged in meanwhile)', async () => {
    await relay.open();
    await expect.poll(() => output(), { timeout: 20_000, interval: 200 }).toMatch(/indexed 5 articles/);
    expect(output()).toMatch(/logged in as/);
    await expect.poll(async () => (await fetch(`${healthUrl()}/readyz`)).status, { timeout: 5_000, interval: 200 }).toBe(200);
  }, 30_000);
});
