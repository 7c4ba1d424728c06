// Who may moderate: a pure decision over what the interaction says about the member.
// Discord hides the commands via default_member_permissions, but server admins can change that,
// so every call is checked here too.

export const MANAGE_MESSAGES = 1n << 13n;
export const ADMINISTRATOR = 1n << 3n;

export interface ModeratorCandidate {
  /** Null in DMs. */
  guildId: string | null;
  /** The guild member, null in DMs. `permissions` is Discord's bitfield as a decimal string. */
  member: { roles: readonly string[]; permissions: string | bigint | null } | null;
}

export type PermissionDecision = { allowed: true } | { allowed: false; reason: string };

/** Where and by whom the corpus may be changed (from the settings). */
export interface ModerationRules {
  /** The servers that own the corpus; empty = moderation is off. */
  guildIds: readonly string[];
  /** Roles whose members may moderate, besides Manage Messages holders. */
  roleIds: readonly string[];
}

export const MODERATION_OFF = 'Moderation is off: no server may change the articles. To turn it on, set MOD_GUILD_IDS '
  + "(or DISCORD_GUILD_ID) to your server's id, restart the bot and run `npm run deploy`.";

export function canModerate(who: ModeratorCandidate, rules: ModerationRules): PermissionDecision {
  const modRoleIds = rules.roleIds;
  if (rules.guildIds.length === 0) return { allowed: false, reason: MODERATION_OFF };
  if (!who.guildId || !who.member) {
    return { allowed: false, reason: 'Moderation commands only work inside the server, not in direct messages.' };
  }
  // One corpus is shared by every server the bot is in: only the servers that own it may change it.
  if (!rules.guildIds.includes(who.guildId)) {
    return { allowed: false, reason: 'Moderation only works in the server that owns these articles; this server is not one of them.' };
  }
  if (modRoleIds.length > 0 && who.member.roles.some((r) => modRoleIds.includes(r))) return { allowed: true };
  const bits = toBits(who.member.permissions);
  if ((bits & MANAGE_MESSAGES) === MANAGE_MESSAGES || (bits & ADMINISTRATOR) === ADMINISTRATOR) return { allowed: true };
  return {
    allowed: false,
    reason: modRoleIds.length > 0
      ? 'Only moderators (a moderator role or the Manage Messages permission) can change the articles.'
      : 'Only moderators (the Manage Messages permission) can change the articles.',
  };
}

function toBits(p: string | bigint | null): bigint {
  if (typeof p === 'bigint') return p;
  if (typeof p === 'string' && /^\d{1,40}$/.test(p)) return BigInt(p);
  return 0n;
}
