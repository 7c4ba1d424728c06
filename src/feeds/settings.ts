// Feed settings from the environment (pure: pass any env).

export interface FeedSettings {
  /** Time between two polls of a healthy feed. */
  intervalMs: number;
  /** Longest wait after repeated errors (the backoff doubles up to this). */
  maxBackoffMs: number;
  /** Largest feed document accepted. */
  maxFeedBytes: number;
  /** New items handled per feed per poll; the rest wait for the next poll. */
  itemsPerPoll: number;
  /** How often a page that failed to load (time-out, server error) is retried before the item is given up. */
  itemRetries: number;
}

export const DEFAULT_FEED_INTERVAL_MINUTES = 15;
export const DEFAULT_FEED_MAX_BYTES = 4 * 1024 * 1024;
export const MAX_BACKOFF_MS = 6 * 60 * 60_000;

export function feedSettings(env: Record<string, string | undefined> = process.env): FeedSettings {
  const minutes = positive(env.FEED_INTERVAL_MINUTES, DEFAULT_FEED_INTERVAL_MINUTES);
  return {
    intervalMs: Math.round(minutes * 60_000),
    maxBackoffMs: Math.max(Math.round(minutes * 60_000), Math.round(positive(env.FEED_MAX_BACKOFF_MINUTES, MAX_BACKOFF_MS / 60_000) * 60_000)),
    maxFeedBytes: Math.round(positive(env.FEED_MAX_BYTES, DEFAULT_FEED_MAX_BYTES)),
    itemsPerPoll: Math.max(1, Math.round(positive(env.FEED_ITEMS_PER_POLL, 10))),
    itemRetries: 3,
  };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The wait before the next poll after `errors` consecutive failures (0 = healthy). */
export function nextDelayMs(s: FeedSettings, errors: number): number {
  if (errors <= 0) return s.intervalMs;
  return Math.min(s.maxBackoffMs, s.intervalMs * 2 ** Math.min(errors, 30));
}
