// Alerts and what they already posted, in corpus/.feeds/alerts.json (same folder, lock and atomic writes as the
// feeds): an article is announced at most once per alert, across restarts and shards.
import { join } from 'node:path';
import { feedsDir, readJson, withFeedsLock, writeJsonAtomic } from '../feeds/files.js';
import { FeedStateError } from '../feeds/state.js';
import { stateStoreOf } from '../store/bot-state.js';

export interface Alert {
  id: string;
  /** Words a quote must hold (search term processing), or… */
  topic?: string;
  /** …a speaker, by any of their names (resolved when an article arrives, so new aliases count). */
  speaker?: string;
  channelId: string;
  addedBy: string;
  addedAt: string;
}

export interface AlertsState {
  version: 1;
  alerts: Alert[];
  /** `<alert id> <article id>` already announced, oldest first, bounded. */
  announced: string[];
  /** When messages were posted, per channel (ISO, last few), for the digest rule. */
  recent: Record<string, string[]>;
}

export const ANNOUNCED_HISTORY = 5000;

function file(dir: string): string {
  return join(feedsDir(dir), 'alerts.json');
}

/** The alerts: from the store chosen for this folder (the database), else from its file. */
export function loadAlerts(dir: string): Promise<AlertsState> {
  return stateStoreOf(dir)?.loadAlerts() ?? loadAlertsFile(dir);
}

/** The alerts in corpus/.feeds/alerts.json (none when there is no file). */
export async function loadAlertsFile(dir: string): Promise<AlertsState> {
  const broken = (why: string) => new FeedStateError(`The alerts file corpus/.feeds/alerts.json ${why}; fix it or move it away, nothing is written over it meanwhile.`);
  const raw = await readJson(file(dir)).catch((err: Error) => { throw broken(`cannot be read (${err.message})`); }) as Partial<AlertsState> | undefined;
  if (!raw) return { version: 1, alerts: [], announced: [], recent: {} };
  if (!Array.isArray(raw.alerts)) throw broken('is not an alerts file');
  return { version: 1, alerts: raw.alerts, announced: Array.isArray(raw.announced) ? raw.announced : [], recent: raw.recent ?? {} };
}

export function updateAlerts<T>(dir: string, change: (s: AlertsState) => T | Promise<T>): Promise<T> {
  const bounded = async (s: AlertsState): Promise<T> => {
    const out = await change(s);
    if (s.announced.length > ANNOUNCED_HISTORY) s.announced = s.announced.slice(-ANNOUNCED_HISTORY);
    return out;
  };
  const store = stateStoreOf(dir);
  if (store) return store.updateAlerts(bounded);
  return withFeedsLock(dir, async () => {
    const s = await loadAlertsFile(dir);
    const out = await bounded(s);
    await writeJsonAtomic(file(dir), s);
    return out;
  });
}

export function describeAlert(a: Alert): string {
  return a.topic ? `topic “${a.topic}”` : `speaker ${a.speaker}`;
}
