// The feeds' durable state (corpus/.feeds/state.json): the feeds, what each has seen, their health, and the
// review queue. Every change is read-modify-write under the cross-process lock, so shards never lose each other's.
import { join } from 'node:path';
import type { ArticleDraft } from '../moderation/draft.js';
import { feedsDir, readJson, withFeedsLock, writeJsonAtomic } from './files.js';
import { UserError } from '../errors.js';
import { stateStoreOf } from '../store/bot-state.js';

export interface FeedRecord {
  /** Short stable id, e.g. "f3a9c1"; shown in /feeds list and used by the autocomplete. */
  id: string;
  name: string;
  url: string;
  /** Only items whose title or text hold one of these (as search would match them); empty = every item. */
  keywords: string[];
  /** New items go to the review queue instead of straight into the corpus. */
  approval: boolean;
  /** Where the queue and notices go; default the mod-log channel. */
  channelId?: string;
  /** On the first poll, import (or queue) this many of the newest items instead of none. */
  backfill: number;
  paused: boolean;
  addedBy: string;
  addedAt: string;
  /** The first poll happened (existing items were marked seen). */
  primed: boolean;
  etag?: string;
  lastModified?: string;
  /** Item keys already handled, oldest first, bounded. */
  seen: string[];
  /** Page-fetch failures per item key that will be retried. */
  retries: Record<string, number>;
  errorCount: number;
  lastCheckAt?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  /** Problems with single items in the last poll (a refused page, say), in words. */
  itemErrors: string[];
  nextPollAt?: string;
  imported: number;
  queued: number;
}

export type QueueStatus = 'pending' | 'approved' | 'rejected';

export interface QueueItem {
  id: string;
  feedId: string;
  feedName: string;
  title: string;
  source?: string;
  date?: string;
  url?: string;
  quotes: Array<{ text: string; speaker: string | null; paragraph: number }>;
  queuedAt: string;
  channelId?: string;
  messageId?: string;
  status: QueueStatus;
  decidedBy?: string;
  decidedAt?: string;
  article?: string;
  /** Approved, but the article was already in the corpus (added by hand or by another feed meanwhile). */
  alreadyInCorpus?: boolean;
}

export interface FeedsState {
  version: 1;
  feeds: FeedRecord[];
  queue: QueueItem[];
}

/** How many item keys a feed remembers: far more than any feed lists at once. */
export const SEEN_HISTORY = 2000;
/** Decided queue items kept (to answer "already decided"); pending ones are never dropped. */
export const DECIDED_HISTORY = 500;

export function stateFile(corpusDir: string): string {
  return join(feedsDir(corpusDir), 'state.json');
}

export function draftFile(corpusDir: string, queueId: string): string {
  return join(feedsDir(corpusDir), 'drafts', `${queueId}.json`);
}

export function emptyState(): FeedsState {
  return { version: 1, feeds: [], queue: [] };
}

/** The state file cannot be read (edited by hand, say): nothing is written over it until it is fixed. */
/** The feeds' or alerts' state file is unreadable: the moderator is told what to fix; nothing is written over it. */
export class FeedStateError extends UserError {
  override name = 'FeedStateError';

  override get userMessage(): string {
    return `⚠️ ${this.message}`;
  }
}

/** The feeds' state: from the store chosen for this folder (the database), else from its file. */
export function loadState(corpusDir: string): Promise<FeedsState> {
  return stateStoreOf(corpusDir)?.loadFeeds() ?? loadStateFile(corpusDir);
}

/** The state in corpus/.feeds/state.json (empty when there is none). */
export async function loadStateFile(corpusDir: string): Promise<FeedsState> {
  let raw: unknown;
  try {
    raw = await readJson(stateFile(corpusDir));
  } catch (err) {
    throw new FeedStateError(`The feed state file corpus/.feeds/state.json cannot be read (${(err as Error).message}); fix it or move it away, nothing is written over it meanwhile.`);
  }
  if (raw === undefined) return emptyState();
  const s = raw as Partial<FeedsState>;
  if (!s || typeof s !== 'object' || !Array.isArray(s.feeds) || !Array.isArray(s.queue)) {
    throw new FeedStateError('The feed state file corpus/.feeds/state.json is not a feed state file; fix it or move it away, nothing is written over it meanwhile.');
  }
  return { version: 1, feeds: s.feeds, queue: s.queue };
}

/** Applies `change` to the state on disk, atomically and under the lock; returns what `change` returned. */
export function updateState<T>(corpusDir: string, change: (state: FeedsState) => T | Promise<T>): Promise<T> {
  const store = stateStoreOf(corpusDir);
  if (store) {
    return store.updateFeeds(async (state) => {
      const out = await change(state);
      trim(state);
      return out;
    });
  }
  return withFeedsLock(corpusDir, async () => {
    const state = await loadStateFile(corpusDir);
    const out = await change(state);
    trim(state);
    await writeJsonAtomic(stateFile(corpusDir), state);
    return out;
  });
}

function trim(state: FeedsState): void {
  for (const f of state.feeds) if (f.seen.length > SEEN_HISTORY) f.seen = f.seen.slice(-SEEN_HISTORY);
  const decided = state.queue.filter((q) => q.status !== 'pending');
  if (decided.length > DECIDED_HISTORY) {
    const drop = new Set(decided.slice(0, decided.length - DECIDED_HISTORY));
    state.queue = state.queue.filter((q) => !drop.has(q));
  }
}

export async function saveDraft(corpusDir: string, queueId: string, draft: ArticleDraft): Promise<void> {
  const store = stateStoreOf(corpusDir);
  if (store) return store.saveDraft(queueId, draft);
  await writeJsonAtomic(draftFile(corpusDir, queueId), draft);
}

export async function loadDraft(corpusDir: string, queueId: string): Promise<ArticleDraft | undefined> {
  const store = stateStoreOf(corpusDir);
  if (store) return store.loadDraft(queueId);
  const raw = await readJson(draftFile(corpusDir, queueId)) as ArticleDraft | undefined;
  if (!raw || typeof raw.title !== 'string' || !Array.isArray(raw.paragraphs)) return undefined;
  return raw;
}

/** A feed by id, or by name/url when a moderator typed that instead of picking a suggestion. */
export function findFeed(state: FeedsState, typed: string): FeedRecord | undefined {
  const t = typed.trim().toLowerCase();
  return state.feeds.find((f) => f.id === t) ?? state.feeds.find((f) => f.name.toLowerCase() === t || f.url.toLowerCase() === t);
}
