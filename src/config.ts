// Settings from the environment (and .env via dotenv). One clear line per mistake, never the token's value.
import { config as loadDotenv } from 'dotenv';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface BotConfig {
  token: string;
  clientId: string;
  guildId: string | null;
  corpusDir: string;
  /** REST base such as http://127.0.0.1:PORT/api; null = Discord itself. */
  apiUrl: string | null;
  /** Per-user cooldown on heavy commands, in seconds (0 = off). */
  cooldownSeconds: number;
  /** Moderation (issue 4): role ids that may moderate, in addition to Manage Messages holders. */
  modRoleIds: string[];
  modLogChannelId: string | null;
  maxAttachmentBytes: number;
  /** Lets moderators add articles from loopback/private addresses (tests only). */
  allowPrivateUrls: boolean;
  /** Explicit shard list/count; null = a single shard (discord.js default). */
  shardCount: number | null;
}

export type Env = Record<string, string | undefined>;

const SNOWFLAKE = /^\d{17,20}$/;
// Discord bot tokens are three dot-separated base64url parts; this catches pasting the client secret or an id instead.
const TOKEN_SHAPE = /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/;

/** Reads `.env` into process.env (existing variables win). Call once at program start. */
export function loadDotenvFile(path?: string): void {
  loadDotenv({ quiet: true, ...(path ? { path } : {}) });
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function snowflake(env: Env, name: string, what: string): string | undefined {
  const v = value(env, name);
  if (v !== undefined && !SNOWFLAKE.test(v)) {
    throw new ConfigError(`${name} must be ${what} (a numeric Discord id, 17-20 digits); got "${v.slice(0, 40)}".`);
  }
  return v;
}

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${v.slice(0, 40)}".`);
  }
  return n;
}

function boolSetting(env: Env, name: string): boolean {
  const v = value(env, name)?.toLowerCase();
  if (v === undefined) return false;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false; got "${v.slice(0, 40)}".`);
}

function idList(env: Env, name: string): string[] {
  const v = value(env, name);
  if (v === undefined) return [];
  const ids = v.split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !SNOWFLAKE.test(id));
  if (bad) throw new ConfigError(`${name} must be a comma-separated list of role ids; "${bad.slice(0, 40)}" is not an id.`);
  return ids;
}

/**
 * Typed settings, or a ConfigError whose message is one line saying what to fix.
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
  return {
    token: token ?? '',
    clientId,
    guildId: snowflake(env, 'DISCORD_GUILD_ID', 'a server id (right-click the server → Copy Server ID)') ?? null,
    corpusDir: value(env, 'CORPUS_DIR') ?? './corpus',
    apiUrl: apiUrl?.replace(/\/+$/, '') ?? null,
    cooldownSeconds: intSetting(env, 'COOLDOWN_SECONDS', 3, 0, 3600),
    modRoleIds: idList(env, 'MOD_ROLE_IDS'),
    modLogChannelId: snowflake(env, 'MOD_LOG_CHANNEL_ID', 'a channel id') ?? null,
    maxAttachmentBytes: intSetting(env, 'MAX_ATTACHMENT_BYTES', 2 * 1024 * 1024, 1, 100 * 1024 * 1024),
    allowPrivateUrls: boolSetting(env, 'ALLOW_PRIVATE_URLS'),
    shardCount: shards === undefined ? null : intSetting(env, 'SHARD_COUNT', 1, 1, 10_000),
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
  if (!logLevel) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVEL_NAMES.join(', ')}; got "${level.slice(0, 40)}".`);
  const host = value(env, 'HEALTH_HOST') ?? '127.0.0.1';
  if (!HOST_SHAPE.test(host)) {
    throw new ConfigError(`HEALTH_HOST must be an address to listen on such as 127.0.0.1 or 0.0.0.0; got "${host.slice(0, 40)}".`);
  }
  return {
    logLevel,
    healthPort: value(env, 'HEALTH_PORT') === undefined ? null : intSetting(env, 'HEALTH_PORT', 0, 0, 65_535),
    healthHost: host.replace(/^\[(.*)\]$/, '$1'),
  };
}
