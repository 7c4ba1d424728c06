// The bot on PostgreSQL as it runs on several hosts: two `npm run start:sharded` managers (SHARD_LIST=0 and
// SHARD_LIST=1 of SHARD_COUNT=2), each in its own working folder with an empty corpus folder of its own, one
// database, one fake Discord. A moderator's change through one host is answered by the other; host B's link to the
// database is then cut (a TCP relay in front of the real server is closed): B keeps answering, refuses moderation
// with nothing written, and after the link comes back catches up with what host A changed meanwhile.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import {
  PERMISSIONS, SEED_CORPUS, commandOptions, file, interactionContext, messageText, removeDir, user,
  type OptionValue, type TestUser,
} from './fake-discord/harness.js';
import { startScript } from './fake-discord/process.js';
import { FakeDiscord, INTERACTION, snowflake, type FakeInteraction, type FakeMessage } from './fake-discord/server.js';
import { freshDatabase, NO_DATABASE, noteSkipped, Relay, type TestDatabase } from './db-helpers.js';

noteSkipped('db-bot-hosts');

/** Process ids whose parent is `pid` (Linux /proc): the shard processes a manager spawned. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent id is the 4th field of /proc/N/stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

const KHARKIV = `Envoy sets out the Kharkiv corridor plan

The envoy Olena Marchuk said: “The Kharkiv corridor opens only once the shelling has stopped.”

She said the plan had been sent to both delegations.
`;
const KHARKIV_ID = '2025-07-02-envoy-sets-out-the-kharkiv-corridor-plan';
const LVIV = `Minister backs the Lviv water pledge

Deputy minister Taras Hnatiuk said: “The Lviv water pledge must hold through the winter.”

He spoke after the talks ended.
`;
const LVIV_ID = '2025-07-03-minister-backs-the-lviv-water-pledge';

describe.skipIf(NO_DATABASE)('two hosts, one database', () => {
  let t: TestDatabase;
  let fake: FakeDiscord;
  let relay: Relay;
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const outputs: Array<() => string> = [];
  let onHost: [TestUser, TestUser];
  const corpusOf: string[] = [];

  beforeAll(async () => {
    t = await freshDatabase();
    await migrate(t.db);
    await importCorpus(t.db, SEED_CORPUS);
    const u = new URL(t.url);
    relay = new Relay({ host: u.hostname, port: Number(u.port) });
    await relay.open();
    const viaRelay = new URL(t.url);
    viaRelay.port = String(relay.port);

    const now = Date.now();
    fake = await new FakeDiscord({ shards: 2, guilds: [{ id: snowflake(now), name: 'first' }, { id: snowflake(now + 1), name: 'second' }] }).start();
    const guildOf = (shard: number) => fake.guilds.find((g) => fake.shardFor(g.id) === shard)!.id;
    const mod = (shard: number) => user({ name: `mod${shard}`, guildId: guildOf(shard), permissions: PERMISSIONS.MEMBER | PERMISSIONS.MANAGE_MESSAGES });
    onHost = [mod(0), mod(1)];
    // Started one after the other: two managers spawning at once on a small machine can outlast the ready wait.
    for (const shard of [0, 1]) {
      const cwd = await mkdtemp(join(tmpdir(), `talks-bot-host-${shard}-`));
      dirs.push(cwd);
      const corpus = join(cwd, 'corpus');
      await mkdir(corpus);
      corpusOf.push(corpus);
      const env = {
        PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl,
        CORPUS_DIR: corpus, COOLDOWN_SECONDS: '0',
        MOD_GUILD_IDS: fake.guilds.map((g) => g.id).join(','),
        SHARD_COUNT: '2', SHARD_LIST: String(shard),
        DATABASE_URL: shard === 0 ? t.url : viaRelay.toString(),
      };
      const running = await startScript('src/bot/sharded.ts', { cwd, env, ready: new RegExp(`shards ${shard} of 2 ready`), timeoutMs: 40_000 });
      children.push(running.child);
      outputs.push(running.output);
    }
  }, 120_000);

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await fake?.stop();
    await relay?.cut();
    for (const d of dirs) await removeDir(d);
    await t?.drop();
  });

  async function ask(as: TestUser, name: string, options: Record<string, OptionValue> = {}): Promise<FakeInteraction> {
    const fi = fake.dispatchInteraction({ type: INTERACTION.command, data: commandOptions(fake, as.guildId!, name, options), ...interactionContext(fake, as) });
    return fi.waitSettled(20_000);
  }
  async function press(as: TestUser, on: FakeMessage, customId: string): Promise<FakeInteraction> {
    const fi = fake.dispatchInteraction({
      type: INTERACTION.component, data: { custom_id: customId, component_type: 2 }, message: fake.messageJson(on), ...interactionContext(fake, as),
    });
    return fi.waitSettled(20_000);
  }
  const whoSaid = async (as: TestUser, topic: string) => messageText((await ask(as, 'who-said', { topic })).original);
  const audit = async () => (await t.db.query<{ action: string; article: string }>("SELECT action, article FROM audit WHERE action <> 'import' ORDER BY seq")).rows;

  it('each host serves its own shard, and both answer from the database', async () => {
    expect(fake.identifies.map((i) => JSON.stringify(i.shard)).sort()).toEqual(['[0,2]', '[1,2]']);
    expect(onHost.map((u) => fake.shardFor(u.guildId))).toEqual([0, 1]);
    const seed = await whoSaid(onHost[1], 'ceasefire');
    expect(seed).toMatch(/¶/);
    expect(seed).toEqual(await whoSaid(onHost[0], 'ceasefire'));
  });

  it('an article added through host A is found through host B', async () => {
    expect(await whoSaid(onHost[1], 'Kharkiv corridor')).not.toMatch(/Marchuk/);
    const added = await ask(onHost[0], 'add-article', { file: file('kharkiv.txt', KHARKIV), date: '2025-07-02' });
    expect(messageText(added.original)).toContain(`✅ Added \`${KHARKIV_ID}\``);
    // The moderator's own host serves it as soon as the reply is out; the other host within moments.
    expect(await whoSaid(onHost[0], 'Kharkiv corridor')).toMatch(/Olena Marchuk/);
    await expect.poll(() => whoSaid(onHost[1], 'Kharkiv corridor'), { timeout: 5_000, interval: 200 }).toMatch(/Olena Marchuk/);
    expect(await audit()).toEqual([{ action: 'add', article: KHARKIV_ID }]);
  });

  it('the same article again is refused as a duplicate, checked against the database', async () => {
    const again = await ask(onHost[1], 'add-article', { file: file('kharkiv-again.txt', KHARKIV), date: '2025-07-02' });
    expect(messageText(again.original)).toMatch(new RegExp(`already in the corpus as \`${KHARKIV_ID}\``));
    expect((await audit()).length).toBe(1);
  });

  it('removed through host B, it is gone from host A', async () => {
    const confirm = await ask(onHost[1], 'remove-article', { id: KHARKIV_ID });
    const done = await press(onHost[1], confirm.original!, `remove-article:yes:${KHARKIV_ID}`);
    expect(messageText(done.original)).toMatch(new RegExp(`Removed \`${KHARKIV_ID}\``));
    // The database keeps no copy: neither reply promises one in a trash folder.
    expect(messageText(confirm.original)).toMatch(/deleted from the database \(the audit log keeps its title and hash\)/);
    expect(messageText(done.original)).toMatch(/deleted from the database/);
    for (const reply of [confirm, done]) expect(messageText(reply.original)).not.toMatch(/trash/);
    expect(await whoSaid(onHost[1], 'Kharkiv corridor')).not.toMatch(/Marchuk/);
    await expect.poll(() => whoSaid(onHost[0], 'Kharkiv corridor'), { timeout: 5_000, interval: 200 }).not.toMatch(/Marchuk/);
    expect(await audit()).toEqual([{ action: 'add', article: KHARKIV_ID }, { action: 'remove', article: KHARKIV_ID }]);
  });

  it('with its database link cut, host B answers, refuses moderation, and catches up once the link is back', async () => {
    await relay.cut();
    // Answers go on from the in-process index.
    expect(await whoSaid(onHost[1], 'ceasefire')).toMatch(/¶/);
    const refused = await ask(onHost[1], 'add-article', { file: file('lviv.txt', LVIV), date: '2025-07-03' });
    expect(messageText(refused.original)).toMatch(/article store is unavailable right now; nothing was changed/);
    expect(await t.db.query('SELECT 1 FROM articles WHERE id = $1', [LVIV_ID]).then((r) => r.rowCount)).toBe(0);
    // Host A still reaches the database: its change is stored while B cannot hear of it.
    const added = await ask(onHost[0], 'add-article', { file: file('lviv.txt', LVIV), date: '2025-07-03' });
    expect(messageText(added.original)).toContain(`✅ Added \`${LVIV_ID}\``);
    expect(await whoSaid(onHost[1], 'Lviv water pledge')).not.toMatch(/Hnatiuk/);
    await relay.open();
    await expect.poll(() => whoSaid(onHost[1], 'Lviv water pledge'), { timeout: 20_000, interval: 500 }).toMatch(/Taras Hnatiuk/);
    // And moderation through B works again.
    const confirm = await ask(onHost[1], 'remove-article', { id: LVIV_ID });
    const done = await press(onHost[1], confirm.original!, `remove-article:yes:${LVIV_ID}`);
    expect(messageText(done.original)).toMatch(new RegExp(`Removed \`${LVIV_ID}\``));
    expect(outputs[1]()).toMatch(/changes: reconnected/);
  }, 60_000);

  it('/reindex re-reads the database (not the empty corpus folder): a row stored by hand is served, nothing is dropped', async () => {
    const body = 'Hand inserted\n\nThe mediator Ilse Brandt said: “The pomegranate formula needs written guarantees.”\n';
    await t.db.query(
      "INSERT INTO articles (id, title, body, hash, format) VALUES ('hand-inserted', 'Hand inserted', $1, encode(sha256(convert_to($1, 'UTF8')), 'hex'), 'txt')",
      [body],
    );
    const before = await whoSaid(onHost[0], 'ceasefire');
    expect(await whoSaid(onHost[0], 'pomegranate formula')).not.toMatch(/Brandt/);
    const r = await ask(onHost[0], 'reindex');
    expect(messageText(r.original)).toMatch(/1 added, 0 updated, 0 removed/);
    expect(await whoSaid(onHost[0], 'pomegranate formula')).toMatch(/Ilse Brandt/);
    expect(await whoSaid(onHost[0], 'ceasefire')).toEqual(before);
  });

  it('a shard killed -9 in the middle of a moderator\'s add stores nothing; respawned, it serves, and the id is free', async () => {
    const ODESA = 'Envoy names the Odesa grain route\n\nThe envoy Mykola Dovbenko said: “The Odesa grain route reopens on Monday.”\n';
    const ODESA_ID = '2025-07-04-envoy-names-the-odesa-grain-route';
    const shardPids = childrenOf(children[0].pid!);
    expect(shardPids).toHaveLength(1);
    const loggedIn = (): number => outputs[0]().match(/logged in as/g)?.length ?? 0;
    const before = loggedIn();
    // The test holds a lock on the audit table: host A's transaction stores the article and its change row,
    // then waits on the audit insert, uncommitted, until its process is killed.
    const locker = await t.db.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE audit IN SHARE MODE');
      fake.dispatchInteraction({ type: INTERACTION.command, data: commandOptions(fake, onHost[0].guildId!, 'add-article', { file: file('odesa.txt', ODESA), date: '2025-07-04' }), ...interactionContext(fake, onHost[0]) });
      await expect.poll(async () => (await t.db.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO audit%'")).rowCount, { timeout: 20_000, interval: 100 }).toBe(1);
      process.kill(shardPids[0], 'SIGKILL');
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
    }
    // A backend waiting on a lock reads its socket only once the wait ends: then it finds the client gone and
    // rolls the transaction back.
    await expect.poll(async () => (await t.db.query("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'INSERT INTO audit%' AND state <> 'idle'")).rowCount, { timeout: 20_000, interval: 100 }).toBe(0);
    for (const table of ['articles WHERE id', 'changes WHERE article_id', 'audit WHERE article']) {
      expect((await t.db.query(`SELECT 1 FROM ${table} = $1`, [ODESA_ID])).rowCount, table).toBe(0);
    }
    expect(await whoSaid(onHost[1], 'Odesa grain route')).not.toMatch(/Dovbenko/);
    // The manager respawns the shard; it loads from the database and answers again, without the article.
    await expect.poll(() => childrenOf(children[0].pid!).length, { timeout: 20_000, interval: 200 }).toBe(1);
    await expect.poll(loggedIn, { timeout: 60_000, interval: 500 }).toBeGreaterThan(before);
    await expect.poll(() => whoSaid(onHost[0], 'ceasefire'), { timeout: 30_000, interval: 500 }).toMatch(/¶/);
    expect(await whoSaid(onHost[0], 'Odesa grain route')).not.toMatch(/Dovbenko/);
    // The id was never taken: the same add through the respawned host is stored, audited once, and served by both.
    const added = await ask(onHost[0], 'add-article', { file: file('odesa.txt', ODESA), date: '2025-07-04' });
    expect(messageText(added.original)).toContain(`✅ Added \`${ODESA_ID}\``);
    await expect.poll(() => whoSaid(onHost[1], 'Odesa grain route'), { timeout: 5_000, interval: 200 }).toMatch(/Mykola Dovbenko/);
    expect((await audit()).filter((r) => r.article === ODESA_ID)).toEqual([{ action: 'add', article: ODESA_ID }]);
  }, 120_000);

  it('no host wrote an article file, and nothing broke a Discord rule', async () => {
    for (const c of corpusOf) expect((await readdir(c)).filter((n) => /\.(md|txt)$/.test(n))).toEqual([]);
    expect(fake.rejections).toEqual([]);
  });
});
