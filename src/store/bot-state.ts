// Where the feeds, their review queue and the alerts live: files in corpus/.feeds/ (the default), or PostgreSQL
// when the bot runs on a database (src/db/bot-state.ts). The feeds and alerts code reads and changes its state
// through loadState/updateState and loadAlerts/updateAlerts, which ask here which store holds a corpus folder's state.
import path from 'node:path';
import type { AlertsState } from '../alerts/state.js';
import type { FeedsState } from '../feeds/state.js';
import type { ArticleDraft } from '../moderation/draft.js';

export interface BotStateStore {
  readonly kind: 'folder' | 'database';
  loadFeeds(): Promise<FeedsState>;
  /** Runs `change` on the current state and stores the result, atomically: concurrent changes are serialised. */
  updateFeeds<T>(change: (state: FeedsState) => T | Promise<T>): Promise<T>;
  loadAlerts(): Promise<AlertsState>;
  updateAlerts<T>(change: (state: AlertsState) => T | Promise<T>): Promise<T>;
  saveDraft(queueId: string, draft: ArticleDraft): Promise<void>;
  loadDraft(queueId: string): Promise<ArticleDraft | undefined>;
}

const chosen = new Map<string, BotStateStore>();

/** From now on the state of the bot whose corpus folder is `dir` lives in `store`. */
export function useStateStore(dir: string, store: BotStateStore): void {
  chosen.set(path.resolve(dir), store);
}

export function forgetStateStore(dir: string, store: BotStateStore): void {
  if (chosen.get(path.resolve(dir)) === store) chosen.delete(path.resolve(dir));
}

/** The store chosen for `dir`; undefined = the files in `dir`/.feeds, as always. */
export function stateStoreOf(dir: string): BotStateStore | undefined {
  return chosen.get(path.resolve(dir));
}
