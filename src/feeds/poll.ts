// One poll of one feed: conditional GET through the moderation network guard, parse, and for each new item
// fetch its page, extract it, deduplicate, then add it or queue it for review.
// Crash safety: an item is marked seen only after it was added or queued, and the feed's ETag only after every
// new item was handled; a poll cut short is redone, and the corpus duplicate check makes a redone add a no-op.
import { createHash } from 'node:crypto';
import type { ArticleDraft } from '../moderation/draft.js';
import { findDuplicate, normalizeUrl, readExistingArticles } from '../moderation/duplicates.js';
import { isModerationError, ModerationError } from '../moderation/errors.js';
import { fetchUrl } from '../moderation/fetch-url.js';
import { addArticle, draftOffThread, readSource, tooSlow, type ModerationContext } from '../moderation/service.js';
import { decodeSource } from '../moderation/input.js';
import { formatBytes } from '../moderation/settings.js';
import type { ExtractedQuote } from '../types.js';
import { OffThreadTimeout, parseThread } from '../worker/offthread.js';
import { reviewCard, notice, type MessageBody } from './card.js';
import { matchesKeywords } from './keywords.js';
import { FeedParseError, itemText, parseFeedBytes, type FeedItem } from './parse.js';
import { nextDelayMs, type FeedSettings } from './settings.js';
import { loadState, saveDraft, updateState, type FeedRecord, type QueueItem } from './state.js';

export interface FeedDeps {
  mctx: ModerationContext;
  settings: FeedSettings;
  now: () => Date;
  log: (line: string) => void;
  /** Posts a message to a channel; resolves to its id (undefined when it could not be posted). */
  post?: (channelId: string, body: MessageBody) => Promise<string | undefined>;
  /** Where queue cards and notices go when the feed names no channel. */
  defaultChannelId?: string;
  /** Articles already indexed (title + date duplicate check). */
  knownArticles?: () => Array<{ id: string; title: string; date?: string }>;
  /** Called after an article from a feed was stored and indexed. */
  onArticleAdded?: (id: string) => void | Promise<void>;
  /** Which addresses may be fetched (default: the moderation guard's public-only rule). */
  addressPolicy?: (ip: string) => string | null;
  /** Test seam: runs after each item was handled and recorded. */
  afterItem?: (feed: FeedRecord, item: FeedItem) => void | Promise<void>;
}

export interface PollReport {
  feedId: string;
  feedName: string;
  status: 'ok' | 'not-modified' | 'primed' | 'error' | 'paused' | 'missing';
  /** In words, for /feeds check. */
  summary: string;
  added: string[];
  queued: string[];
  skipped: number;
  itemErrors: string[];
  error?: string;
}

type Outcome =
  | { kind: 'added'; article: string }
  | { kind: 'queued'; item: QueueItem }
  | { kind: 'skipped'; why: string }
  | { kind: 'failed'; why: string; retry: boolean };

export function queueIdFor(feedId: string, key: string): string {
  return `q${createHash('sha256').update(`${feedId}\n${key}`).digest('hex').slice(0, 11)}`;
}

function errorText(err: unknown, maxBytes: number): string {
  if (err instanceof FeedParseError) return err.message;
  if (isModerationError(err)) {
    if (err.code === 'too-large') return `The feed is larger than the ${formatBytes(maxBytes)} limit.`;
    return err.reason;
  }
  return (err as Error)?.message ?? String(err);
}

/** Polls `feedId` once (even when paused if `force`). Never throws: every failure is recorded on the feed. */
export async function pollFeed(deps: FeedDeps, feedId: string, opts: { force?: boolean } = {}): Promise<PollReport> {
  const dir = deps.mctx.dir;
  const state = await loadState(dir);
  const feed = state.feeds.find((f) => f.id === feedId);
  const report: PollReport = { feedId, feedName: feed?.name ?? feedId, status: 'ok', summary: '', added: [], queued: [], skipped: 0, itemErrors: [] };
  if (!feed) return { ...report, status: 'missing', summary: 'This feed was removed.' };
  if (feed.paused && !opts.force) return { ...report, status: 'paused', summary: 'Paused.' };
  const at = () => deps.now().toISOString();

  let doc;
  try {
    doc = await fetchUrl(feed.url, {
      timeoutMs: deps.mctx.settings.urlTimeoutMs,
      maxBytes: deps.settings.maxFeedBytes,
      allowPrivate: deps.mctx.settings.allowPrivateUrls,
      addressPolicy: deps.addressPolicy,
      allowNotModified: true,
      headers: {
        accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
        ...(feed.primed && feed.etag ? { 'if-none-match': feed.etag } : {}),
        ...(feed.primed && feed.lastModified ? { 'if-modified-since': feed.lastModified } : {}),
      },
    });
  } catch (err) {
    return recordFailure(deps, feed, report, errorText(err, deps.settings.maxFeedBytes));
  }
  if (doc.status === 304) {
    await updateFeed(deps, feed.id, (f) => healthy(deps, f, at()));
    return { ...report, status: 'not-modified', summary: 'No change since the last check (304 Not Modified).' };
  }
  let items: FeedItem[];
  try {
    items = parseFeedBytes(doc.bytes, doc.url).items;
  } catch (err) {
    return recordFailure(deps, feed, report, errorText(err, deps.settings.maxFeedBytes));
  }
  // The same item twice in one document counts once.
  const unique = new Set<string>();
  items = items.filter((i) => !unique.has(i.key) && unique.add(i.key));

  let todo: FeedItem[];
  if (!feed.primed) {
    // First poll: what is there already counts as seen, except the newest `backfill` items. Feeds usually list the
    // newest first; when every item is dated, the dates decide.
    const newestFirst = items.every((i) => i.date) ? [...items].sort((a, b) => b.date!.localeCompare(a.date!)) : items;
    const keep = newestFirst.slice(0, Math.max(0, feed.backfill));
    const keepKeys = new Set(keep.map((i) => i.key));
    await updateFeed(deps, feed.id, (f) => {
      f.primed = true;
      f.seen = [...f.seen, ...items.filter((i) => !keepKeys.has(i.key)).map((i) => i.key).reverse()];
    });
    todo = [...keep].reverse();
    if (todo.length === 0) {
      await updateFeed(deps, feed.id, (f) => { healthy(deps, f, at()); f.etag = doc.etag; f.lastModified = doc.lastModified; });
      return { ...report, status: 'primed', summary: `First check: ${items.length} item${items.length === 1 ? '' : 's'} already in the feed marked as seen; new items from now on will be ${feed.approval ? 'queued for review' : 'added'}.` };
    }
  } else {
    const seen = new Set(feed.seen);
    todo = items.filter((i) => !seen.has(i.key)).reverse(); // oldest first
  }
  const batch = todo.slice(0, deps.settings.itemsPerPoll);
  const current = { ...feed };
  for (const item of batch) {
    // Something unexpected (a full disk, say) is retried like a time-out: nothing is given up on the first try.
    const outcome = await handleItem(deps, current, item).catch((err: unknown): Outcome => ({ kind: 'failed', why: errorText(err, deps.settings.maxFeedBytes), retry: true }));
    const label = item.title || item.link || item.key;
    let giveUp = true;
    await updateFeed(deps, feed.id, (f) => {
      if (outcome.kind === 'failed' && outcome.retry) {
        const n = (f.retries[item.key] ?? 0) + 1;
        giveUp = n >= deps.settings.itemRetries;
        if (giveUp) delete f.retries[item.key];
        else f.retries[item.key] = n;
      }
      if (outcome.kind !== 'failed' || giveUp) f.seen.push(item.key);
      if (outcome.kind === 'added') f.imported++;
      if (outcome.kind === 'queued') f.queued++;
    });
    if (outcome.kind === 'added') report.added.push(outcome.article);
    else if (outcome.kind === 'queued') report.queued.push(outcome.item.id);
    else if (outcome.kind === 'skipped') report.skipped++;
    else report.itemErrors.push(`“${label.slice(0, 120)}”: ${outcome.why}${giveUp ? '' : ' (will retry)'}`);
    if (outcome.kind === 'queued') await postCard(deps, outcome.item);
    if (outcome.kind === 'added') await announceAdded(deps, current, outcome.article, label);
    await deps.afterItem?.(current, item);
  }
  const complete = batch.length === todo.length;
  await updateFeed(deps, feed.id, (f) => {
    healthy(deps, f, at());
    f.itemErrors = report.itemErrors.slice(-10);
    // Validators only once every new item was handled: a 304 must never hide items still to do.
    if (complete && report.itemErrors.every((e) => !e.endsWith('(will retry)'))) {
      f.etag = doc.etag;
      f.lastModified = doc.lastModified;
    } else {
      f.etag = undefined;
      f.lastModified = undefined;
      if (!complete) f.nextPollAt = at(); // more to do: come back at the next tick
    }
  });
  const parts = [
    `${todo.length} new item${todo.length === 1 ? '' : 's'}`,
    report.added.length ? `${report.added.length} added` : '',
    report.queued.length ? `${report.queued.length} queued for review` : '',
    report.skipped ? `${report.skipped} skipped (duplicates or not matching the keywords)` : '',
    report.itemErrors.length ? `${report.itemErrors.length} could not be read` : '',
    complete ? '' : `${todo.length - batch.length} left for the next check`,
  ].filter(Boolean);
  return { ...report, summary: `${parts.join(', ')}.` };
}

function healthy(deps: FeedDeps, f: FeedRecord, at: string): void {
  f.errorCount = 0;
  f.lastCheckAt = at;
  f.lastSuccessAt = at;
  f.lastError = undefined;
  f.nextPollAt = new Date(deps.now().getTime() + nextDelayMs(deps.settings, 0)).toISOString();
}

async function recordFailure(deps: FeedDeps, feed: FeedRecord, report: PollReport, why: string): Promise<PollReport> {
  const at = deps.now().toISOString();
  let errors = feed.errorCount + 1;
  let next = '';
  await updateFeed(deps, feed.id, (f) => {
    f.errorCount += 1;
    errors = f.errorCount;
    f.lastCheckAt = at;
    f.lastErrorAt = at;
    f.lastError = why;
    next = new Date(deps.now().getTime() + nextDelayMs(deps.settings, f.errorCount)).toISOString();
    f.nextPollAt = next;
  });
  deps.log(`feeds: ${feed.name} (${feed.id}) failed (${errors} in a row): ${why}`);
  return { ...report, status: 'error', error: why, summary: `⚠️ ${why} Next try ${next.slice(11, 16)} UTC.` };
}

async function updateFeed(deps: FeedDeps, id: string, change: (f: FeedRecord) => void): Promise<void> {
  await updateState(deps.mctx.dir, (s) => {
    const f = s.feeds.find((x) => x.id === id);
    if (f) change(f); // removed meanwhile: nothing to record
  });
}

/** Reads an item into a draft: its page when it links one, else its own text. */
async function draftOf(deps: FeedDeps, feed: FeedRecord, item: FeedItem): Promise<ArticleDraft> {
  let draft: ArticleDraft;
  if (item.link) {
    // As readSource's url case, with the feed's address policy (tests narrow it to let only 127.0.0.1 through).
    const s = deps.mctx.settings;
    const doc = await fetchUrl(item.link, { timeoutMs: s.urlTimeoutMs, maxBytes: s.maxUrlBytes, allowPrivate: s.allowPrivateUrls, addressPolicy: deps.addressPolicy });
    const decoded = decodeSource({ bytes: doc.bytes, filename: new URL(doc.url).pathname, contentType: doc.contentType }, s.maxUrlBytes);
    // A feed's page is as untrusted as a moderator's: parsed on the parse thread, under its time limit.
    draft = await draftOffThread(deps.mctx, { ...decoded, url: item.link, altUrls: doc.url !== item.link ? [doc.url] : [] });
  } else if (item.content.trim()) {
    draft = await readSource(deps.mctx, {
      kind: 'bytes', bytes: Buffer.from(`<!doctype html><html><head><title>${escapeHtml(item.title)}</title></head><body><article>${item.content}</article></body></html>`),
      filename: 'item.html', contentType: 'text/html',
    }, { title: item.title || undefined });
  } else {
    throw new ModerationError('empty', 'The item has no link and no text.');
  }
  if (!draft.date && item.date) draft.date = item.date;
  if (!draft.source) draft.source = feed.name;
  return draft;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const RETRYABLE = new Set(['timeout', 'fetch-failed']);

async function handleItem(deps: FeedDeps, feed: FeedRecord, item: FeedItem): Promise<Outcome> {
  // A cheap pre-check on what the feed says; the page text gets a second chance below.
  const feedMatches = matchesKeywords(feed.keywords, itemText(item));
  if (!feedMatches && !item.link) return { kind: 'skipped', why: 'does not match the keywords' };
  let draft: ArticleDraft;
  try {
    draft = await draftOf(deps, feed, item);
  } catch (err) {
    if (isModerationError(err)) return { kind: 'failed', why: err.reason, retry: RETRYABLE.has(err.code) };
    throw err;
  }
  if (!feedMatches && !matchesKeywords(feed.keywords, `${draft.title}\n${draft.paragraphs.join('\n')}`)) {
    return { kind: 'skipped', why: 'does not match the keywords' };
  }
  // addArticle checks the corpus files itself (under the corpus lock); a queued item needs that check now.
  const dup = await duplicateOf(deps, draft, feed.approval);
  if (dup) {
    deps.log(`feeds: ${feed.name}: skipped “${draft.title.slice(0, 80)}”, already ${dup}`);
    return { kind: 'skipped', why: `already ${dup}` };
  }
  if (feed.approval) return { kind: 'queued', item: await enqueue(deps, feed, item, draft) };
  try {
    const result = await addArticle(deps.mctx, draft, { id: 'feed', name: feed.name, label: `feed ${feed.name}` });
    await deps.onArticleAdded?.(result.id);
    return { kind: 'added', article: result.id };
  } catch (err) {
    if (isModerationError(err) && err.code === 'duplicate') return { kind: 'skipped', why: err.reason };
    if (isModerationError(err)) return { kind: 'failed', why: err.reason, retry: false };
    throw err;
  }
}

/** In the corpus (same url without tracking parameters, same text, same title and date) or already queued. */
async function duplicateOf(deps: FeedDeps, draft: ArticleDraft, readFiles: boolean): Promise<string | undefined> {
  if (readFiles) {
    const dup = findDuplicate(draft, await readExistingArticles(deps.mctx.dir));
    if (dup) return `in the corpus as ${dup.id}`;
  }
  const title = draft.title.trim().toLowerCase();
  if (draft.date) {
    const same = deps.knownArticles?.().find((a) => a.date === draft.date && a.title.trim().toLowerCase() === title);
    if (same) return `in the corpus as ${same.id} (same title and date)`;
  }
  const urls = new Set([draft.url, ...(draft.altUrls ?? [])].map((u) => (u ? normalizeUrl(u) : undefined)).filter(Boolean));
  const state = await loadState(deps.mctx.dir);
  const queued = state.queue.find((q) => q.status === 'pending'
    && ((q.url && urls.has(normalizeUrl(q.url))) || (q.title.trim().toLowerCase() === title && q.date === draft.date)));
  return queued ? `waiting in the review queue (${queued.id})` : undefined;
}

/** The card's quotes, extracted on the parse thread (the draft's text came from a stranger's page). */
async function quotesOffThread(ctx: ModerationContext, draft: ArticleDraft): Promise<ExtractedQuote[]> {
  try {
    return await parseThread().run('quotes', { paragraphs: draft.paragraphs, title: draft.title }, ctx.settings.articleTimeoutMs);
  } catch (err) {
    if (err instanceof OffThreadTimeout) throw tooSlow(err);
    throw err;
  }
}

async function enqueue(deps: FeedDeps, feed: FeedRecord, item: FeedItem, draft: ArticleDraft): Promise<QueueItem> {
  const id = queueIdFor(feed.id, item.key);
  const quotes = (await quotesOffThread(deps.mctx, draft))
    .filter((q) => q.paragraph > 0)
    .slice(0, 10)
    .map((q) => ({ text: q.text.slice(0, 300), speaker: q.speaker, paragraph: q.paragraph }));
  // The draft first: a queue entry never points at a draft that is not on disk.
  await saveDraft(deps.mctx.dir, id, draft);
  return updateState(deps.mctx.dir, (s) => {
    const existing = s.queue.find((q) => q.id === id);
    if (existing) return existing;
    const q: QueueItem = {
      id, feedId: feed.id, feedName: feed.name, title: draft.title, source: draft.source, date: draft.date, url: draft.url,
      quotes, queuedAt: deps.now().toISOString(), channelId: feed.channelId ?? deps.defaultChannelId, status: 'pending',
    };
    s.queue.push(q);
    return q;
  });
}

/** Posts the review card of a queued item that has none yet (also used at start-up for cards a crash never posted). */
export async function postCard(deps: FeedDeps, item: QueueItem): Promise<void> {
  if (item.messageId || !deps.post) return;
  const channel = item.channelId ?? deps.defaultChannelId;
  if (!channel) {
    deps.log(`feeds: queue item ${item.id} has no channel to be posted in (set channel: or MOD_LOG_CHANNEL_ID); /feeds queue lists it`);
    return;
  }
  const messageId = await deps.post(channel, reviewCard(item));
  if (!messageId) return;
  await updateState(deps.mctx.dir, (s) => {
    const q = s.queue.find((x) => x.id === item.id);
    if (q) {
      q.messageId = messageId;
      q.channelId = channel;
    }
  });
}

async function announceAdded(deps: FeedDeps, feed: FeedRecord, article: string, label: string): Promise<void> {
  const channel = feed.channelId ?? deps.defaultChannelId;
  if (!channel || !deps.post) return;
  await deps.post(channel, notice(`📰 Added from feed ${escapeForNotice(feed.name)}: \`${article}\` — ${escapeForNotice(label)}`));
}

function escapeForNotice(s: string): string {
  return s.replace(/[\\*_~`|<>[\]@#]/g, (c) => `\\${c}`).slice(0, 200);
}
