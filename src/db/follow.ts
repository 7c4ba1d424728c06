// Keeps a process's in-memory engine in step with the store: LISTEN talks_changes wakes it, and every wake-up,
// reconnect and periodic poll catches up from the last change number applied. A missed notification, a dropped
// connection or a restart therefore only delays a change, never loses it.
import pg from 'pg';
import { DEFAULT_ARTICLE_TIMEOUT_MS, redactUrl } from '../settings.js';
import type { Article, ExtractedQuote } from '../types.js';
import { OffThreadTimeout, parseThread } from '../worker/offthread.js';
import type { ArticleRow } from './articles.js';

/** What following needs from the engine (src/engine.ts has these). */
export interface ChangeTarget {
  getArticle(id: string): Article | undefined;
  replaceArticle(article: Article, extracted?: ExtractedQuote[]): void;
  removeArticle(id: string): boolean;
}

/**
 * A stored row read and its quotes extracted: by default on the parse thread under a time limit, as a file from
 * the folder is, so a row that is slow to read (hand-inserted, or from a newer version) never holds this thread.
 */
export type RowReader = (row: ArticleRow) => Promise<{ article: Article; extracted: ExtractedQuote[] }>;

export function readRowOffThread(timeoutMs = DEFAULT_ARTICLE_TIMEOUT_MS): RowReader {
  return async (row) => {
    const { article, extracted } = await parseThread().run('row', { id: row.id, body: row.body, format: row.format }, timeoutMs);
    article.hash = row.hash;
    return { article, extracted };
  };
}

export interface FollowOptions {
  url: string;
  engine: ChangeTarget;
  /** The change number the engine is current at (DbEngine.seq). */
  fromSeq: string;
  log?: (line: string) => void;
  /** Catch up this often even without a notification (default 30 s). */
  pollMs?: number;
  /** Reconnect delays: doubling from min to max (default 250 ms … 10 s). */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export interface Follower {
  /** The last change number applied. */
  readonly seq: string;
  /** Whether the listening connection is up (moderation can refuse early when it is not). */
  readonly connected: boolean;
  /** Resolves once changes up to `seq` are applied. */
  waitFor(seq: string, timeoutMs?: number): Promise<void>;
  /** Catch up now (also done on every notification). */
  catchUp(): Promise<void>;
  /**
   * Re-applies every change after `seq` at the next catch-up (when the engine was just rebuilt from a snapshot at
   * `seq`, changes this follower applied after it must be applied again on top).
   */
  rewind(seq: string): void;
  stop(): Promise<void>;
}

export const CHANGES_CHANNEL = 'talks_changes';

// Each article's latest change after `seq`, with the article as stored now (absent = removed); one statement,
// so the rows and the change numbers come from one snapshot of the database.
const CATCH_UP = `
SELECT c.seq::text AS seq, c.article_id, a.id AS present, a.body, a.hash, a.format
FROM (SELECT DISTINCT ON (article_id) seq, article_id FROM changes WHERE seq > $1 ORDER BY article_id, seq DESC) c
LEFT JOIN articles a ON a.id = c.article_id
ORDER BY c.seq`;

interface CatchUpRow extends Partial<ArticleRow> {
  seq: string;
  article_id: string;
  present: string | null;
}

/** Something that runs a query: a pg client or pool. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Applies to `engine` each article's latest change after `seq`, as the article is stored now (also used at start,
 * to bring an index loaded from its snapshot up to the store). Returns the change number reached and how many
 * articles changed.
 */
export async function applyChangesSince(
  db: Queryable, engine: ChangeTarget, seq: string, log: (line: string) => void = () => undefined, read: RowReader = readRowOffThread(),
): Promise<{ seq: string; changes: number }> {
  const { rows } = await db.query<CatchUpRow>(CATCH_UP, [seq]);
  let last = BigInt(seq);
  for (const row of rows) {
    await applyRow(engine, row, log, read);
    const at = BigInt(row.seq);
    if (at > last) last = at;
  }
  return { seq: last.toString(), changes: rows.length };
}

async function applyRow(engine: ChangeTarget, row: CatchUpRow, log: (line: string) => void, read: RowReader): Promise<void> {
  const id = row.article_id;
  if (row.present === null) {
    engine.removeArticle(id);
    return;
  }
  if (engine.getArticle(id)?.hash === row.hash) return;
  let found: { article: Article; extracted: ExtractedQuote[] };
  try {
    found = await read({ id, body: row.body ?? '', hash: row.hash ?? '', format: row.format ?? 'md' });
  } catch (err) {
    // A row the reader cannot parse, or takes too long to, is served as a bad file is: not at all.
    engine.removeArticle(id);
    const why = err instanceof OffThreadTimeout ? `reading it ${err.message}` : (err as Error).message;
    log(`skipped ${id}.${row.format}: ${why}`);
    return;
  }
  engine.replaceArticle(found.article, found.extracted);
}

export function followChanges(opts: FollowOptions): Follower {
  const log = opts.log ?? (() => undefined);
  const pollMs = opts.pollMs ?? 30_000;
  const minMs = opts.retryMinMs ?? 250;
  const maxMs = opts.retryMaxMs ?? 10_000;
  let last = BigInt(opts.fromSeq);
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let delay = minMs;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  // A reconnect after a lost connection is logged even when its first attempt succeeds.
  let everConnected = false;
  // Catch-ups run one at a time; a wake-up during one runs one more afterwards.
  let running: Promise<void> | null = null;
  let again = false;
  const waiters: Array<{ seq: bigint; resolve: () => void }> = [];

  const settle = (): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].seq <= last) waiters.splice(i, 1)[0].resolve();
    }
  };

  async function catchUpOnce(): Promise<void> {
    const c = client;
    if (!c || !connected) return;
    const caught = await applyChangesSince(c, opts.engine, last.toString(), log);
    const seq = BigInt(caught.seq);
    if (seq > last) last = seq;
    if (caught.changes) settle();
  }

  function catchUp(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await catchUpOnce();
        } while (again && !stopped);
      } catch (err) {
        // The connection's own error/end handlers reconnect; the next catch-up starts from `last`.
        log(`changes: catch-up failed: ${(err as Error).message}`);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function scheduleReconnect(): void {
    connected = false;
    if (stopped || reconnectTimer) return;
    const old = client;
    client = null;
    old?.removeAllListeners();
    old?.on('error', () => undefined);
    void old?.end().catch(() => undefined);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delay);
    delay = Math.min(maxMs, delay * 2);
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    const c = new pg.Client({ connectionString: opts.url, connectionTimeoutMillis: 10_000, application_name: 'talks-bot-follow' });
    c.on('error', (err) => {
      if (client === c) log(`changes: connection lost (${err.message}); reconnecting`);
      if (client === c) scheduleReconnect();
    });
    c.on('end', () => { if (client === c) scheduleReconnect(); });
    c.on('notification', (msg) => {
      if (msg.channel === CHANGES_CHANNEL && msg.payload && BigInt(msg.payload) <= last) return;
      void catchUp();
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (stopped) { await c.end().catch(() => undefined); return; }
      connected = true;
      if (failures > 0 || everConnected) log(`changes: reconnected to ${redactUrl(opts.url)}; catching up from change ${last}`);
      failures = 0;
      everConnected = true;
      delay = minMs;
      // Whatever happened while not listening.
      await catchUp();
    } catch (err) {
      if (client !== c) return;
      // One line when the database goes away, not one per retry.
      if (failures++ === 0) log(`changes: cannot reach ${redactUrl(opts.url)} (${(err as Error).message}); retrying with backoff`);
      scheduleReconnect();
    }
  }

  const poll = setInterval(() => { void catchUp(); }, pollMs);
  poll.unref();
  void connect();

  return {
    get seq() { return last.toString(); },
    get connected() { return connected; },
    waitFor(seq: string, timeoutMs = 10_000): Promise<void> {
      const want = BigInt(seq);
      if (want <= last) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(entry);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`change ${seq} not applied within ${timeoutMs} ms (at ${last})`));
        }, timeoutMs);
        const entry = { seq: want, resolve: () => { clearTimeout(timer); resolve(); } };
        waiters.push(entry);
      });
    },
    catchUp,
    rewind(seq: string): void {
      const to = BigInt(seq);
      if (to < last) last = to;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(poll);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await running;
      const c = client;
      client = null;
      connected = false;
      c?.removeAllListeners();
      c?.on('error', () => undefined);
      await c?.end().catch(() => undefined);
    },
  };
}
