// One shard's process under ShardingManager (see sharded.ts): discord.js reads SHARDS/SHARD_COUNT from the environment.
import { loadDotenvFile } from '../config.js';
import { runBot } from './run.js';

loadDotenvFile();
// Every shard process reads the same settings: shard i serves its health endpoints on HEALTH_PORT + i, so they do
// not all try to bind one port (0 stays "any free port").
const shard = Number(process.env.SHARDS);
const healthPort = process.env.HEALTH_PORT?.trim();
const env = healthPort && /^\d+$/.test(healthPort) && Number(healthPort) > 0 && Number.isInteger(shard)
  ? { ...process.env, HEALTH_PORT: String(Number(healthPort) + shard) }
  : process.env;
try {
  const bot = await runBot({ env });
  // If the manager dies, its IPC channel closes: stop rather than run on as an orphan.
  process.once('disconnect', () => {
    bot.stop().finally(() => process.exit(0));
  });
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
