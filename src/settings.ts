// Every setting talks-bot reads, in one place: the environment (and .env) is read once at program start, each value
// is validated with a one-line message naming the variable (never a silent fallback, never the token's value), and
// typed sections are handed down: bot, moderation, snapshot, corpus.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export const DEFAULT_CORPUS_DIR = './corpus';
export const DEFAULT_MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_URL_BYTES = 5 * 1024 * 1024;
export const DEFAULT_URL_TIMEOUT_MS = 10_000;
/** Time one article may take to parse, clean and extract its quotes (on the parse thread). */
export const DEFAULT_ARTICLE_TIMEOUT_MS = 10_000;
const SNAPSHOT_FILE_NAME = 'index.snapshot';

export interface CorpusSettings {
  /** The bot's own folder of articles (CORPUS_DIR, default ./corpus), as given. */
  dir: string;
}

export interface SnapshotSettings {
  /** SNAPSHOT_DIR resolved; null = the default place for each corpus (see snapshotFileFor). */
  dir: string | null;
  /** SNAPSHOT_DIR=off: every start re-reads and re-indexes. */
  off: boolean;
  /** Where per-user caches go: $XDG_CACHE_HOME, else ~/.cache. */
  cacheHome: string;
  /** The bot's own corpus folder: its snapshot stays in `<corpus>/.cache`. */
  ownCorpusDir: string;
}

export interface ModerationSettings {
  /** Largest attachment or fetched page accepted, in bytes. */
  maxAttachmentBytes: number;
  /** Allow urls that resolve to private/loopback addresses (tests only). */
  allowPrivateUrls: boolean;
  /** Largest web page fetched for `url:`, in bytes (pages carry more markup than text files). */
  maxUrlBytes: number;
  /** Time limit for fetching a url, whole redirect chain included. */
  urlTimeoutMs: number;
  /** Time one article may take to parse, clean and extract its quotes (on the parse thread); slower is refused. */
  articleTimeoutMs: number;
  /** Role ids whose holders may moderate; empty = rely on the Manage Messages permission. */
  modRoleIds: string[];
  /** Channel to post the audit trail to, if any. */
  modLogChannelId?: string;
  /** The servers that own the corpus (MOD_GUILD_IDS, default DISCORD_GUILD_ID); empty = moderation is off. */
  modGuildIds: string[];
}

/** News feeds (FEED_*): how often they are polled, how much is read, and whether this process polls. */
export interface FeedSettings {
  /** Time between two polls of a healthy feed. */
  intervalMs: number;
  /** Longest wait after repeated errors (the backoff doubles up to this). */
  maxBackoffMs: number;
  /** Largest feed document accepted. */
  maxFeedBytes: number;
  /** New items handled per feed per poll; the rest wait for the next poll. */
  itemsPerPoll: number;
  /** How often a page that failed to load (time-out, server error) is retried before the item is given up. */
  itemRetries: number;
  /** FEED_POLLING=off: this process never polls (the /feeds commands still work). */
  polling: boolean;
}

export const DEFAULT_FEED_INTERVAL_MINUTES = 15;
export const DEFAULT_FEED_MAX_BACKOFF_MINUTES = 6 * 60;
export const DEFAULT_FEED_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_FEED_ITEMS_PER_POLL = 10;

export interface BotConfig {
  token: string;
  clientId: string;
  guildId: string | null;
  corpusDir: string;
  /** REST base such as http://127.0.0.1:PORT/api; null = Discord itself. */
  apiUrl: string | null;
  /** Per-user cooldown on heavy commands, in seconds (0 = off). */
  cooldownSeconds: number;
  /** Role ids that may moderate, in addition to Manage Messages holders (same as moderation.modRoleIds). */
  modRoleIds: string[];
  modLogChannelId: string | null;
  maxAttachmentBytes: number;
  /** Lets moderators add articles from loopback/private addresses (tests only). */
  allowPrivateUrls: boolean;
  /** Explicit shard list/count; null = a single shard (discord.js default). */
  shardCount: number | null;
  /** SHARD_LIST: the shards this host runs under start:sharded (the others run on other hosts); null = all. */
  shardList: number[] | null;
  /** The servers where moderation commands are registered and obeyed; empty = moderation is off. */
  modGuildIds: string[];
  moderation: ModerationSettings;
  snapshot: SnapshotSettings;
  feeds: FeedSettings;
}

export interface DatabaseSettings {
  /** DATABASE_URL: PostgreSQL holds the corpus; null = the folder of files (the default). */
  url: string | null;
}

export interface Settings {
  bot: BotConfig;
  moderation: ModerationSettings;
  snapshot: SnapshotSettings;
  corpus: CorpusSettings;
  database: DatabaseSettings;
  feeds: FeedSettings;
}

// Discord ids (snowflakes) for servers, channels, roles and applications alike: one rule.
const SNOWFLAKE = /^\d{17,20}$/;
// Discord bot tokens are three dot-separated base64url parts; this catches pasting the client secret or an id instead.
const TOKEN_SHAPE = /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/;

let dotenvLoaded = false;

/** Reads `.env` into process.env once (variables already set win); returns process.env. The only .env loader. */
export function loadEnv(file?: string): NodeJS.ProcessEnv {
  if (!dotenvLoaded || file) {
    loadDotenv({ quiet: true, ...(file ? { path: file } : {}) });
    dotenvLoaded = true;
  }
  return process.env;
}

/** Same as loadEnv, for callers that only want the side effect. */
export function loadDotenvFile(file?: string): void {
  loadEnv(file);
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

const shown = (v: string) => v.slice(0, 40);

function snowflake(env: Env, name: string, what: string): string | undefined {
  const v = value(env, name);
  if (v !== undefined && !SNOWFLAKE.test(v)) {
    throw new ConfigError(`${name} must be ${what} (a numeric Discord id, 17-20 digits); got "${shown(v)}".`);
  }
  return v;
}

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${shown(v)}".`);
  }
  return Number(v);
}

/** A decimal number (minutes may be fractional: tests poll every 0.01 min). */
function numberSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+(?:\.\d+)?$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}; got "${shown(v)}".`);
  }
  return Number(v);
}

function boolSetting(env: Env, name: string, fallback = false): boolean {
  const v = value(env, name)?.toLowerCase();
  if (v === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false; got "${shown(v)}".`);
}

function idList(env: Env, name: string, what: string): string[] {
  const v = value(env, name);
  if (v === undefined) return [];
  const ids = v.split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !SNOWFLAKE.test(id));
  if (bad) throw new ConfigError(`${name} must be a comma-separated list of ${what}; "${shown(bad)}" is not an id.`);
  return [...new Set(ids)];
}

export function corpusSettings(env: Env = process.env): CorpusSettings {
  return { dir: value(env, 'CORPUS_DIR') ?? DEFAULT_CORPUS_DIR };
}

/** The bot's own corpus folder (CORPUS_DIR or ./corpus). */
export function corpusDir(env: Env = process.env): string {
  return corpusSettings(env).dir;
}

export function snapshotSettings(env: Env = process.env): SnapshotSettings {
  const dir = value(env, 'SNAPSHOT_DIR');
  const off = dir !== undefined && /^(off|none|false|0)$/i.test(dir);
  const xdg = value(env, 'XDG_CACHE_HOME');
  // The XDG spec ignores a relative XDG_CACHE_HOME.
  const cacheHome = xdg && path.isAbsolute(xdg) ? xdg : path.join(value(env, 'HOME') ?? homedir(), '.cache');
  return { dir: dir && !off ? path.resolve(dir) : null, off, cacheHome, ownCorpusDir: corpusSettings(env).dir };
}

/**
 * Where the snapshot of `corpusDir` lives, or null when snapshots are off. SNAPSHOT_DIR wins; the bot's own corpus
 * keeps it in `<corpus>/.cache`; any other folder (`--corpus DIR`, which the CLI was only asked to read) gets
 * `<cache home>/talks-bot/<hash of its real path>`, so nothing is ever written into it.
 */
export function snapshotFileFor(corpusDir: string, settings: SnapshotSettings): string | null {
  if (settings.off) return null;
  if (settings.dir) return path.join(settings.dir, SNAPSHOT_FILE_NAME);
  const real = realPath(corpusDir);
  if (real === realPath(settings.ownCorpusDir)) return path.join(path.resolve(corpusDir), '.cache', SNAPSHOT_FILE_NAME);
  const key = createHash('sha256').update(real).digest('hex').slice(0, 16);
  return path.join(settings.cacheHome, 'talks-bot', key, SNAPSHOT_FILE_NAME);
}

function realPath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir); // a missing folder: opening it reports that
  }
}

/** SHARD_LIST=0,1: shard ids below SHARD_COUNT (required with it), each once. */
function shardListSetting(env: Env): number[] | null {
  const raw = value(env, 'SHARD_LIST');
  if (raw === undefined) return null;
  const count = value(env, 'SHARD_COUNT');
  if (count === undefined) throw new ConfigError('SHARD_LIST needs SHARD_COUNT (the total number of shards over every host).');
  const total = intSetting(env, 'SHARD_COUNT', 1, 1, 10_000);
  const ids = raw.split(',').map((p) => p.trim());
  const list = ids.map(Number);
  if (!ids.length || ids.some((p) => !/^\d+$/.test(p)) || list.some((n) => n >= total) || new Set(list).size !== list.length) {
    throw new ConfigError(`SHARD_LIST must be distinct shard ids from 0 to ${total - 1} separated by commas, e.g. 0,1; got "${shown(raw)}".`);
  }
  return list;
}

/** A connection string with its password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][\w+.-]*:\/\/[^:/?#@]*):[^@/?#]*@/i, '$1:***@');
}

/** DATABASE_URL, validated: a postgres:// or postgresql:// URL, or unset. The password never appears in a message. */
export function databaseSettings(env: Env = process.env): DatabaseSettings {
  const url = value(env, 'DATABASE_URL');
  if (url === undefined) return { url: null };
  let ok = false;
  try {
    const u = new URL(url);
    ok = (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && (u.hostname !== '' || u.searchParams.has('host'));
  } catch { /* reported below */ }
  if (!ok) {
    throw new ConfigError(`DATABASE_URL must look like postgres://user:password@host:5432/dbname; got "${shown(redactUrl(url))}".`);
  }
  return { url };
}

/** Moderation settings, validated (pure: pass any env). Read once at start and handed down. */
export function moderationSettings(env: Env = process.env): ModerationSettings {
  const guildId = snowflake(env, 'DISCORD_GUILD_ID', 'a server id (right-click the server → Copy Server ID)');
  const guilds = idList(env, 'MOD_GUILD_IDS', 'server ids');
  const channel = snowflake(env, 'MOD_LOG_CHANNEL_ID', 'a channel id');
  return {
    maxAttachmentBytes: intSetting(env, 'MAX_ATTACHMENT_BYTES', DEFAULT_MAX_ATTACHMENT_BYTES, 1, 100 * 1024 * 1024),
    maxUrlBytes: intSetting(env, 'MAX_URL_BYTES', DEFAULT_MAX_URL_BYTES, 1, 100 * 1024 * 1024),
    urlTimeoutMs: intSetting(env, 'URL_TIMEOUT_MS', DEFAULT_URL_TIMEOUT_MS, 1, 10 * 60_000),
    articleTimeoutMs: intSetting(env, 'ARTICLE_TIMEOUT_MS', DEFAULT_ARTICLE_TIMEOUT_MS, 100, 10 * 60_000),
    allowPrivateUrls: boolSetting(env, 'ALLOW_PRIVATE_URLS'),
    modRoleIds: idList(env, 'MOD_ROLE_IDS', 'role ids'),
    ...(channel ? { modLogChannelId: channel } : {}),
    modGuildIds: guilds.length ? guilds : guildId ? [guildId] : [],
  };
}

/** Feed settings, validated (pure: pass any env). Read once at start and handed down through BotConfig. */
export function feedSettings(env: Env = process.env): FeedSettings {
  const minutes = numberSetting(env, 'FEED_INTERVAL_MINUTES', DEFAULT_FEED_INTERVAL_MINUTES, 0.001, 7 * 24 * 60);
  const backoffSet = value(env, 'FEED_MAX_BACKOFF_MINUTES') !== undefined;
  const backoff = numberSetting(env, 'FEED_MAX_BACKOFF_MINUTES', DEFAULT_FEED_MAX_BACKOFF_MINUTES, 0.001, 30 * 24 * 60);
  // A backoff shorter than the interval would poll a failing feed more often than a healthy one.
  if (backoffSet && backoff < minutes) {
    throw new ConfigError(`FEED_MAX_BACKOFF_MINUTES must be at least FEED_INTERVAL_MINUTES (${minutes}); got "${shown(String(backoff))}".`);
  }
  return {
    intervalMs: Math.round(minutes * 60_000),
    maxBackoffMs: Math.round(Math.max(backoff, minutes) * 60_000),
    maxFeedBytes: intSetting(env, 'FEED_MAX_BYTES', DEFAULT_FEED_MAX_BYTES, 1, 100 * 1024 * 1024),
    itemsPerPoll: intSetting(env, 'FEED_ITEMS_PER_POLL', DEFAULT_FEED_ITEMS_PER_POLL, 1, 1000),
    itemRetries: 3,
    polling: boolSetting(env, 'FEED_POLLING', true),
  };
}

/**
 * The bot's typed settings, or a ConfigError whose message is one line saying what to fix.
 * `requireToken: false` lets tools that never log in (tests of config) skip the token.
 */
export function loadConfig(env: Env = process.env, opts: { requireToken?: boolean } = {}): BotConfig {
  const token = value(env, 'DISCORD_TOKEN');
  if (!token && opts.requireToken !== false) {
    throw new ConfigError('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot → Reset Token) into .env.');
  }
  if (token && !TOKEN_SHAPE.test(token)) {
    throw new ConfigError('DISCORD_TOKEN does not look like a bot token (three parts separated by dots): use Bot → Reset Token, not the client secret.');
  }
  const clientId = snowflake(env, 'DISCORD_CLIENT_ID', 'the application id (Developer Portal → General Information)');
  if (!clientId) {
    throw new ConfigError('DISCORD_CLIENT_ID is not set: copy the Application ID from the Developer Portal (General Information) into .env.');
  }
  const apiUrl = value(env, 'DISCORD_API_URL') ?? null;
  if (apiUrl !== null) {
    let ok = false;
    try {
      const u = new URL(apiUrl);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch { /* reported below */ }
    if (!ok) throw new ConfigError(`DISCORD_API_URL must be an http(s) URL such as http://127.0.0.1:8080/api; got "${apiUrl.slice(0, 80)}".`);
  }
  const shards = value(env, 'SHARD_COUNT');
  const moderation = moderationSettings(env);
  return {
    token: token ?? '',
    clientId,
    guildId: snowflake(env, 'DISCORD_GUILD_ID', 'a server id (right-click the server → Copy Server ID)') ?? null,
    corpusDir: corpusSettings(env).dir,
    apiUrl: apiUrl?.replace(/\/+$/, '') ?? null,
    cooldownSeconds: intSetting(env, 'COOLDOWN_SECONDS', 3, 0, 3600),
    modRoleIds: moderation.modRoleIds,
    modLogChannelId: moderation.modLogChannelId ?? null,
    maxAttachmentBytes: moderation.maxAttachmentBytes,
    allowPrivateUrls: moderation.allowPrivateUrls,
    shardCount: shards === undefined ? null : intSetting(env, 'SHARD_COUNT', 1, 1, 10_000),
    shardList: shardListSetting(env),
    modGuildIds: moderation.modGuildIds,
    moderation,
    snapshot: snapshotSettings(env),
    feeds: feedSettings(env),
  };
}

/** Running-in-production settings (logs, health server), read apart from the bot's so each can be used alone. */
export interface OpsConfig {
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** null = no health server (the default); 0 = any free port (tests). */
  healthPort: number | null;
  healthHost: string;
}

const LOG_LEVEL_NAMES = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
// An IPv4/IPv6 address or a host name; no scheme, port or path.
const HOST_SHAPE = /^(?:[\w.-]+|\[?[0-9a-fA-F:.]+\]?)$/;

export function loadOpsConfig(env: Env = process.env): OpsConfig {
  const level = value(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  const logLevel = LOG_LEVEL_NAMES.find((l) => l === level);
  if (!logLevel) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVEL_NAMES.join(', ')}; got "${shown(level)}".`);
  const host = value(env, 'HEALTH_HOST') ?? '127.0.0.1';
  if (!HOST_SHAPE.test(host)) {
    throw new ConfigError(`HEALTH_HOST must be an address to listen on such as 127.0.0.1 or 0.0.0.0; got "${shown(host)}".`);
  }
  return {
    logLevel,
    healthPort: value(env, 'HEALTH_PORT') === undefined ? null : intSetting(env, 'HEALTH_PORT', 0, 0, 65_535),
    healthHost: host.replace(/^\[(.*)\]$/, '$1'),
  };
}

/** Everything, for the bot: one read of the environment, every value checked. */
export function loadSettings(env: Env = process.env, opts: { requireToken?: boolean } = {}): Settings {
  const bot = loadConfig(env, opts);
  return { bot, moderation: bot.moderation, snapshot: bot.snapshot, corpus: { dir: bot.corpusDir }, feeds: bot.feeds, database: databaseSettings(env) };
}
