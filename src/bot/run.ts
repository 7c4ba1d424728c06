// Load settings → open the corpus → start the bot → stop cleanly on SIGINT/SIGTERM. src/main.ts calls this when
// DISCORD_TOKEN is set.
import { loadConfig, type Env } from '../config.js';
import { openCorpus } from '../snapshot/open.js';
import { startModeration } from '../moderation/index.js';
import type { RunningBot } from './start.js';

export interface RunOptions {
  env?: Env;
  log?: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers that stop the bot and exit (default true). */
  handleSignals?: boolean;
}

/** Throws ConfigError (one line saying what to fix) or EngineError('bad-corpus') before touching the network. */
export async function runBot(opts: RunOptions = {}): Promise<RunningBot> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const env = opts.env ?? process.env;
  const config = loadConfig(env);
  // Clear what a crash in the middle of a moderator's change left behind, before the corpus is read.
  await startModeration({ dir: config.corpusDir, settings: config.moderation, log })
    .catch((err: Error) => log(`moderation: start-up recovery failed: ${err.message}`));
  // discord.js takes ~0.6 s to load: load it while the corpus opens (snapshot reads and hashing wait on the
  // disk and a worker thread), not after.
  const opening = openCorpus(config.corpusDir, { log, snapshot: config.snapshot });
  opening.catch(() => undefined);
  const { startBot } = await import('./start.js');
  const engine = await opening;
  const bot = await startBot({ config, engine, log });
  if (opts.handleSignals !== false) {
    const shutdown = (signal: string) => {
      log(`${signal} received, shutting down`);
      bot.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    // A stray rejection (a network hiccup in a library, say) is logged; it must not take the bot down.
    process.on('unhandledRejection', (reason) => {
      log(`unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
    });
  }
  return bot;
}
