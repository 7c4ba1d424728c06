// One shard's process under ShardingManager (see sharded.ts): discord.js reads SHARDS/SHARD_COUNT from the environment.
import { loadDotenvFile } from '../config.js';
import { runBot } from './run.js';

loadDotenvFile();
try {
  const bot = await runBot();
  // If the manager dies, its IPC channel closes: stop rather than run on as an orphan.
  process.once('disconnect', () => {
    bot.stop().finally(() => process.exit(0));
  });
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
