// startBot: log in, route interactions, report what is served; stop() logs out cleanly.
import { Events, type Client } from 'discord.js';
import commandList from '../../commands/index.js';
import type { BotConfig } from '../config.js';
import type { Engine } from '../engine.js';
import { createClient, redactor } from './client.js';
import { setupCorpusSync } from './corpus-sync.js';
import type { CommandModule } from './command.js';
import { Router, describeError } from './router.js';
import { startAlerts, startFeeds } from '../feeds/runtime.js';

export interface StartBotOptions {
  config: BotConfig;
  engine: Engine;
  log?: (line: string) => void;
  /** Defaults to every module in commands/index.ts (tests add failing/slow ones). */
  commands?: readonly CommandModule[];
  /** Clock for cooldowns and page expiry (tests). */
  now?: () => number;
  /** How long Previous/Next keep working (default 10 minutes). */
  pageTtlMs?: number;
  /** Interaction age at which unanswered commands are deferred (default 2000 ms of Discord's 3 s). */
  autoDeferMs?: number;
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
  const sink = opts.log ?? ((line: string) => console.log(line));
  const log = (line: string) => sink(redact(line));
  const client = createClient(opts.config);
  // Under ShardingManager, moderators' changes reach the other shards' indexes; alone, a no-op.
  const corpusChanged = setupCorpusSync(client, opts.engine, log);
  const router = new Router({
    engine: opts.engine,
    config: opts.config,
    log,
    now: opts.now ?? Date.now,
    commands: opts.commands ?? commandList,
    pageTtlMs: opts.pageTtlMs,
    autoDeferMs: opts.autoDeferMs,
    corpusChanged,
  });

  client.on(Events.InteractionCreate, (i) => void router.handle(i));
  client.on(Events.Error, (err) => log(`discord client error: ${describeError(err)}`));
  client.on(Events.Warn, (w) => log(`discord warning: ${w}`));
  client.on(Events.ShardError, (err, id) => log(`shard ${id} error: ${describeError(err)}`));
  client.on(Events.ShardDisconnect, (ev, id) => log(`shard ${id} disconnected (code ${ev.code})`));
  client.on(Events.GuildCreate, (g) => { if (client.isReady()) log(`joined guild ${g.name} (${g.id})`); });
  client.on(Events.GuildDelete, (g) => log(`left guild ${g.name ?? ''} (${g.id})`));

  const timeoutMs = opts.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
    });
    await client.login(opts.config.token);
    await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    const status = (err as { status?: number }).status;
    const why = (err as { code?: unknown }).code === 'TokenInvalid' || status === 401
      ? 'Discord refused the token: check DISCORD_TOKEN (Developer Portal → Bot → Reset Token).'
      : (err as Error).message;
    throw new Error(`Could not log in to Discord: ${redact(why)}`);
  } finally {
    clearTimeout(timer);
  }

  const guilds = [...client.guilds.cache.values()].map((g) => `${g.name} (${g.id})`);
  log(`logged in as ${client.user?.tag ?? '?'}; serving ${guilds.length} guild${guilds.length === 1 ? '' : 's'}${guilds.length ? `: ${guilds.slice(0, 20).join(', ')}${guilds.length > 20 ? ', …' : ''}` : ''}`);
  const s = opts.engine.sources();
  log(`indexed ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.quotes} quotes from ${s.speakers} speakers`);
  if (s.problems.length) log(`${s.problems.length} corpus file(s) skipped: ${s.problems.map((p) => p.file).join(', ')}`);

  // News feeds: polled by shard 0 (or the only process) once logged in.
  const feeds = startFeeds({ client, engine: opts.engine, config: opts.config, log, corpusChanged });
  const stopAlerts = startAlerts({ client, engine: opts.engine, config: opts.config, log });

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
      await client.destroy();
    },
  };
}
