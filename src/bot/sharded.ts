// npm run start:sharded: the bot under discord.js's ShardingManager, one child process per shard.
// Shard count: SHARD_COUNT, else what the API's /gateway/bot recommends (fetched through DISCORD_API_URL when set:
// discord.js 14.28's own 'auto' lookup would ignore a custom REST base).
// Every shard indexes the whole corpus; a moderator's change on one shard reaches the others through broadcastEval
// (see corpus-sync.ts), so all answer the same.
import { REST, Routes, ShardingManager } from 'discord.js';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, loadDotenvFile, loadOpsConfig, type BotConfig } from '../config.js';
import { createLogger, installCrashHandlers, lineSink, type Logger } from '../log.js';
import { openCorpus } from '../snapshot/open.js';
import { databaseSettings } from '../settings.js';

export async function recommendedShards(config: BotConfig): Promise<number> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const info = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, info.shards);
}

export async function startSharded(
  config: BotConfig, log: (line: string) => void = lineSink(createLogger({ token: config.token })),
): Promise<ShardingManager> {
  const totalShards = config.shardCount ?? await recommendedShards(config);
  // Bring the index snapshot up to date once here, so the shards load it instead of all rebuilding at once
  // (with DATABASE_URL each shard builds from the database: there is no folder here to read).
  if (!databaseSettings().url) await openCorpus(config.corpusDir, { log, snapshot: config.snapshot, articleTimeoutMs: config.moderation.articleTimeoutMs });
  // SHARD_LIST: this host runs these shards of totalShards; the other hosts run the rest.
  const shardList = config.shardList ?? 'auto';
  // Compiled (dist/), the children run shard-main.js; from TypeScript (npm run dev, tests) they run it through tsx
  // the way the parent does (resolved here: a child's cwd may not see node_modules).
  const ext = path.extname(fileURLToPath(import.meta.url));
  const manager = new ShardingManager(fileURLToPath(new URL(`./shard-main${ext}`, import.meta.url)), {
    token: config.token,
    totalShards,
    shardList,
    mode: 'process',
    respawn: true,
    execArgv: ext === '.ts' ? ['--import', import.meta.resolve('tsx')] : [],
  });
  manager.on('shardCreate', (shard) => {
    log(`shard ${shard.id}/${totalShards} starting`);
    shard.on('death', () => log(`shard ${shard.id} exited`));
  });
  await manager.spawn({ amount: totalShards, delay: 0, timeout: 60_000 });
  if (config.shardList) log(`shards ${config.shardList.join(',')} of ${totalShards} ready`);
  else log(`all ${totalShards} shard${totalShards === 1 ? '' : 's'} ready`);
  return manager;
}

async function main(): Promise<void> {
  loadDotenvFile();
  let manager: ShardingManager;
  let logger: Logger;
  try {
    const config = loadConfig();
    logger = createLogger({ level: loadOpsConfig().logLevel, token: config.token });
    installCrashHandlers(logger);
    manager = await startSharded(config, lineSink(logger));
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `Could not start the shards: ${(err as Error).message}`}\n`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    logger.info(`${signal} received, stopping ${manager.shards.size} shards`);
    // Each child stops its client cleanly on SIGTERM (see run.ts).
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
