// HEALTH_PORT as an operator uses it: the compiled bot (`npm start`) against the fake Discord, probed over HTTP.
// /readyz says 200 only while logged in with the index loaded, /metrics counts the commands answered, and every
// log line is JSON with no secret in it.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CORPUS, USERS, commandOptions, interactionContext, removeDir } from './fake-discord/harness.js';
import { startScript, type RunningScript } from './fake-discord/process.js';
import { FakeDiscord, INTERACTION, type FakeInteraction } from './fake-discord/server.js';

let fake: FakeDiscord;
let cwd: string;
let bot: RunningScript;
let base: string;
const asked: FakeInteraction[] = [];

beforeAll(async () => {
  // Fast heartbeats, so the gateway ping is measured within the test.
  fake = await new FakeDiscord({ heartbeatIntervalMs: 200 }).start();
  cwd = await mkdtemp(join(tmpdir(), 'talks-bot-health-'));
  bot = await startScript('src/main.ts', {
    cwd,
    env: {
      PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: SEED_CORPUS, COOLDOWN_SECONDS: '0', HEALTH_PORT: '0',
    },
    ready: /indexed \d+ articles/,
  });
  base = /health server on (http:\/\/[^\s"]+)/.exec(bot.output())![1]!;
});

afterAll(async () => {
  if (bot?.child.exitCode === null) {
    bot.child.kill('SIGTERM');
    await bot.exited;
  }
  await fake?.stop();
  await removeDir(cwd);
});

async function get(path: string, method = 'GET'): Promise<{ status: number; body: string; type: string }> {
  const res = await fetch(`${base}${path}`, { method });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

async function ask(name: string, options: Record<string, string>): Promise<FakeInteraction> {
  const scope = fake.guilds[0]!.id;
  const fi = fake.dispatchInteraction({ type: INTERACTION.command, data: commandOptions(fake, scope, name, options), ...interactionContext(fake, USERS.alice) });
  asked.push(fi);
  return fi.waitSettled(15_000);
}

/** The value of one sample line in Prometheus text, e.g. sample(text, 'x_total{a="b"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health server of a running bot', () => {
  it('listens on 127.0.0.1 only, unless HEALTH_HOST says otherwise', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('/healthz and /readyz answer 200 once logged in; unknown paths and methods are refused', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    expect(await get('/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
    expect((await get('/admin')).status).toBe(404);
    expect((await get('/metrics', 'POST')).status).toBe(405);
    expect((await get('/readyz?x=%ff%00')).status).toBe(200);
  });

  it('/metrics counts commands by name and outcome, times answers and reports the index and the gateway', async () => {
    await ask('who-said', { topic: 'ceasefire' });
    await ask('who-said', { topic: 'ceasefire' });
    // Only common words: the engine refuses the question (a user error, shown to the user).
    await ask('who-said', { topic: 'the and of' });
    // The gateway ping appears after the first heartbeat is acknowledged.
    let res = await get('/metrics');
    for (let i = 0; i < 50 && sample(res.body, 'talks_bot_gateway_ping_seconds{shard="0"}') === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await get('/metrics');
    }
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain/);
    const text = res.body;
    expect(sample(text, 'talks_bot_commands_total{command="who-said",outcome="ok"}')).toBe(2);
    expect(sample(text, 'talks_bot_commands_total{command="who-said",outcome="user-error"}')).toBe(1);
    expect(sample(text, 'talks_bot_answer_seconds_count{command="who-said"}')).toBe(3);
    expect(sample(text, 'talks_bot_answer_seconds_bucket{le="+Inf",command="who-said"}')).toBe(3);
    const [, articles, , quotes, speakers] = /indexed (\d+) articles, (\d+) paragraphs, (\d+) quotes from (\d+) speakers/.exec(bot.output())!;
    expect(sample(text, 'talks_bot_articles_indexed')).toBe(Number(articles));
    expect(sample(text, 'talks_bot_quotes_indexed')).toBe(Number(quotes));
    expect(sample(text, 'talks_bot_speakers_indexed')).toBe(Number(speakers));
    expect(sample(text, 'talks_bot_gateway_ping_seconds{shard="0"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('logs one JSON line per command with its name, outcome and latency, and no token anywhere', () => {
    const lines = bot.output().trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const commands = records.filter((r) => typeof r.command === 'string');
    expect(commands.map((r) => [r.command, r.outcome])).toEqual([['who-said', 'ok'], ['who-said', 'ok'], ['who-said', 'user-error']]);
    for (const r of commands) expect(r.ms).toEqual(expect.any(Number));
    const out = bot.output();
    expect(out).not.toContain(fake.token);
    for (const fi of asked) expect(out).not.toContain(fi.token);
  });

  it('/readyz turns 503 with the reason when the gateway is gone', async () => {
    await fake.stop();
    let res = await get('/readyz');
    for (let i = 0; i < 100 && res.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await get('/readyz');
    }
    expect(res.status).toBe(503);
    expect(res.body).toMatch(/^not ready: (gateway shard 0 not connected|not logged in to Discord)\n$/);
    expect((await get('/healthz')).status).toBe(200);
  });
});
