// npm run start:sharded: ShardingManager runs one process per shard; the shard count comes from the API's
// /gateway/bot (through DISCORD_API_URL); each shard serves its guilds; SIGTERM stops them all.
import { startScript } from './fake-discord/process.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SEED_CORPUS, commandOptions, interactionContext, messageText, removeDir, user } from './fake-discord/harness.js';
import { FakeDiscord, INTERACTION, snowflake } from './fake-discord/server.js';

let fake: FakeDiscord;
let cwd: string;

beforeAll(async () => {
  const now = Date.now();
  // Consecutive millisecond timestamps: one guild per shard.
  fake = await new FakeDiscord({ shards: 2, guilds: [{ id: snowflake(now), name: 'even' }, { id: snowflake(now + 1), name: 'odd' }] }).start();
  cwd = await mkdtemp(join(tmpdir(), 'talks-bot-sharded-'));
});
afterAll(async () => {
  await fake?.stop();
  await removeDir(cwd);
});

test('two shards from the recommendation, each answering its own guild, all stopped by SIGTERM', async () => {
  const env = { PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: SEED_CORPUS };
  const { child, exited } = await startScript('src/bot/sharded.ts', { cwd, env, ready: /all 2 shards ready/, timeoutMs: 25_000 });
  try {
    expect(fake.identifies.map((i) => JSON.stringify(i.shard)).sort()).toEqual(['[0,2]', '[1,2]']);
    for (const g of fake.guilds) {
      const as = user({ guildId: g.id });
      const fi = fake.dispatchInteraction({
        type: INTERACTION.command, data: commandOptions(fake, g.id, 'who-said', { topic: 'ceasefire' }), ...interactionContext(fake, as),
      });
      await fi.waitSettled(15_000);
      expect(messageText(fi.original)).toMatch(/Who said something about \*\*ceasefire\*\*/);
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The children log out too: no shard stays connected.
    const deadline = Date.now() + 15_000;
    while (fake.connectedShards.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fake.connectedShards).toEqual([]);
    expect(fake.rejections).toEqual([]);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
});
