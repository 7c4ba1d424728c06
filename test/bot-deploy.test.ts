// `npm run deploy` (src/bot/deploy.ts) as a user runs it: registers the commands without starting the bot.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import commandList from '../commands/index.js';
import { compiled } from './compiled.js';
import { removeDir } from './fake-discord/harness.js';
import { FakeDiscord } from './fake-discord/server.js';

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
  const n = commandList.length;
  expect(g.stdout).toMatch(new RegExp(`^Registered ${n} commands to guild ${guild} \\(visible now\\): /who-said /search /quotes /article /sources /help`));
  expect(fake.commands.get(guild)!.map((c) => c.name)).toEqual(commandList.map((c) => c.data.name));
  expect(commandList.map((c) => c.data.name)).toEqual(expect.arrayContaining(['who-said', 'search', 'quotes', 'article', 'sources', 'help']));
  // Nobody logged in: deploying does not start the bot.
  expect(fake.identifies).toEqual([]);

  const global = await deploy(env);
  expect(global.stdout).toMatch(new RegExp(`^Registered ${n} commands globally`));
  expect(fake.commands.get('global')).toHaveLength(n);
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
