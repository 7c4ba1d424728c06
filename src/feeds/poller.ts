// The schedule: every tick, poll each feed whose time has come (FEED_INTERVAL_MINUTES after its last success,
// longer after errors). One poll at a time; "check now" joins the same line. Exactly one process runs this.
import { pollFeed, postCard, type FeedDeps, type PollReport } from './poll.js';
import { removeStaleTemps } from './files.js';
import { loadState } from './state.js';

export const TICK_MS = 30_000;
/** How often a review card that could not be posted is tried again. */
export const REPOST_EVERY_MS = 10 * 60_000;

export class FeedPoller {
  private timer: NodeJS.Timeout | undefined;
  private line: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(readonly deps: FeedDeps, private readonly tickMs = Math.min(TICK_MS, deps.settings.intervalMs)) {}

  start(): void {
    if (this.timer || this.stopped) return;
    // What a kill -9 left: half-written state files, and cards that were never posted.
    void this.enqueue(async () => {
      const removed = await removeStaleTemps(this.deps.mctx.dir);
      if (removed.length) this.deps.log(`feeds: removed ${removed.length} stale temp file(s) in .feeds/`);
      await this.repostMissingCards();
    }).catch((err: Error) => this.deps.log(`feeds: start-up clean-up failed: ${err.message}`));
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Polls due feeds; never throws. */
  tick(): Promise<PollReport[]> {
    return this.enqueue(async () => {
      const state = await loadState(this.deps.mctx.dir);
      const now = this.deps.now().getTime();
      const due = state.feeds.filter((f) => !f.paused && (!f.nextPollAt || Date.parse(f.nextPollAt) <= now));
      const reports: PollReport[] = [];
      for (const f of due) {
        if (this.stopped) break;
        const r = await pollFeed(this.deps, f.id);
        if (r.added.length || r.queued.length || r.itemErrors.length) this.deps.log(`feeds: ${r.feedName} (${r.feedId}): ${r.summary}`);
        reports.push(r);
      }
      await this.repostMissingCards();
      return reports;
    }).catch((err: unknown) => {
      this.deps.log(`feeds: poll round failed: ${(err as Error).message}`);
      return [];
    });
  }

  /** Polls one feed now (even a paused one), or every feed that is not paused; after any poll in progress. */
  checkNow(feedId?: string): Promise<PollReport[]> {
    return this.enqueue(async () => {
      if (feedId) return [await pollFeed(this.deps, feedId, { force: true })];
      const state = await loadState(this.deps.mctx.dir);
      const reports: PollReport[] = [];
      for (const f of state.feeds.filter((x) => !x.paused)) reports.push(await pollFeed(this.deps, f.id));
      return reports;
    });
  }

  /** When each card without a message was last tried (a channel the bot cannot post in is retried only now and then). */
  private readonly lastTry = new Map<string, number>();

  private async repostMissingCards(): Promise<void> {
    const state = await loadState(this.deps.mctx.dir);
    const now = this.deps.now().getTime();
    for (const q of state.queue) {
      if (q.status !== 'pending' || q.messageId) continue;
      if (now - (this.lastTry.get(q.id) ?? -Infinity) < REPOST_EVERY_MS) continue;
      this.lastTry.set(q.id, now);
      await postCard(this.deps, q);
    }
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.line.then(fn, fn);
    this.line = run.catch(() => undefined);
    return run;
  }
}

// The poller of this process, by corpus folder: /feeds check and /feeds add reach it here. Absent on shards
// that do not poll (they leave the work to shard 0 by moving the feed's next poll to now).
const running = new Map<string, FeedPoller>();

export function registerPoller(dir: string, poller: FeedPoller): () => void {
  running.set(dir, poller);
  return () => { if (running.get(dir) === poller) running.delete(dir); };
}

export function pollerFor(dir: string): FeedPoller | undefined {
  return running.get(dir);
}
