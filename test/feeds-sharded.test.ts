// npm run start:sharded with two shards: a feed added through shard 1 is polled by shard 0 alone, and the article it
// adds is answered by shard 1 too (its index learns of it as it does of a moderator's change).
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PERMISSIONS, commandOptions, copyCorpus, interactionContext, messageText, removeDir, user,
  type OptionValue, type TestUser,
} from './fake-discord/harness.js';
import { startScript } from './fake-discord/process.js';
import { FakeDiscord, INTERACTION, snowflake } from './fake-discord/server.js';
import { conditional, html, rss, startFeedSite, storyPage, type FeedSite, type ItemSpec, type Story } from './feeds-server.js';

let fake: FakeDiscord;
let site: FeedSite;
let cwd: string;
let corpus: string;
let child: ChildProcess;
let output: () => string = () => '';
let onShard: [TestUser, TestUser];
let items: ItemSpec[] = [];

const NEW: Story = { slug: 'tern', title: 'Negotiators agree on a tern protocol', date: '2025-06-07', speaker: 'Chief negotiator Liv Sand', quote: 'The tern protocol covers every river crossing.' };

beforeAll(async () => {
  site = await startFeedSite();
  site.routes.set(`/news/${NEW.slug}`, html(storyPage(NEW)));
  items = [{ title: 'An older story', guid: 'older', description: 'Nothing new here.' }];
  site.routes.set('/rss', conditional('application/rss+xml', () => rss('Harbour Courier', items)));
  const now = Date.now();
  fake = await new FakeDiscord({
    shards: 2,
    guilds: [
      { id: snowflake(now), name: 'first', channels: [{ id: snowflake(now + 10), name: 'general' }] },
      { id: snowflake(now + 1), name: 'second', channels: [{ id: snowflake(now + 11), name: 'general' }] },
    ],
  }).start();
  const guildOf = (shard: number) => fake.guilds.find((g) => fake.shardFor(g.id) === shard)!.id;
  const mod = (shard: number) => user({ name: `mod${shard}`, guildId: guildOf(shard), permissions: PERMISSIONS.MEMBER | PERMISSIONS.MANAGE_MESSAGES });
  onShard = [mod(0), mod(1)];
  cwd = await mkdtemp(join(tmpdir(), 'talks-bot-feeds-sharded-'));
  corpus = await copyCorpus();
  const env = {
    PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl,
    CORPUS_DIR: corpus, COOLDOWN_SECONDS: '0', SHARD_COUNT: '2', ALLOW_PRIVATE_URLS: 'true', FEED_INTERVAL_MINUTES: '0.01',
    // The servers on both shards own the corpus (without it moderation, and so /feeds, is off).
    MOD_GUILD_IDS: fake.guilds.map((g) => g.id).join(','),
  };
  const running = await startScript('src/bot/sharded.ts', { cwd, env, ready: /all 2 shards ready/, timeoutMs: 40_000 });
  child = running.child;
  output = running.output;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await fake?.stop();
  await site?.close();
  await removeDir(cwd);
  await removeDir(corpus);
});

async function ask(as: TestUser, name: string, options: Record<string, OptionValue> = {}): Promise<string> {
  const fi = fake.dispatchInteraction({ type: INTERACTION.command, data: commandOptions(fake, as.guildId!, name, options), ...interactionContext(fake, as) });
  return messageText((await fi.waitSettled(15_000)).original);
}

async function waitFor(what: string, ok: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('feeds under ShardingManager', () => {
  it('a feed added on shard 1 is polled by shard 0; its article reaches shard 1', async () => {
    const channel = fake.guilds.find((g) => g.id === onShard[1].guildId)!.channels![0]!.id;
    const added = await ask(onShard[1], 'feeds add', { url: `${site.base}/rss`, approval: false, channel });
    expect(added).toMatch(/✅ Following \*\*Harbour Courier\*\*/);
    expect(added).toMatch(/The polling process checks it within a minute/);
    await waitFor('the first poll', async () => /✅ active/.test(await ask(onShard[1], 'feeds list')));

    items = [{ title: NEW.title, link: `${site.base}/news/${NEW.slug}`, guid: NEW.slug, date: NEW.date }, ...items];
    await waitFor('the article on shard 1', async () => /Liv Sand/.test(await ask(onShard[1], 'who-said', { topic: 'tern protocol' })));
    expect(await ask(onShard[0], 'who-said', { topic: 'tern protocol' })).toMatch(/Liv Sand/);
    const adds = readFileSync(join(corpus, '.audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.action === 'add');
    expect(adds.map((e) => e.article)).toEqual(['2025-06-07-negotiators-agree-on-a-tern-protocol']);
    // Exactly one process polls, and it is shard 0.
    expect(output().split('\n').filter((l) => l.includes('feeds: this process polls'))).toEqual([expect.stringContaining('(shard 0)')]);
  }, 60_000);
});
