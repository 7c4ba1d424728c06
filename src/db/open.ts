// The engine over the database: every article read in one consistent snapshot, then indexed as the folder's.
import { Engine } from '../engine.js';
import { describeDbError, openDb, type Db } from './connect.js';
import { loadArticles } from './articles.js';
import { ensureSchema } from './migrate.js';
import { DatabaseError } from './errors.js';
import { openDbEngineFromSnapshot, type DbOpenReport } from './snapshot.js';

export interface DbEngine {
  engine: Engine;
  /** The change number the engine is current at. */
  seq: string;
  /** How it was made (from its snapshot or re-read), when a snapshot was asked for. */
  report?: DbOpenReport;
}

/** Builds the engine from the store behind `db` (migrating an empty or older schema first). */
export async function openDbEngine(db: Db, opts: { log?: (line: string) => void } = {}): Promise<DbEngine> {
  await ensureSchema(db, { log: opts.log });
  const stored = await loadArticles(db);
  for (const p of stored.problems) opts.log?.(`skipped ${p.file}: ${p.error}`);
  const engine = Engine.build(stored.articles, { log: opts.log, problems: stored.problems });
  return { engine, seq: stored.seq };
}

/** For one-shot tools (the CLI): connect, build, disconnect. Unreachable → DatabaseError with one line. */
export async function openDatabaseCorpus(url: string, opts: { log?: (line: string) => void } = {}): Promise<Engine> {
  const db = openDb(url, { log: opts.log, max: 2 });
  try {
    return (await openDbEngine(db, opts)).engine;
  } catch (err) {
    throw describeDbError(err, url);
  } finally {
    await db.end().catch(() => undefined);
  }
}

export interface RetryOptions {
  log?: (line: string) => void;
  /** First wait after a failed attempt; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Give up after this many attempts (default: never, a long-running process waits for its database). */
  attempts?: number;
  signal?: AbortSignal;
  /** Load the index from this snapshot file when it is current enough (see src/db/snapshot.ts). */
  snapshotFile?: string | null;
}

/**
 * For long-running processes: builds the engine from the store, and while the database cannot be reached says so
 * in one line per attempt and tries again with backoff. Other errors (a schema too new, a bug) are thrown at once.
 */
export async function openDbEngineWithRetry(url: string, db: Db, opts: RetryOptions = {}): Promise<DbEngine> {
  const log = opts.log ?? (() => undefined);
  let delay = opts.minDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return opts.snapshotFile === undefined ? await openDbEngine(db, { log }) : await openDbEngineFromSnapshot(db, { file: opts.snapshotFile, log });
    } catch (raw) {
      const err = describeDbError(raw, url);
      const unavailable = err instanceof DatabaseError && err.code === 'db-unavailable';
      if (!unavailable || attempt === opts.attempts || opts.signal?.aborted) throw err;
      log(`${err.message} Retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt}).`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(max, delay * 2);
    }
  }
}
