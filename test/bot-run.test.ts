// What `npm start` does with DISCORD_TOKEN set: settings → corpus → log in → serve → clean exit on SIGTERM/SIGINT.
import { startScript } from './fake-discord/process.js';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBot } from '../src/bot/run.js';
import { SEED_CORPUS, copyCorpus, removeDir } from './fake-discord/harness.js';
import { FakeDiscord } from './fake-discord/server.js';

let fake: FakeDiscord;
let cwd: string;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  cwd = await mkdtemp(join(tmpdir(), 'talks-bot-run-'));
});
afterAll(async () => {
  await fake?.stop();
  await removeDir(cwd);
});

const env = () => ({ DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: SEED_CORPUS });

describe('runBot', () => {
  test('logs in over the corpus, says what it serves, and stops', async () => {
    const logs: string[] = [];
    const bot = await runBot({ env: env(), log: (l) => logs.push(l), handleSignals: false });
    try {
      expect(logs.join('\n')).toMatch(/serving 1 guild: Peace Talks Watchers/);
      expect(logs.join('\n')).toMatch(/indexed 5 articles, \d+ paragraphs, \d+ quotes from \d+ speakers/);
    } finally {
      await bot.stop();
    }
    expect(logs.at(-1)).toBe('logging out');
  });

  test('a corpus folder that does not exist fails before anything connects', async () => {
    const before = fake.identifies.length;
    await expect(runBot({ env: { ...env(), CORPUS_DIR: join(cwd, 'nope') }, log: () => undefined, handleSignals: false })).rejects.toThrow(/nope/);
    expect(fake.identifies.length).toBe(before);
  });

  test('clears what a crash mid-write left in the corpus before reading it', async () => {
    const corpus = await copyCorpus();
    const leftover = `.2025-06-01-half-written.md.tmp-${2 ** 30}-0a1b2c3d4e5f`;
    writeFileSync(join(corpus, leftover), '---\ntitle: "Half');
    const logs: string[] = [];
    const bot = await runBot({ env: { ...env(), CORPUS_DIR: corpus }, log: (l) => logs.push(l), handleSignals: false });
    try {
      expect(existsSync(join(corpus, leftover))).toBe(false);
      expect(logs).toContain(`moderation: removed stale temp file ${leftover}`);
      expect(logs.findIndex((l) => l.startsWith('moderation: removed'))).toBeLessThan(logs.findIndex((l) => l.startsWith('indexed ')));
    } finally {
      await bot.stop();
      await removeDir(corpus);
    }
  });
});

test('npm start with DISCORD_TOKEN runs the bot and exits cleanly on SIGTERM', async () => {
  const { child, output, exited } = await startScript('src/main.ts', {
    cwd, env: { PATH: process.env.PATH ?? '', ...env() }, ready: /indexed \d+ articles/,
  });
  try {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toMatch(/SIGTERM received, shutting down/);
    expect(output()).toMatch(/logging out/);
    expect(output()).not.toContain(fake.token);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
