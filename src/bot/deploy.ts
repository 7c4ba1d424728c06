// npm run deploy: register the slash commands with Discord without starting the bot.
// The question commands: to DISCORD_GUILD_ID when set (instant; for development), else globally (may take up to an
// hour to show). The moderation commands only ever to the servers that own the corpus (MOD_GUILD_IDS).
import { REST, Routes } from 'discord.js';
import { pathToFileURL } from 'node:url';
import commandList, { messageCommands as messageCommandList } from '../../commands/index.js';
import { ConfigError, loadConfig, loadDotenvFile, type BotConfig } from '../config.js';
import type { CommandModule, MessageCommandModule } from './command.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  /** Everything registered at `scope` (the moderation commands too when that guild owns the corpus). */
  names: string[];
  /** The moderation commands' registrations, one per server in MOD_GUILD_IDS (none: moderation is off). */
  moderation: Array<{ guildId: string; names: string[] }>;
}

export async function deployCommands(
  config: BotConfig, commands: readonly CommandModule[] = commandList, messageCommands: readonly MessageCommandModule[] = messageCommandList,
): Promise<DeployResult> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const questions: unknown[] = [...commands.filter((c) => !c.moderatorOnly).map((c) => c.data), ...messageCommands.map((c) => c.data)];
  const moderation = commands.filter((c) => c.moderatorOnly).map((c) => c.data);
  const put = async (route: `/${string}`, body: unknown[]) =>
    ((await rest.put(route, { body })) as Array<{ name: string }>).map((c) => c.name);
  const putGuild = async (guildId: string, body: unknown[]) => {
    try {
      return await put(Routes.applicationGuildCommands(config.clientId, guildId), body);
    } catch (err) {
      if ((err as { status?: number }).status !== 403) throw err;
      throw new Error(`the bot has no access to server ${guildId}: invite it there (with the applications.commands scope) `
        + 'or take that id out of DISCORD_GUILD_ID / MOD_GUILD_IDS.', { cause: err });
    }
  };
  const home = config.guildId;
  const homeOwns = home !== null && config.modGuildIds.includes(home);
  // A PUT replaces a scope's whole list: a global list without the moderation commands also removes them from
  // every server where an older deploy registered them globally.
  const names = home
    ? await putGuild(home, homeOwns ? [...questions, ...moderation] : questions)
    : await put(Routes.applicationCommands(config.clientId), questions);
  const result: DeployResult = { scope: home ? 'guild' : 'global', names, moderation: [] };
  if (homeOwns) result.moderation.push({ guildId: home, names: names.filter((n) => moderation.some((m) => m.name === n)) });
  for (const guildId of config.modGuildIds) {
    if (guildId === home || moderation.length === 0) continue;
    result.moderation.push({ guildId, names: await putGuild(guildId, moderation) });
  }
  return result;
}

async function main(): Promise<void> {
  loadDotenvFile();
  try {
    const config = loadConfig();
    const r = await deployCommands(config);
    const where = r.scope === 'guild' ? `to guild ${config.guildId} (visible now)` : 'globally (may take up to an hour to appear)';
    // Slash command names are lower case without spaces; a message command's ("Find sources") is not.
    const shown = (n: string) => (/[\sA-Z]/.test(n) ? `"${n}" (message menu)` : `/${n}`);
    console.log(`Registered ${r.names.length} commands ${where}: ${r.names.map(shown).join(' ')}`);
    for (const m of r.moderation) {
      if (m.guildId !== config.guildId) console.log(`Registered ${m.names.length} moderation commands to guild ${m.guildId}: ${m.names.map((n) => `/${n}`).join(' ')}`);
    }
    if (config.modGuildIds.length === 0) {
      console.log('Moderation is off, so its commands were not registered: set MOD_GUILD_IDS (or DISCORD_GUILD_ID) to the id of the server that owns the articles.');
    }
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else {
      const status = (err as { status?: number }).status;
      console.error(status === 401
        ? 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).'
        : `Could not register commands: ${(err as Error).message}`);
    }
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
