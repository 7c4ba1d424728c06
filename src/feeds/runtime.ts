// Feeds inside the running bot: the moderation context the poller adds articles with, posting cards through the
// bot's REST client, and starting the poller on the one process that polls (shard 0, or the only process).
import { Routes, type Client } from 'discord.js';
import type { CommandContext } from '../bot/command.js';
import { clampMessage } from '../bot/limits.js';
import type { BotConfig } from '../config.js';
import type { Engine } from '../engine.js';
import type { ModerationContext } from '../moderation/service.js';
import { storeOf } from '../store/registry.js';
import type { MessageBody } from './card.js';
import type { FeedDeps } from './poll.js';
import { FeedPoller, registerPoller } from './poller.js';
import { AlertDispatcher, notifyArticleAdded, registerAlerts } from '../alerts/dispatch.js';

export interface FeedRuntimeOptions {
  client: Client;
  engine: Engine;
  config: BotConfig;
  log: (line: string) => void;
  corpusChanged: CommandContext['corpusChanged'];
  /** Called after an article from a feed was stored and indexed (alerts). */
  onArticleAdded?: (id: string) => void | Promise<void>;
}

/** The same context /add-article uses (see moderationContext in moderation/discord.ts), without an interaction. */
export function botModerationContext(engine: Engine, config: BotConfig, log: (line: string) => void, corpusChanged: CommandContext['corpusChanged']): ModerationContext {
  const dir = engine.dir ?? config.corpusDir;
  return {
    dir,
    store: storeOf(engine),
    onArticleAdded: (id) => notifyArticleAdded(dir, id),
    settings: config.moderation,
    index: {
      async reloadArticle(id) {
        try {
          await engine.reloadArticle(id);
        } finally {
          await corpusChanged([id]);
        }
      },
    },
    log,
  };
}

export function channelPoster(client: Client, log: (line: string) => void): (channelId: string, body: MessageBody) => Promise<string | undefined> {
  return async (channelId, body) => {
    try {
      const msg = await client.rest.post(Routes.channelMessages(channelId), { body: clampMessage(body) }) as { id?: string };
      return typeof msg?.id === 'string' ? msg.id : undefined;
    } catch (err) {
      log(`feeds: could not post to channel ${channelId}: ${(err as Error).message}`);
      return undefined;
    }
  };
}

export function feedDeps(opts: FeedRuntimeOptions): FeedDeps {
  return {
    mctx: botModerationContext(opts.engine, opts.config, opts.log, opts.corpusChanged),
    // Read and validated once at start-up with every other setting.
    settings: opts.config.feeds,
    now: () => new Date(),
    log: opts.log,
    post: channelPoster(opts.client, opts.log),
    defaultChannelId: opts.config.modLogChannelId ?? undefined,
    knownArticles: () => opts.engine.allArticles().map((a) => ({ id: a.id, title: a.title, date: a.date?.slice(0, 10) })),
    onArticleAdded: opts.onArticleAdded,
  };
}

/** Starts polling when this process is the one that polls; returns how to stop it, or undefined. */
export function startFeeds(opts: FeedRuntimeOptions): { poller: FeedPoller; stop(): void } | undefined {
  const shard = opts.client.shard;
  if (shard && !shard.ids.includes(0)) return undefined;
  if (!opts.config.feeds.polling) return undefined;
  const deps = feedDeps(opts);
  const poller = new FeedPoller(deps);
  const unregister = registerPoller(deps.mctx.dir, poller);
  poller.start();
  opts.log(`feeds: this process polls the feeds${shard ? ` (shard ${shard.ids.join(',')})` : ''}, every ${Math.round(deps.settings.intervalMs / 600) / 100} min`);
  return {
    poller,
    stop() {
      poller.stop();
      unregister();
    },
  };
}

/** Alerts run in every process: each announces the articles added there (an add happens in exactly one). */
export function startAlerts(opts: Pick<FeedRuntimeOptions, 'client' | 'engine' | 'config' | 'log'>): () => void {
  const dir = opts.engine.dir ?? opts.config.corpusDir;
  const dispatcher = new AlertDispatcher({ dir, engine: opts.engine, post: channelPoster(opts.client, opts.log), now: Date.now, log: opts.log });
  return registerAlerts(dir, dispatcher);
}
