// npm run deploy: register the slash commands with Discord without starting the bot.
// To DISCORD_GUILD_ID when set (instant; for development), else globally (may take up to an hour to show).
import { REST, Routes } from 'discord.js';
import { pathToFileURL } from 'node:url';
import commandList from '../../commands/index.js';
import { ConfigError, loadConfig, loadDotenvFile, type BotConfig } from '../config.js';
import type { CommandModule } from './command.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(config: BotConfig, commands: readonly CommandModule[] = commandList): Promise<DeployResult> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.clientId, config.guildId)
    : Routes.applicationCommands(config.clientId);
  const body = commands.map((c) => c.data);
  const saved = (await rest.put(route, { body })) as Array<{ name: string }>;
  return { scope: config.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}

async function main(): Promise<void> {
  loadDotenvFile();
  try {
    const config = loadConfig();
    const r = await deployCommands(config);
    const where = r.scope === 'guild' ? `to guild ${config.guildId} (visible now)` : 'globally (may take up to an hour to appear)';
    console.log(`Registered ${r.names.length} commands ${where}: ${r.names.map((n) => `/${n}`).join(' ')}`);
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
