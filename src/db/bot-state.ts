// Feeds, review queue and alerts in PostgreSQL (migrations/004_bot_state.sql): each a JSON document changed in one
// transaction under its row lock, so changes from any process on any host are serialised and none is lost.
import type { AlertsState } from '../alerts/state.js';
import type { FeedsState } from '../feeds/state.js';
import type { ArticleDraft } from '../moderation/draft.js';
import type { BotStateStore } from '../store/bot-state.js';
import { inTransaction, type Db } from './connect.js';

export interface DatabaseStateOptions {
  /** The state to start from when the database has none yet (the folder's files, so switching loses nothing). */
  initialFeeds: () => Promise<FeedsState>;
  initialAlerts: () => Promise<AlertsState>;
}

type Name = 'feeds' | 'alerts';

export function databaseStateStore(db: Db, opts: DatabaseStateOptions): BotStateStore {
  const initial = (name: Name): Promise<FeedsState | AlertsState> => (name === 'feeds' ? opts.initialFeeds() : opts.initialAlerts());

  /** The row for `name`, created from the initial state the first time (two processes at once: one insert wins). */
  async function ensureRow(name: Name): Promise<void> {
    const have = await db.query('SELECT 1 FROM bot_state WHERE name = $1', [name]);
    if (have.rowCount) return;
    await db.query('INSERT INTO bot_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, JSON.stringify(await initial(name))]);
  }

  async function load<S>(name: Name): Promise<S> {
    await ensureRow(name);
    return (await db.query<{ value: S }>('SELECT value FROM bot_state WHERE name = $1', [name])).rows[0].value;
  }

  async function update<S, T>(name: Name, change: (state: S) => T | Promise<T>): Promise<T> {
    await ensureRow(name);
    return inTransaction(db, async (client) => {
      // The row lock serialises every change to this document, from every process.
      const state = (await client.query<{ value: S }>('SELECT value FROM bot_state WHERE name = $1 FOR UPDATE', [name])).rows[0].value;
      const out = await change(state);
      await client.query('UPDATE bot_state SET value = $2, updated_at = now() WHERE name = $1', [name, JSON.stringify(state)]);
      return out;
    });
  }

  return {
    kind: 'database',
    loadFeeds: () => load<FeedsState>('feeds'),
    updateFeeds: (change) => update('feeds', change),
    loadAlerts: () => load<AlertsState>('alerts'),
    updateAlerts: (change) => update('alerts', change),
    async saveDraft(queueId, draft) {
      await db.query(`INSERT INTO feed_drafts (queue_id, draft) VALUES ($1, $2)
        ON CONFLICT (queue_id) DO UPDATE SET draft = EXCLUDED.draft, stored_at = now()`, [queueId, JSON.stringify(draft)]);
    },
    async loadDraft(queueId) {
      const row = (await db.query<{ draft: ArticleDraft }>('SELECT draft FROM feed_drafts WHERE queue_id = $1', [queueId])).rows[0];
      if (!row || typeof row.draft.title !== 'string' || !Array.isArray(row.draft.paragraphs)) return undefined;
      return row.draft;
    },
  };
}
