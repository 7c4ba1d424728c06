// Who may moderate: Manage Messages, a moderator role, never in DMs.
import { describe, expect, it } from 'vitest';
import { canModerate, moderationSettings } from '../src/moderation/index.js';

const MANAGE_MESSAGES = String(1n << 13n);
const SEND_MESSAGES = String(1n << 11n);
const ADMIN = String(1n << 3n);

describe('canModerate', () => {
  it('allows members with Manage Messages (alone or among other permissions) or Administrator', () => {
    expect(canModerate({ guildId: '1', member: { roles: [], permissions: MANAGE_MESSAGES } }, [])).toEqual({ allowed: true });
    expect(canModerate({ guildId: '1', member: { roles: [], permissions: String((1n << 13n) | (1n << 11n) | (1n << 40n)) } }, []).allowed).toBe(true);
    expect(canModerate({ guildId: '1', member: { roles: [], permissions: ADMIN } }, []).allowed).toBe(true);
  });

  it('refuses ordinary members with a reason', () => {
    const d = canModerate({ guildId: '1', member: { roles: ['55'], permissions: SEND_MESSAGES } }, []);
    expect(d).toEqual({ allowed: false, reason: expect.stringMatching(/Manage Messages/) });
    expect(canModerate({ guildId: '1', member: { roles: [], permissions: 'garbage' } }, []).allowed).toBe(false);
    expect(canModerate({ guildId: '1', member: { roles: [], permissions: null } }, []).allowed).toBe(false);
  });

  it('allows holders of a MOD_ROLE_IDS role without the permission', () => {
    const roles = moderationSettings({ MOD_ROLE_IDS: '111, 222' }).modRoleIds;
    expect(roles).toEqual(['111', '222']);
    expect(canModerate({ guildId: '1', member: { roles: ['222'], permissions: SEND_MESSAGES } }, roles).allowed).toBe(true);
    expect(canModerate({ guildId: '1', member: { roles: ['333'], permissions: SEND_MESSAGES } }, roles).allowed).toBe(false);
  });

  it('refuses in direct messages, whatever the permissions', () => {
    const d = canModerate({ guildId: null, member: null }, []);
    expect(d.allowed).toBe(false);
    expect(!d.allowed && d.reason).toMatch(/direct messages/);
  });
});
