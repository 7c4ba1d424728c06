// `npm run deploy` (src/bot/deploy.ts) as a user runs it: registers the commands without starting the bot.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import commandList, { messageCommands } from '../commands/index.js';
import { compiled } from './compiled.js';
import { removeDir } from './fake-discord/harness.js';
import { FakeDiscord, snowflake } from './fake-discord/server.js';

const run = promisify(execFile);
let fake: FakeDiscord;
let cwd: string; // an empty folder, so no developer .env leaks in

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  cwd = await mkdtemp(join(tmpdir(), 'talks-bot-deploy-'));
});
afterAll(async () => {
  await fake?.stop();
  await removeDir(cwd);
});

async function deploy(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [compiled('src/bot/deploy.ts')], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
    return { code: 0, ...r };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('registers every command to the guild when DISCORD_GUILD_ID is set, else globally', async () => {
  const env = { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
  const guild = fake.guilds[0]!.id;
  const g = await deploy({ ...env, DISCORD_GUILD_ID: guild });
  expect(g.code).toBe(0);
  const n = commandList.length + messageCommands.length;
  expect(g.stdout).toMatch(new RegExp(`^Registered ${n} commands to guild ${guild} \\(visible now\\): /who-said /search /quotes /article /sources /help`));
  const slash = (mod: boolean) => commandList.filter((c) => !!c.moderatorOnly === mod).map((c) => c.data.name);
  // The message context-menu command ("Find sources", type 3) goes with the question commands.
  expect(fake.commands.get(guild)!.map((c) => c.name)).toEqual([...slash(false), 'Find sources', ...slash(true)]);
  expect(fake.commands.get(guild)!.find((c) => c.name === 'Find sources')).toMatchObject({ type: 3 });
  expect(g.stdout).toContain('"Find sources" (message menu)');
  expect(commandList.map((c) => c.data.name)).toEqual(expect.arrayContaining(['who-said', 'search', 'quotes', 'article', 'sources', 'help']));
  // Nobody logged in: deploying does not start the bot.
  expect(fake.identifies).toEqual([]);

  // Globally, with no server owning the corpus: the question commands only, and moderation says it is off.
  const global = await deploy(env);
  const questions = [...commandList.filter((c) => !c.moderatorOnly).map((c) => c.data.name), ...messageCommands.map((c) => c.data.name)];
  expect(global.stdout).toMatch(new RegExp(`^Registered ${questions.length} commands globally`));
  expect(global.stdout).toMatch(/Moderation is off, so its commands were not registered: set MOD_GUILD_IDS/);
  expect(fake.commands.get('global')!.map((c) => c.name)).toEqual(questions);
});

test('moderation commands are registered only in the servers that own the corpus; questions may be global', async () => {
  const home = snowflake();
  const other = snowflake();
  const two = await new FakeDiscord({ guilds: [{ id: home, name: 'Home' }, { id: other, name: 'Elsewhere' }, { id: snowflake(), name: 'Stranger' }] }).start();
  try {
    const env = { DISCORD_TOKEN: two.token, DISCORD_CLIENT_ID: two.applicationId, DISCORD_API_URL: two.apiUrl };
    const r = await deploy({ ...env, MOD_GUILD_IDS: `${home},${other}` });
    expect(r.code).toBe(0);
    const moderation = commandList.filter((c) => c.moderatorOnly).map((c) => c.data.name);
    expect(moderation).toEqual(['add-article', 'replace-article', 'remove-article', 'reindex', 'feeds', 'alerts']);
    const global: string[] = two.commands.get('global')!.map((c) => String(c.name));
    expect(global).toEqual(expect.arrayContaining(['who-said', 'search', 'quotes', 'article', 'sources', 'help']));
    expect(global.filter((n) => moderation.includes(n))).toEqual([]);
    expect(two.commands.get(home)!.map((c) => c.name)).toEqual(moderation);
    expect(two.commands.get(other)!.map((c) => c.name)).toEqual(moderation);
    expect(two.guilds.filter((g) => two.commands.has(g.id)).map((g) => g.id)).toEqual([home, other]);
    expect(r.stdout).toContain(`Registered ${moderation.length} moderation commands to guild ${other}: ${moderation.map((n) => `/${n}`).join(' ')}`);
    // A server the bot is not in: one line naming it, and a failing exit code.
    const absent = snowflake();
    const bad = await deploy({ ...env, MOD_GUILD_IDS: `${home},${absent}` });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`Could not register commands: the bot has no access to server ${absent}: invite it there (with the applications.commands scope) or take that id out of DISCORD_GUILD_ID / MOD_GUILD_IDS.`);
  } finally {
    await two.stop();
  }
});

test('a missing setting or a refused token gives one line and a failing exit code', async () => {
  const missing = await deploy({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim()).toMatch(/^DISCORD_CLIENT_ID is not set: copy the Application ID/);
  const wrongToken = `${fake.token.slice(0, -3)}abc`;
  const refused = await deploy({ DISCORD_TOKEN: wrongToken, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toBe('Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).');
  expect(refused.stderr).not.toContain(wrongToken);
});
