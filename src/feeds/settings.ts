// Feed settings are read and validated with every other setting (src/settings.ts); this keeps the schedule rule.
import type { FeedSettings } from '../settings.js';

export { feedSettings, DEFAULT_FEED_INTERVAL_MINUTES, DEFAULT_FEED_MAX_BYTES, type FeedSettings } from '../settings.js';

/** The wait before the next poll after `errors` consecutive failures (0 = healthy). */
export function nextDelayMs(s: FeedSettings, errors: number): number {
  if (errors <= 0) return s.intervalMs;
  return Math.min(s.maxBackoffMs, s.intervalMs * 2 ** Math.min(errors, 30));
}
