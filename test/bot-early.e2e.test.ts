// The bot logs in while its index loads: what users send meanwhile is acknowledged in time and answered once the
// index is ready (not lost, not an error); autocomplete gets an empty list; a load that fails ends the start.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deployCommands } from '../src/bot/deploy.js';
import { startBot, type RunningBot } from '../src/bot/start.js';
import { loadConfig, type BotConfig } from '../src/config.js';
import { Engine, EngineError } from '../src/engine.js';
import { SEED_CORPUS, USERS, commandOptions, interactionContext, messageText, refusedRequests } from './fake-discord/harness.js';
import { CALLBACK, FakeDiscord, INTERACTION, type FakeInteraction } from './fake-discord/server.js';

let fake: FakeDiscord;
let config: BotConfig;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  config = loadConfig({
    DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guilds[0]!.id,
    DISCORD_API_URL: fake.apiUrl, CORPUS_DIR: SEED_CORPUS, COOLDOWN_SECONDS: '0',
  });
  await deployCommands(config);
});
afterAll(async () => {
  await fake?.stop();
});

function send(type: number, name: string, options: Record<string, string>, focused?: string): FakeInteraction {
  return fake.dispatchInteraction({
    type, data: commandOptions(fake, fake.guilds[0]!.id, name, options, focused), ...interactionContext(fake, USERS.alice),
  });
}

/** A load the test finishes when it wants (or fails). */
function pendingEngine(): { loading: Promise<Engine>; finish: (e: Engine) => void; fail: (err: Error) => void } {
  let finish!: (e: Engine) => void;
  let fail!: (err: Error) => void;
  const loading = new Promise<Engine>((resolve, reject) => { finish = resolve; fail = reject; });
  return { loading, finish, fail };
}

describe('interactions while the index loads', () => {
  test('a command sent before the index is ready is deferred, then answered for real; autocomplete gets []', async () => {
    const { loading, finish } = pendingEngine();
    const logs: string[] = [];
    let loggedIn!: () => void;
    const isLoggedIn = new Promise<void>((resolve) => { loggedIn = resolve; });
    const starting = startBot({ config, engine: loading, log: (l) => logs.push(l), onLoggedIn: () => loggedIn() });
    let bot: RunningBot | undefined;
    try {
      await isLoggedIn;
      expect(logs.some((l) => /logged in as .*serving 1 guild/.test(l))).toBe(true);

      const early = send(INTERACTION.command, 'who-said', { topic: 'ceasefire' });
      await early.waitFor(() => early.initial !== undefined, 10_000, 'a deferral');
      expect(early.initial!.type).toBe(CALLBACK.deferMessage);
      expect(early.settled).toBe(false);

      const typed = send(INTERACTION.autocomplete, 'article', { id: 'peace' }, 'id');
      await typed.waitSettled(10_000);
      expect(typed.initial!.type).toBe(CALLBACK.autocomplete);
      expect(typed.initial!.data.choices).toEqual([]);

      finish(await Engine.open(SEED_CORPUS));
      bot = await starting;
      await early.waitSettled(10_000);
      expect(messageText(early.original)).toContain('Who said something about **ceasefire**:');
      expect(messageText(early.original)).toMatch(/Yermak|Kuleba/);
      expect(logs).toContain('answering 1 interaction that came while the index loaded');

      // Once ready, commands are answered as usual.
      const later = await send(INTERACTION.command, 'who-said', { topic: 'ceasefire' }).waitSettled(10_000);
      expect(messageText(later.original)).toContain('Who said something about **ceasefire**:');
      expect(refusedRequests(fake)).toEqual([]);
    } finally {
      await (bot ?? await starting.catch(() => undefined))?.stop();
    }
  });

  test('an index that fails to load ends the start with its own error, logged out', async () => {
    const { loading, fail } = pendingEngine();
    let loggedIn!: () => void;
    const isLoggedIn = new Promise<void>((resolve) => { loggedIn = resolve; });
    const starting = startBot({ config, engine: loading, log: () => undefined, onLoggedIn: () => loggedIn() });
    await isLoggedIn;
    expect(fake.connectedShards).toEqual(['0/1']);
    fail(new EngineError('corpus folder /nope does not exist or cannot be read', 'bad-corpus'));
    await expect(starting).rejects.toThrow('corpus folder /nope does not exist or cannot be read');
    // Logged out: the gateway connection is closed (waited on, not slept on: closing is asynchronous).
    for (let i = 0; i < 200 && fake.connectedShards.length; i++) await new Promise((r) => setTimeout(r, 25));
    expect(fake.connectedShards).toEqual([]);
  });
});
