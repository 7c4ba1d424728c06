// Settings: every mistake gets one line that says what to fix, and never echoes the token.
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { loadSettings } from '../src/settings.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const base = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '123456789012345678' };

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).not.toContain(TOKEN);
    return msg;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      token: TOKEN, clientId: '123456789012345678', guildId: null, corpusDir: './corpus', apiUrl: null,
      cooldownSeconds: 3, modRoleIds: [], modLogChannelId: null, maxAttachmentBytes: 2 * 1024 * 1024, allowPrivateUrls: false,
    });
  });

  test('every setting is read', () => {
    const c = loadConfig({
      ...base, DISCORD_GUILD_ID: '223456789012345678', CORPUS_DIR: '/data/corpus', DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      COOLDOWN_SECONDS: '0', MOD_ROLE_IDS: '323456789012345678, 423456789012345678', MOD_LOG_CHANNEL_ID: '523456789012345678',
      MAX_ATTACHMENT_BYTES: '1000', ALLOW_PRIVATE_URLS: 'true', SHARD_COUNT: '2',
    });
    expect(c).toMatchObject({
      guildId: '223456789012345678', corpusDir: '/data/corpus', apiUrl: 'http://127.0.0.1:9999/api', cooldownSeconds: 0,
      modRoleIds: ['323456789012345678', '423456789012345678'], modLogChannelId: '523456789012345678',
      maxAttachmentBytes: 1000, allowPrivateUrls: true, shardCount: 2,
    });
  });

  test.each([
    [{ DISCORD_CLIENT_ID: '123456789012345678' }, /^DISCORD_TOKEN is not set/],
    [{ ...base, DISCORD_TOKEN: 'the-client-secret-pasted-by-mistake' }, /^DISCORD_TOKEN does not look like a bot token/],
    [{ DISCORD_TOKEN: TOKEN }, /^DISCORD_CLIENT_ID is not set/],
    [{ ...base, DISCORD_CLIENT_ID: 'my-bot' }, /^DISCORD_CLIENT_ID must be the application id/],
    [{ ...base, DISCORD_GUILD_ID: 'https://discord.com/channels/1/2' }, /^DISCORD_GUILD_ID must be a server id/],
    [{ ...base, DISCORD_API_URL: 'localhost:8080' }, /^DISCORD_API_URL must be an http\(s\) URL/],
    [{ ...base, COOLDOWN_SECONDS: 'fast' }, /^COOLDOWN_SECONDS must be a whole number from 0 to 3600/],
    [{ ...base, MOD_ROLE_IDS: '123456789012345678,moderators' }, /^MOD_ROLE_IDS .* "moderators" is not an id/],
    [{ ...base, MAX_ATTACHMENT_BYTES: '-1' }, /^MAX_ATTACHMENT_BYTES must be a whole number/],
    [{ ...base, ALLOW_PRIVATE_URLS: 'maybe' }, /^ALLOW_PRIVATE_URLS must be true or false/],
    [{ ...base, URL_TIMEOUT_MS: '10s' }, /^URL_TIMEOUT_MS must be a whole number from 1 to \d+; got "10s"/],
    [{ ...base, MAX_URL_BYTES: '5MB' }, /^MAX_URL_BYTES must be a whole number/],
    [{ ...base, MOD_ROLE_IDS: '12345' }, /^MOD_ROLE_IDS .* "12345" is not an id/],
    [{ ...base, MOD_GUILD_IDS: '123456789012345678;x' }, /^MOD_GUILD_IDS must be a comma-separated list of server ids/],
    [{ ...base, COOLDOWN_SECONDS: '1e3' }, /^COOLDOWN_SECONDS must be a whole number/],
  ])('%o → one clear line', (env, expected) => {
    expect(problem(env as Record<string, string>)).toMatch(expected);
  });

  test('one read hands down every section: bot, moderation, snapshot and corpus agree', () => {
    const s = loadSettings({
      ...base, DISCORD_GUILD_ID: '223456789012345678', MOD_ROLE_IDS: '323456789012345678', URL_TIMEOUT_MS: '2500',
      CORPUS_DIR: '/data/corpus', SNAPSHOT_DIR: 'off',
    });
    expect(s.moderation).toEqual({
      maxAttachmentBytes: 2 * 1024 * 1024, maxUrlBytes: 5 * 1024 * 1024, urlTimeoutMs: 2500, articleTimeoutMs: 10_000, allowPrivateUrls: false,
      modRoleIds: ['323456789012345678'], modGuildIds: ['223456789012345678'],
    });
    expect(s.bot.moderation).toBe(s.moderation);
    expect(s.bot.modGuildIds).toEqual(['223456789012345678']);
    expect(s.snapshot).toMatchObject({ off: true, ownCorpusDir: '/data/corpus' });
    expect(s.corpus).toEqual({ dir: '/data/corpus' });
    // Without DISCORD_GUILD_ID or MOD_GUILD_IDS moderation is off; MOD_GUILD_IDS wins over the default.
    expect(loadConfig(base).modGuildIds).toEqual([]);
    expect(loadConfig({ ...base, DISCORD_GUILD_ID: '223456789012345678', MOD_GUILD_IDS: '623456789012345678' }).modGuildIds).toEqual(['623456789012345678']);
  });

  test('blank values count as unset', () => {
    expect(loadConfig({ ...base, DISCORD_GUILD_ID: '  ', CORPUS_DIR: '' }).guildId).toBeNull();
  });
});

describe('feed settings', () => {
  test('defaults, and every FEED_ value is read once with the others', () => {
    expect(loadConfig(base).feeds).toEqual({
      intervalMs: 15 * 60_000, maxBackoffMs: 6 * 60 * 60_000, maxFeedBytes: 4 * 1024 * 1024, itemsPerPoll: 10, itemRetries: 3, polling: true,
    });
    const s = loadSettings({
      ...base, FEED_INTERVAL_MINUTES: '0.5', FEED_MAX_BACKOFF_MINUTES: '90', FEED_MAX_BYTES: '1048576', FEED_ITEMS_PER_POLL: '3', FEED_POLLING: 'off',
    });
    expect(s.feeds).toEqual({ intervalMs: 30_000, maxBackoffMs: 90 * 60_000, maxFeedBytes: 1048576, itemsPerPoll: 3, itemRetries: 3, polling: false });
    expect(s.bot.feeds).toBe(s.feeds);
    // A long interval lifts the default backoff with it rather than being refused.
    expect(loadConfig({ ...base, FEED_INTERVAL_MINUTES: '720' }).feeds.maxBackoffMs).toBe(720 * 60_000);
  });

  test('a wrong value is refused in one line naming the variable, never replaced by the default', () => {
    expect(problem({ ...base, FEED_INTERVAL_MINUTES: '10m' })).toBe('FEED_INTERVAL_MINUTES must be a number from 0.001 to 10080; got "10m".');
    expect(problem({ ...base, FEED_INTERVAL_MINUTES: '0' })).toMatch(/^FEED_INTERVAL_MINUTES must be a number from/);
    expect(problem({ ...base, FEED_INTERVAL_MINUTES: '-5' })).toMatch(/^FEED_INTERVAL_MINUTES must be a number from/);
    expect(problem({ ...base, FEED_MAX_BACKOFF_MINUTES: 'lots' })).toMatch(/^FEED_MAX_BACKOFF_MINUTES must be a number from/);
    expect(problem({ ...base, FEED_INTERVAL_MINUTES: '60', FEED_MAX_BACKOFF_MINUTES: '30' })).toBe('FEED_MAX_BACKOFF_MINUTES must be at least FEED_INTERVAL_MINUTES (60); got "30".');
    expect(problem({ ...base, FEED_MAX_BYTES: '4MB' })).toMatch(/^FEED_MAX_BYTES must be a whole number from 1 to/);
    expect(problem({ ...base, FEED_ITEMS_PER_POLL: '2.5' })).toMatch(/^FEED_ITEMS_PER_POLL must be a whole number from 1 to 1000/);
    expect(problem({ ...base, FEED_ITEMS_PER_POLL: '0' })).toMatch(/^FEED_ITEMS_PER_POLL must be a whole number/);
    expect(problem({ ...base, FEED_POLLING: 'sometimes' })).toBe('FEED_POLLING must be true or false; got "sometimes".');
  });
});
