// npm run start:sharded with two shards over one corpus folder: a moderator's change made through one shard is
// answered the same by the other (the other shard's index learns of it through broadcastEval before the moderator's
// reply is sent), for an added article, a removed one, and a /reindex after hand edits.
import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PERMISSIONS, commandOptions, copyCorpus, file, interactionContext, messageText, removeDir, user,
  type OptionValue, type TestUser,
} from './fake-discord/harness.js';
import { startScript } from './fake-discord/process.js';
import { FakeDiscord, INTERACTION, snowflake, type FakeInteraction, type FakeMessage } from './fake-discord/server.js';

const SYBIHA = `Sybiha sets terms for the memorandum

Foreign Minister Andrii Sybiha said: “The grain corridor must reopen before any memorandum is signed.”

He added that the delegation in Istanbul had received no written proposal from Moscow.
`;
const ADDED_ID = '2025-06-01-sybiha-sets-terms-for-the-memorandum';

let fake: FakeDiscord;
let cwd: string;
let corpus: string;
let child: ChildProcess;
let output: () => string = () => '';
/** A moderator in the guild served by shard 0, and one in the guild served by shard 1. */
let onShard: [TestUser, TestUser];

beforeAll(async () => {
  const now = Date.now();
  // Consecutive millisecond timestamps: one guild per shard.
  fake = await new FakeDiscord({ shards: 2, guilds: [{ id: snowflake(now), name: 'first' }, { id: snowflake(now + 1), name: 'second' }] }).start();
  const guildOf = (shard: number) => fake.guilds.find((g) => fake.shardFor(g.id) === shard)!.id;
  const mod = (shard: number) => user({ name: `mod${shard}`, guildId: guildOf(shard), permissions: PERMISSIONS.MEMBER | PERMISSIONS.MANAGE_MESSAGES });
  onShard = [mod(0), mod(1)];
  cwd = await mkdtemp(join(tmpdir(), 'talks-bot-shard-sync-'));
  corpus = await copyCorpus();
  const env = {
    PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl,
    CORPUS_DIR: corpus, COOLDOWN_SECONDS: '0',
    // Both servers own the corpus (one per shard), so moderators may change it from either.
    MOD_GUILD_IDS: fake.guilds.map((g) => g.id).join(','),
    // Explicit: discord.js 14.28's automatic lookup would ignore the custom REST base.
    SHARD_COUNT: '2',
  };
  const running = await startScript('src/bot/sharded.ts', { cwd, env, ready: /all 2 shards ready/, timeoutMs: 25_000 });
  child = running.child;
  output = running.output;
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await fake?.stop();
  await removeDir(cwd);
  await removeDir(corpus);
});

async function ask(as: TestUser, name: string, options: Record<string, OptionValue> = {}): Promise<FakeInteraction> {
  const scope = as.guildId!;
  const fi = fake.dispatchInteraction({ type: INTERACTION.command, data: commandOptions(fake, scope, name, options), ...interactionContext(fake, as) });
  return fi.waitSettled(15_000);
}

async function press(as: TestUser, on: FakeMessage, customId: string): Promise<FakeInteraction> {
  const fi = fake.dispatchInteraction({
    type: INTERACTION.component, data: { custom_id: customId, component_type: 2 }, message: fake.messageJson(on), ...interactionContext(fake, as),
  });
  return fi.waitSettled(15_000);
}

const whoSaid = async (as: TestUser, topic: string) => messageText((await ask(as, 'who-said', { topic })).original);
/** What the user reads, without the Markdown the bot adds. */
const plain = (text: string) => text.replace(/\\([\\*_~`|<>[\]@])/g, '$1').replace(/\*\*/g, '');

describe('two shards over one corpus', () => {
  it('the guilds are served by different shards', () => {
    expect(fake.identifies.map((i) => JSON.stringify(i.shard)).sort()).toEqual(['[0,2]', '[1,2]']);
    expect(onShard.map((u) => fake.shardFor(u.guildId))).toEqual([0, 1]);
  });

  it('an article added through shard 0 is found through shard 1 as soon as the moderator sees it added', async () => {
    expect(await whoSaid(onShard[1], 'grain corridor')).not.toMatch(/Sybiha/);
    const added = await ask(onShard[0], 'add-article', { file: file('sybiha.txt', SYBIHA), date: '2025-06-01' });
    expect(messageText(added.original)).toContain(`✅ Added \`${ADDED_ID}\``);
    const there = await whoSaid(onShard[1], 'grain corridor');
    expect(there).toMatch(/Andrii Sybiha/);
    expect(plain(there)).toMatch(/grain corridor must reopen/);
    expect(await whoSaid(onShard[0], 'grain corridor')).toMatch(/Andrii Sybiha/);
  });

  it('an article removed through shard 1 is gone from answers on shard 0', async () => {
    const confirm = await ask(onShard[1], 'remove-article', { id: ADDED_ID });
    expect(messageText(confirm.original)).toMatch(/Remove \*\*Sybiha sets terms/);
    const done = await press(onShard[1], confirm.original!, `remove-article:yes:${ADDED_ID}`);
    expect(messageText(done.original)).toMatch(new RegExp(`Removed \`${ADDED_ID}\``));
    expect(existsSync(join(corpus, `${ADDED_ID}.md`))).toBe(false);
    expect(await whoSaid(onShard[0], 'grain corridor')).not.toMatch(/Sybiha/);
    expect(await whoSaid(onShard[1], 'grain corridor')).not.toMatch(/Sybiha/);
  });

  it('/reindex through shard 0 after a hand edit reaches shard 1', async () => {
    writeFileSync(join(corpus, 'hand-added.txt'), 'Hand added\n\nNATO Secretary General Mark Rutte said: “The pomegranate plan needs guarantees.”\n');
    expect(await whoSaid(onShard[1], 'pomegranate')).not.toMatch(/Rutte/);
    const r = await ask(onShard[0], 'reindex');
    expect(messageText(r.original)).toMatch(/1 added/);
    expect(await whoSaid(onShard[1], 'pomegranate')).toMatch(/Mark Rutte/);
  });

  it('nothing the shards sent broke a Discord rule, and both logged applying the others’ changes', () => {
    expect(fake.rejections).toEqual([]);
    expect(output()).toMatch(new RegExp(`corpus sync: applied ${ADDED_ID} from shard 0`));
    expect(output()).toMatch(new RegExp(`corpus sync: applied ${ADDED_ID} from shard 1`));
    expect(output()).toMatch(/corpus sync: applied a full reindex from shard 0/);
  });
});
