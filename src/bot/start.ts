// startBot: log in, route interactions, report what is served; stop() logs out cleanly.
import { Events, RESTEvents, type Client } from 'discord.js';
import commandList, { messageCommands as messageCommandList } from '../../commands/index.js';
import type { BotConfig } from '../config.js';
import type { Engine } from '../engine.js';
import { lineLogger, lineSink, redactor, type Logger } from '../log.js';
import { createClient } from './client.js';
import { setupCorpusSync } from './corpus-sync.js';
import { EarlyInteractions } from './early.js';
import type { CommandModule, MessageCommandModule } from './command.js';
import { Router, describeError, type CommandEvent } from './router.js';

export interface StartBotOptions {
  config: BotConfig;
  /**
   * The engine, or its load in progress: then the bot logs in meanwhile, and interactions that arrive before the
   * index is ready are acknowledged and answered once it is (autocomplete gets an empty list).
   */
  engine: Engine | Promise<Engine>;
  /** Called once logged in to Discord (the index may still be loading). */
  onLoggedIn?: () => void;
  log?: (line: string) => void;
  /** Structured logs (runBot's pino logger); without it, records go to `log` as plain lines. */
  logger?: Logger;
  /** Told once per slash command, after its log line (metrics). */
  onCommand?: (e: CommandEvent) => void;
  /** Defaults to every module in commands/index.ts (tests add failing/slow ones). */
  commands?: readonly CommandModule[];
  /** Defaults to the message commands of commands/index.ts. */
  messageCommands?: readonly MessageCommandModule[];
  /** Clock for cooldowns and page expiry (tests). */
  now?: () => number;
  /** How long Previous/Next keep working (default 10 minutes). */
  pageTtlMs?: number;
  /** Interaction age at which unanswered commands are deferred (default 2000 ms of Discord's 3 s). */
  autoDeferMs?: number;
  /**
   * Cross-shard sync over the shared corpus folder (broadcastEval, and a catch-up with the folder once ready);
   * default true. Off when the database is the store: every process follows its changes instead.
   */
  corpusSync?: boolean;
  /** Give up logging in after this long (default 60 s). */
  readyTimeoutMs?: number;
}

export interface RunningBot {
  client: Client;
  router: Router;
  stop(): Promise<void>;
}

export async function startBot(opts: StartBotOptions): Promise<RunningBot> {
  const redact = redactor(opts.config.token);
  const logger = opts.logger ?? lineLogger(opts.log ?? ((line: string) => process.stdout.write(`${line}\n`)), opts.config.token);
  const log = lineSink(logger);
  const client = createClient(opts.config);
  const commands = opts.commands ?? commandList;
  const messageCommands = opts.messageCommands ?? messageCommandList;
  const early = new EarlyInteractions({ commands, messageCommands, log, autoDeferMs: opts.autoDeferMs });
  client.on(Events.InteractionCreate, (i) => early.receive(i));
  client.on(Events.Error, (err) => logger.error(`discord client error: ${describeError(err)}`));
  client.on(Events.Warn, (w) => logger.warn(`discord warning: ${w}`));
  client.on(Events.ShardError, (err, id) => logger.error(`shard ${id} error: ${describeError(err)}`));
  client.on(Events.ShardDisconnect, (ev, id) => logger.warn(`shard ${id} disconnected (code ${ev.code})`));
  // Discord's REST limits: a bot that keeps hitting them (or keeps sending refused requests) gets banned for a while.
  client.rest.on(RESTEvents.RateLimited, (r) => logger.warn(
    { route: r.route, method: r.method, limit: r.limit, retryAfterMs: r.retryAfter, global: r.global, scope: r.scope },
    `rate limited by Discord on ${r.method} ${r.route} for ${r.retryAfter} ms`,
  ));
  client.rest.on(RESTEvents.InvalidRequestWarning, (w) => logger.warn(
    { count: w.count, remainingMs: w.remainingTime },
    `${w.count} refused requests to Discord in the last 10 minutes (10,000 earns a temporary ban)`,
  ));
  client.on(Events.GuildCreate, (g) => { if (client.isReady()) log(`joined guild ${g.name} (${g.id})`); });
  client.on(Events.GuildDelete, (g) => log(`left guild ${g.name ?? ''} (${g.id})`));

  const loading = Promise.resolve(opts.engine);
  // A load that fails ends the start at once (not after logging in), with its own error.
  let engineError: { err: unknown } | undefined;
  const engineFailed = new Promise<never>((_, reject) => {
    loading.catch((err: unknown) => {
      engineError = { err };
      reject(err);
    });
  });
  engineFailed.catch(() => undefined);

  const timeoutMs = opts.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let engine: Engine;
  let feedsModule: Promise<typeof import('../feeds/runtime.js')> | undefined;
  try {
    const ready = new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([client.login(opts.config.token).then(() => ready), engineFailed]);
    clearTimeout(timer);
    const guilds = [...client.guilds.cache.values()].map((g) => `${g.name} (${g.id})`);
    log(`logged in as ${client.user?.tag ?? '?'}; serving ${guilds.length} guild${guilds.length === 1 ? '' : 's'}${guilds.length ? `: ${guilds.slice(0, 20).join(', ')}${guilds.length > 20 ? ', …' : ''}` : ''}`);
    opts.onLoggedIn?.();
    // Feeds and alerts (feed parsing, moderation) start only once the index is ready: their modules load meanwhile.
    feedsModule = import('../feeds/runtime.js');
    feedsModule.catch(() => undefined);
    engine = await loading;
  } catch (err) {
    early.discard();
    await client.destroy().catch(() => undefined);
    if (engineError) throw engineError.err;
    const status = (err as { status?: number }).status;
    const why = (err as { code?: unknown }).code === 'TokenInvalid' || status === 401
      ? 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).'
      : (err as Error).message;
    throw new Error(`Could not log in to Discord: ${redact(why)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }

  // Under ShardingManager, moderators' changes reach the other shards' indexes; alone, a no-op.
  const corpusChanged = opts.corpusSync === false ? async () => undefined : setupCorpusSync(client, engine, log);
  const router = new Router({
    engine,
    config: opts.config,
    log,
    now: opts.now ?? Date.now,
    commands,
    messageCommands,
    pageTtlMs: opts.pageTtlMs,
    autoDeferMs: opts.autoDeferMs,
    corpusChanged,
    onCommand: (e) => {
      logger.info({ command: e.command, outcome: e.outcome, ms: e.ms }, `/${e.command} ${e.outcome} in ${e.ms} ms`);
      opts.onCommand?.(e);
    },
  });
  if (early.waiting) log(`answering ${early.waiting} interaction${early.waiting === 1 ? '' : 's'} that came while the index loaded`);
  early.release((i) => void router.handle(i));

  const s = engine.sources();
  log(`indexed ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.quotes} quotes from ${s.speakers} speakers`);
  const mods = opts.config.modGuildIds;
  log(mods.length ? `moderation allowed in guild${mods.length === 1 ? '' : 's'} ${mods.join(', ')}` : 'moderation is off (set MOD_GUILD_IDS or DISCORD_GUILD_ID to turn it on)');
  if (s.problems.length) log(`${s.problems.length} corpus file(s) skipped: ${s.problems.map((p) => p.file).join(', ')}`);

  // News feeds: polled by shard 0 (or the only process) once logged in.
  const { startAlerts, startFeeds } = await feedsModule!;
  const feeds = startFeeds({ client, engine, config: opts.config, log, corpusChanged });
  const stopAlerts = startAlerts({ client, engine, config: opts.config, log });

  let stopped = false;
  return {
    client,
    router,
    async stop() {
      if (stopped) return;
      stopped = true;
      log('logging out');
      feeds?.stop();
      stopAlerts();
      client.removeAllListeners(Events.InteractionCreate);
      early.discard();
      await client.destroy();
    },
  };
}
