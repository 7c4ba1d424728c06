// The discord.js client with exactly what talks-bot needs: the Guilds intent (slash commands need nothing more)
// and no mentions ever parsed from what it sends.
import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { BotConfig } from '../config.js';

export function createClient(config: BotConfig): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    rest: config.apiUrl ? { api: config.apiUrl } : {},
  };
  // Under ShardingManager, discord.js reads SHARDS/SHARD_COUNT from the environment itself. Otherwise an explicit
  // count is needed: discord.js 14.28's automatic lookup would ignore a custom REST base.
  if (config.shardCount && process.env.SHARDS === undefined) {
    options.shards = Array.from({ length: config.shardCount }, (_, i) => i);
    options.shardCount = config.shardCount;
  }
  return new Client(options);
}

// The redactor lives with the logger (it scrubs every log line); re-exported for existing callers.
export { redactor } from '../log.js';
