// Who may moderate: Manage Messages or a moderator role, only in the servers that own the corpus, never in DMs.
import { describe, expect, it } from 'vitest';
import { canModerate, moderationSettings, type ModerationRules } from '../src/moderation/index.js';

const MANAGE_MESSAGES = String(1n << 13n);
const SEND_MESSAGES = String(1n << 11n);
const ADMIN = String(1n << 3n);
const HOME = '123456789012345678';
const STRANGER = '923456789012345678';
const home: ModerationRules = { guildIds: [HOME], roleIds: [] };

describe('canModerate', () => {
  it('allows members with Manage Messages (alone or among other permissions) or Administrator', () => {
    expect(canModerate({ guildId: HOME, member: { roles: [], permissions: MANAGE_MESSAGES } }, home)).toEqual({ allowed: true });
    expect(canModerate({ guildId: HOME, member: { roles: [], permissions: String((1n << 13n) | (1n << 11n) | (1n << 40n)) } }, home).allowed).toBe(true);
    expect(canModerate({ guildId: HOME, member: { roles: [], permissions: ADMIN } }, home).allowed).toBe(true);
  });

  it('refuses ordinary members with a reason', () => {
    const d = canModerate({ guildId: HOME, member: { roles: ['55'], permissions: SEND_MESSAGES } }, home);
    expect(d).toEqual({ allowed: false, reason: expect.stringMatching(/Manage Messages/) });
    expect(canModerate({ guildId: HOME, member: { roles: [], permissions: 'garbage' } }, home).allowed).toBe(false);
    expect(canModerate({ guildId: HOME, member: { roles: [], permissions: null } }, home).allowed).toBe(false);
  });

  it('allows holders of a MOD_ROLE_IDS role without the permission', () => {
    const settings = moderationSettings({ MOD_ROLE_IDS: '111111111111111111, 222222222222222222', MOD_GUILD_IDS: HOME });
    const rules = { guildIds: settings.modGuildIds, roleIds: settings.modRoleIds };
    expect(rules.roleIds).toEqual(['111111111111111111', '222222222222222222']);
    expect(canModerate({ guildId: HOME, member: { roles: ['222222222222222222'], permissions: SEND_MESSAGES } }, rules).allowed).toBe(true);
    expect(canModerate({ guildId: HOME, member: { roles: ['333333333333333333'], permissions: SEND_MESSAGES } }, rules).allowed).toBe(false);
  });

  it('refuses an administrator of a server that does not own the corpus', () => {
    const d = canModerate({ guildId: STRANGER, member: { roles: [], permissions: ADMIN } }, home);
    expect(d).toEqual({ allowed: false, reason: expect.stringMatching(/only works in the server that owns these articles/) });
  });

  it('with no owning server, moderation is off and the refusal says how to turn it on', () => {
    const rules = { guildIds: moderationSettings({}).modGuildIds, roleIds: [] };
    const d = canModerate({ guildId: HOME, member: { roles: [], permissions: ADMIN } }, rules);
    expect(d.allowed).toBe(false);
    expect(!d.allowed && d.reason).toMatch(/^Moderation is off: .*set MOD_GUILD_IDS \(or DISCORD_GUILD_ID\)/);
  });

  it('refuses in direct messages, whatever the permissions', () => {
    const d = canModerate({ guildId: null, member: null }, home);
    expect(d.allowed).toBe(false);
    expect(!d.allowed && d.reason).toMatch(/direct messages/);
  });
});

describe('moderationSettings', () => {
  it('MOD_GUILD_IDS lists the owning servers, defaulting to DISCORD_GUILD_ID', () => {
    expect(moderationSettings({ DISCORD_GUILD_ID: HOME }).modGuildIds).toEqual([HOME]);
    expect(moderationSettings({ DISCORD_GUILD_ID: HOME, MOD_GUILD_IDS: `${STRANGER}, ${HOME}` }).modGuildIds).toEqual([STRANGER, HOME]);
    expect(moderationSettings({}).modGuildIds).toEqual([]);
  });

  it('refuses malformed values with a line naming the variable instead of falling back', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ URL_TIMEOUT_MS: '10s' }, /^URL_TIMEOUT_MS must be a whole number from 1 to \d+; got "10s"\.$/],
      [{ MAX_ATTACHMENT_BYTES: 'lots' }, /^MAX_ATTACHMENT_BYTES must be a whole number/],
      [{ MAX_URL_BYTES: '0' }, /^MAX_URL_BYTES must be a whole number/],
      [{ MOD_ROLE_IDS: '111, 222' }, /^MOD_ROLE_IDS must be a comma-separated list of role ids; "111" is not an id\.$/],
      [{ MOD_GUILD_IDS: 'my-server' }, /^MOD_GUILD_IDS must be a comma-separated list of server ids/],
      [{ MOD_LOG_CHANNEL_ID: '12' }, /^MOD_LOG_CHANNEL_ID must be a channel id/],
      [{ ALLOW_PRIVATE_URLS: 'maybe' }, /^ALLOW_PRIVATE_URLS must be true or false/],
    ];
    for (const [env, expected] of cases) expect(() => moderationSettings(env), JSON.stringify(env)).toThrow(expected);
  });
});
