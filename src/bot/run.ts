// Load settings → (health server) → open the corpus → start the bot → stop cleanly on SIGINT/SIGTERM.
// src/main.ts calls this when DISCORD_TOKEN is set; so does each shard's process (shard-main.ts).
import { loadConfig, loadOpsConfig, type Env } from '../config.js';
import type { Engine } from '../engine.js';
import type { BotMetrics } from '../health/metrics.js';
import type { HealthServer } from '../health/server.js';
import { createLogger, installCrashHandlers, lineLogger, lineSink, type Logger } from '../log.js';
import { stat } from 'node:fs/promises';
import { databaseSettings, snapshotFileFor } from '../settings.js';
import { useStoreFor } from '../store/registry.js';
import type { RunningBot } from './start.js';

export interface RunOptions {
  env?: Env;
  /** Plain log lines instead of pino JSON on stdout (tests). */
  log?: (line: string) => void;
  logger?: Logger;
  /** Called once logged in to Discord; the index may still be loading (the benchmark times both). */
  onLoggedIn?: () => void;
  /** Install SIGINT/SIGTERM and crash handlers that stop the bot and exit (default true). */
  handleSignals?: boolean;
}

export interface RunningBotWithHealth extends RunningBot {
  /** The health server's base URL, when HEALTH_PORT is set. */
  healthUrl: string | null;
}

/**
 * Resolves once logged in and the index is loaded. Throws ConfigError (one line saying what to fix) or
 * EngineError('bad-corpus') for a missing corpus folder before touching the network.
 */
export async function runBot(opts: RunOptions = {}): Promise<RunningBotWithHealth> {
  const env = opts.env ?? process.env;
  const config = loadConfig(env);
  const ops = loadOpsConfig(env);
  const logger = opts.logger
    ?? (opts.log ? lineLogger(opts.log, config.token) : createLogger({ level: ops.logLevel, token: config.token }));
  const log = lineSink(logger);

  // Readiness as the health server reports it; filled in as start-up goes.
  let engine: Engine | undefined;
  let bot: RunningBot | undefined;
  // Set once started; what a signal during start-up finds here decides what it stops.
  const current: { running?: RunningBotWithHealth } = {};
  let stopping = false;
  let health: HealthServer | null = null;
  if (opts.handleSignals !== false) {
    installCrashHandlers(logger);
    // Installed before anything starts: without a listener, a SIGTERM during start-up kills the process outright.
    const shutdown = (signal: string) => {
      logger.info(`${signal} received, shutting down`);
      stopping = true;
      const stop = current.running ? current.running.stop() : Promise.resolve(health?.close());
      stop.then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }
  let metrics: BotMetrics | undefined;
  if (ops.healthPort !== null) {
    // Loaded only when asked for: prom-client and the server cost the start time otherwise.
    const [{ BotMetrics }, { notReadyReason }, { startHealthServer }] = await Promise.all([
      import('../health/metrics.js'), import('../health/readiness.js'), import('../health/server.js'),
    ]);
    metrics = new BotMetrics({
      engine: () => engine,
      shardPings: () => new Map(bot ? [...bot.client.ws.shards.values()].map((s) => [s.id, s.ping] as const) : []),
    });
    health = await startHealthServer({
      port: ops.healthPort, host: ops.healthHost, metrics,
      notReady: () => notReadyReason({ engine, client: bot?.client, stopping }),
    });
    logger.info({ url: health.url }, `health server on ${health.url} (/healthz, /readyz, /metrics)`);
  }

  const databaseUrl = databaseSettings(env).url;
  // The database's follower and pool, when it is the store; stopped with the bot.
  let stopStore: () => Promise<void> = async () => undefined;
  const loadEngine = async (): Promise<Engine> => {
    if (databaseUrl) {
      // The database is the store and the channel between processes: no folder recovery, no cross-shard sync.
      const [{ openDatabaseStore }, { dbSnapshotFile }] = await Promise.all([import('../store/database.js'), import('../db/snapshot.js')]);
      const snapshotFile = dbSnapshotFile(snapshotFileFor(config.corpusDir, config.snapshot));
      const opened = await openDatabaseStore({ url: databaseUrl, log, snapshotFile, stateDir: config.corpusDir });
      stopStore = opened.stop;
      useStoreFor(opened.engine, opened.store);
      return opened.engine;
    }
    // Loaded after discord.js (see below): their ~0.3 s of module loading would otherwise come before the login.
    const [{ startModeration }, { openCorpus }] = await Promise.all([import('../moderation/index.js'), import('../snapshot/open.js')]);
    // Clear what a crash in the middle of a moderator's change left behind, before the corpus is read.
    await startModeration({ dir: config.corpusDir, settings: config.moderation, log })
      .catch((err: Error) => logger.error(`moderation: start-up recovery failed: ${err.message}`));
    return openCorpus(config.corpusDir, { log, snapshot: config.snapshot, articleTimeoutMs: config.moderation.articleTimeoutMs });
  };
  let loading: Promise<Engine> | undefined;
  try {
    // A missing corpus folder fails before anything connects (the opening code, loaded only then, says why).
    if (!databaseUrl && !(await stat(config.corpusDir).then((st) => st.isDirectory(), () => false))) {
      await (await import('../snapshot/open.js')).checkCorpusDir(config.corpusDir);
    }
    // Log in while the index loads: discord.js (~0.5 s to load) first, so that the gateway's round trips are under
    // way before the snapshot's parsing takes the thread (it yields between sections and blocks of lines). What
    // users send meanwhile is acknowledged and answered once the index is there (see early.ts).
    const { startBot } = await import('./start.js');
    loading = loadEngine();
    loading.then((e) => { engine = e; }, () => undefined);
    bot = await startBot({
      config, engine: loading, logger, onLoggedIn: opts.onLoggedIn,
      onCommand: metrics && ((e) => metrics.command(e)), corpusSync: !databaseUrl,
    });
  } catch (err) {
    // A failed login leaves the load running: the store it opens must be closed too.
    await loading?.catch(() => undefined);
    await stopStore();
    await health?.close();
    throw err;
  }

  const started = bot;
  const running: RunningBotWithHealth = {
    ...started,
    healthUrl: health?.url ?? null,
    async stop() {
      stopping = true;
      await started.stop();
      await stopStore();
      await health?.close();
    },
  };
  current.running = running;
  return running;
}
