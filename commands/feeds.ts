// /feeds (moderators): news feeds that keep the corpus current. add / list / remove / pause / resume / check /
// queue, and the Approve / Reject buttons of the review cards the poller posts.
import { createHash } from 'node:crypto';
import {
  ApplicationCommandOptionType, ChannelType, type ApplicationCommandOptionAllowedChannelType, type ButtonInteraction, type ChatInputCommandInteraction,
} from 'discord.js';
import { optionsOf, type ArgsOf, type ChatInputCommandData, type CommandContext, type CommandModule, type HandlerResult, type Reply } from '../src/bot/command.js';
import { LIMITS, escapeAndTruncate, escapeMarkdown, truncate } from '../src/bot/limits.js';
import { notice } from '../src/bot/render.js';
import { decidedCard, decisionLine } from '../src/feeds/card.js';
import { describeFeed, describeQueueItem } from '../src/feeds/describe.js';
import { parseKeywords, uselessKeywords } from '../src/feeds/keywords.js';
import { parseFeedBytes } from '../src/feeds/parse.js';
import { pollerFor } from '../src/feeds/poller.js';
import { decideItem, type Decision } from '../src/feeds/review.js';
import { findFeed, loadState, updateState, type FeedRecord } from '../src/feeds/state.js';
import { normalizeUrl } from '../src/moderation/duplicates.js';
import { isModerationError } from '../src/moderation/errors.js';
import { fetchUrl, parseHttpUrl } from '../src/moderation/fetch-url.js';
import {
  GUILD_ONLY, MODERATOR_PERMISSIONS, moderationContext, moderatorOf, postModLog,
} from '../src/moderation/discord.js';
import { formatBytes } from '../src/moderation/settings.js';

const NAME = 'feeds';
const FEED_OPTION = {
  name: 'feed', description: 'Start typing the feed name', type: ApplicationCommandOptionType.String, required: true, autocomplete: true, min_length: 1, max_length: 200,
} as const;
/** Text channels, announcement channels and threads. */
const CHANNEL_TYPES: ApplicationCommandOptionAllowedChannelType[] = [
  ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread,
];
const SUBCOMMAND = ApplicationCommandOptionType.Subcommand;

export const feedsData = {
  name: NAME,
  description: 'Moderators: news feeds that add articles (with a review queue)',
  default_member_permissions: MODERATOR_PERMISSIONS,
  ...GUILD_ONLY,
  options: [
    {
      name: 'add', description: 'Follow a feed (RSS, Atom or JSON Feed)', type: SUBCOMMAND, options: [
        { name: 'url', description: 'The feed address (http or https)', type: ApplicationCommandOptionType.String, required: true, max_length: 2000 },
        { name: 'keywords', description: 'Only items mentioning one of these (comma-separated)', type: ApplicationCommandOptionType.String, required: false, max_length: 500 },
        { name: 'approval', description: 'Queue new items for a moderator to approve (default: yes)', type: ApplicationCommandOptionType.Boolean, required: false },
        { name: 'channel', description: 'Where the review queue and notices go (default: the mod-log)', type: ApplicationCommandOptionType.Channel, required: false, channel_types: CHANNEL_TYPES },
        { name: 'backfill', description: 'Also take the newest N items already in the feed (default 0)', type: ApplicationCommandOptionType.Integer, required: false, min_value: 0, max_value: 20 },
      ],
    },
    { name: 'list', description: 'The feeds, their state and last error', type: SUBCOMMAND },
    { name: 'remove', description: 'Stop following a feed', type: SUBCOMMAND, options: [FEED_OPTION] },
    { name: 'pause', description: 'Stop polling a feed for now', type: SUBCOMMAND, options: [FEED_OPTION] },
    { name: 'resume', description: 'Poll a paused feed again', type: SUBCOMMAND, options: [FEED_OPTION] },
    { name: 'check', description: 'Poll now: one feed, or all of them', type: SUBCOMMAND, options: [{ ...FEED_OPTION, required: false }] },
    { name: 'queue', description: 'Items waiting for review', type: SUBCOMMAND },
  ],
} as const satisfies ChatInputCommandData;

/** The options of one subcommand of /feeds, as its handler gets them. */
type FeedsArgs<S extends string> = Extract<ArgsOf<typeof feedsData>, { subcommand: S }>;

const esc = (s: string) => escapeMarkdown(s);

function feedIdFor(url: string): string {
  return `f${createHash('sha256').update(normalizeUrl(url) ?? url).digest('hex').slice(0, 6)}`;
}

async function dirOf(ctx: CommandContext): Promise<string> {
  return (await moderationContext(ctx)).dir;
}

async function add(i: ChatInputCommandInteraction, ctx: CommandContext, o: FeedsArgs<'add'>): Promise<Reply> {
  const url = parseHttpUrl(o.url).href;
  const keywords = parseKeywords(o.keywords ?? null);
  const useless = uselessKeywords(keywords);
  if (useless.length) return notice(`⚠️ These keywords hold no searchable word: ${useless.map((k) => `\`${escapeAndTruncate(k, 40)}\``).join(', ')}. Use words an article would contain.`);
  const approval = o.approval ?? true;
  const channelId = o.channel;
  const backfill = Math.max(0, Math.min(20, o.backfill ?? 0));
  if (!channelId && !ctx.config.modLogChannelId) {
    return notice('⚠️ Give a `channel:` for the review queue and notices (no MOD_LOG_CHANNEL_ID is set).');
  }
  await ctx.defer(i, true);
  const mctx = await moderationContext(ctx);
  const settings = ctx.config.feeds;
  // Read it once now, so a wrong link is refused here and the feed gets its own name.
  const doc = await fetchUrl(url, { timeoutMs: mctx.settings.urlTimeoutMs, maxBytes: settings.maxFeedBytes, allowPrivate: mctx.settings.allowPrivateUrls })
    .catch((err: unknown) => {
      if (isModerationError(err) && err.code === 'too-large') throw Object.assign(err, { reason: `The feed is larger than the ${formatBytes(settings.maxFeedBytes)} limit.` });
      throw err;
    });
  let parsed;
  try {
    parsed = parseFeedBytes(doc.bytes, doc.url);
  } catch (err) {
    return notice(`⚠️ ${(err as Error).message}`);
  }
  const id = feedIdFor(url);
  const who = moderatorOf(i);
  const name = (parsed.title || new URL(url).hostname).slice(0, 100);
  const existing = await updateState(mctx.dir, (s) => {
    const same = s.feeds.find((f) => f.id === id || normalizeUrl(f.url) === normalizeUrl(url));
    if (same) return same;
    if (s.feeds.length >= 50) throw Object.assign(new Error('too many feeds'), { tooMany: true });
    const feed: FeedRecord = {
      id, name, url, keywords, approval, channelId, backfill, paused: false,
      addedBy: `${who.id} (${who.name})`, addedAt: new Date(ctx.now()).toISOString(),
      primed: false, seen: [], retries: {}, errorCount: 0, itemErrors: [], imported: 0, queued: 0,
    };
    s.feeds.push(feed);
    return undefined;
  }).catch((err: unknown) => {
    if ((err as { tooMany?: boolean }).tooMany) return 'too-many' as const;
    throw err;
  });
  if (existing === 'too-many') return notice('⚠️ There are already 50 feeds; remove one first.');
  if (existing) return notice(`This feed is already followed as **${esc(existing.name)}** (\`${existing.id}\`).`);
  ctx.log(`feeds: ${who.name} (${who.id}) added feed ${id} ${url}`);
  const head = `✅ Following **${esc(name)}** (\`${id}\`, ${parsed.format.toUpperCase()}, ${parsed.items.length} item${parsed.items.length === 1 ? '' : 's'}). ${approval ? 'New items go to the review queue' : 'New items are added to the corpus'}${channelId ? ` in <#${channelId}>` : ''}.`;
  const poller = pollerFor(mctx.dir);
  if (!poller) return notice(`${head}\nThe polling process checks it within a minute.`);
  const [report] = await poller.checkNow(id);
  return notice(`${head}\n${report ? esc(report.summary) : ''}`);
}

async function list(ctx: CommandContext): Promise<HandlerResult> {
  const state = await loadState(await dirOf(ctx));
  if (state.feeds.length === 0) return notice('No feeds yet. Add one with `/feeds add url:`.');
  const now = new Date(ctx.now());
  const pending = (id: string) => state.queue.filter((q) => q.feedId === id && q.status === 'pending').length;
  const blocks = state.feeds.map((f) => describeFeed(f, now, (s) => escapeAndTruncate(s, 300), pending(f.id)));
  const pages: Reply[] = [];
  let cur: string[] = [];
  for (const b of blocks) {
    if (cur.length && (cur.join('\n\n').length + b.length > LIMITS.embedDescription - 100 || cur.length >= 5)) {
      pages.push(page(cur));
      cur = [];
    }
    cur.push(b);
  }
  if (cur.length) pages.push(page(cur));
  return { pages, ephemeral: true };
  function page(parts: string[]): Reply {
    return { embeds: [{ title: `Feeds (${state.feeds.length})`, description: truncate(parts.join('\n\n'), LIMITS.embedDescription) }], ephemeral: true };
  }
}

async function queue(ctx: CommandContext, guildId: string | null): Promise<HandlerResult> {
  const state = await loadState(await dirOf(ctx));
  const pending = state.queue.filter((q) => q.status === 'pending');
  if (pending.length === 0) return notice('The review queue is empty.');
  const lines = pending.map((q) => describeQueueItem(q, (s) => escapeAndTruncate(s, 150), guildId));
  const pages: Reply[] = [];
  for (let n = 0; n < lines.length; n += 10) {
    pages.push({
      embeds: [{ title: `Review queue (${pending.length} waiting)`, description: truncate(lines.slice(n, n + 10).join('\n'), LIMITS.embedDescription), footer: { text: 'Approve or reject on each review card.' } }],
      ephemeral: true,
    });
  }
  return { pages, ephemeral: true };
}

async function changeFeed(i: ChatInputCommandInteraction, ctx: CommandContext, what: 'remove' | 'pause' | 'resume', typed: string): Promise<Reply> {
  const dir = await dirOf(ctx);
  const result = await updateState(dir, (s) => {
    const f = findFeed(s, typed);
    if (!f) return undefined;
    if (what === 'remove') s.feeds = s.feeds.filter((x) => x !== f);
    else f.paused = what === 'pause';
    return { feed: { ...f }, waiting: s.queue.filter((q) => q.feedId === f.id && q.status === 'pending').length };
  });
  if (!result) return notice(`There is no feed \`${escapeAndTruncate(typed, 80)}\`. Pick one from the suggestions.`);
  const who = moderatorOf(i);
  ctx.log(`feeds: ${who.name} (${who.id}) ${what}d feed ${result.feed.id}`);
  const n = esc(result.feed.name);
  if (what === 'remove') {
    return notice(`🗑️ No longer following **${n}**. Articles it added stay in the corpus${result.waiting ? `; its ${result.waiting} queued item${result.waiting === 1 ? '' : 's'} can still be approved or rejected` : ''}.`);
  }
  return notice(what === 'pause' ? `⏸️ **${n}** is paused; \`/feeds resume\` starts it again.` : `▶️ **${n}** is polled again.`);
}

async function check(i: ChatInputCommandInteraction, ctx: CommandContext, typed: string | undefined): Promise<Reply> {
  const dir = await dirOf(ctx);
  const state = await loadState(dir);
  const feed = typed ? findFeed(state, typed) : undefined;
  if (typed && !feed) return notice(`There is no feed \`${escapeAndTruncate(typed, 80)}\`. Pick one from the suggestions.`);
  if (!typed && state.feeds.length === 0) return notice('No feeds yet. Add one with `/feeds add url:`.');
  const poller = pollerFor(dir);
  if (!poller) {
    // Another process polls: bring the next poll forward; it picks it up at its next tick.
    const now = new Date(ctx.now()).toISOString();
    await updateState(dir, (s) => { for (const f of s.feeds) if (!feed || f.id === feed.id) f.nextPollAt = now; });
    return notice('🔄 Asked the polling process to check now; results show in `/feeds list` within a minute.');
  }
  await ctx.defer(i, true);
  const reports = await poller.checkNow(feed?.id);
  if (reports.length === 0) return notice('Every feed is paused; nothing was checked.');
  const lines = reports.map((r) => {
    const errs = r.itemErrors.slice(0, 3).map((e) => `\n  · ${escapeAndTruncate(e, 300)}`).join('');
    return `**${escapeAndTruncate(r.feedName, 100)}**: ${escapeAndTruncate(r.summary, 600)}${errs}`;
  });
  return { content: truncate(lines.join('\n'), LIMITS.content), ephemeral: true };
}

export const feedsCommand: CommandModule = {
  data: feedsData,
  ephemeral: true,
  moderatorOnly: true,
  async execute(i, ctx) {
    // A broken state file (FeedStateError) or a refusal is thrown on: the router logs it and shows the reason.
    const o = optionsOf(i, feedsData);
    switch (o.subcommand) {
      case 'add': return add(i, ctx, o);
      case 'list': return list(ctx);
      case 'remove': case 'pause': case 'resume': return changeFeed(i, ctx, o.subcommand, o.feed);
      case 'check': return check(i, ctx, o.feed);
      case 'queue': return queue(ctx, i.guildId);
    }
  },
  async autocomplete(i, ctx) {
    const typed = i.options.getFocused().trim().toLowerCase();
    const state = await loadState(await dirOf(ctx)).catch(() => undefined);
    return (state?.feeds ?? [])
      .filter((f) => !typed || f.name.toLowerCase().includes(typed) || f.id.startsWith(typed) || f.url.toLowerCase().includes(typed))
      .slice(0, 25)
      .map((f) => ({ name: `${f.name.slice(0, 80)} (${f.id})${f.paused ? ' — paused' : ''}`, value: f.id }));
  },
  async button(i: ButtonInteraction, ctx, args): Promise<HandlerResult | { update: Reply }> {
    const [action, queueId] = args;
    if ((action !== 'approve' && action !== 'reject') || !queueId) return notice('This button no longer works.');
    const mctx = await moderationContext(ctx);
    const state = await loadState(mctx.dir);
    const before = state.queue.find((q) => q.id === queueId);
    if (!before) return notice('This item is no longer in the review queue.');
    // Said privately, and the card is left as it is (it shows the decision already, or soon will).
    if (before.status !== 'pending') return notice(`Already decided: ${decisionLine(before)}`);
    // Storing and indexing may outlast Discord's 3 s.
    await ctx.deferUpdate(i);
    // A refusal is thrown on: the router puts the reason on top of the card, which keeps its buttons.
    const result = await decideItem(mctx, queueId, action as Decision, moderatorOf(i), new Date(ctx.now()));
    if (result.kind === 'unknown') return { update: { content: 'This item is no longer in the review queue.', components: [] } };
    if (result.kind === 'decided' && result.audit) await postModLog(i, ctx, result.audit);
    return { update: decidedCard(result.item) };
  },
};
export default feedsCommand;
