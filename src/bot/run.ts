// Load settings → open the corpus → start the bot → stop cleanly on SIGINT/SIGTERM. src/main.ts calls this when
// DISCORD_TOKEN is set.
import { loadConfig, type Env } from '../config.js';
import { Engine } from '../engine.js';
import { startBot, type RunningBot } from './start.js';

export interface RunOptions {
  env?: Env;
  log?: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers that stop the bot and exit (default true). */
  handleSignals?: boolean;
}

/** Throws ConfigError (one line saying what to fix) or EngineError('bad-corpus') before touching the network. */
export async function runBot(opts: RunOptions = {}): Promise<RunningBot> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const config = loadConfig(opts.env ?? process.env);
  const engine = await Engine.open(config.corpusDir, { log });
  const bot = await startBot({ config, engine, log });
  if (opts.handleSignals !== false) {
    const shutdown = (signal: string) => {
      log(`${signal} received, shutting down`);
      bot.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }
  return bot;
}
