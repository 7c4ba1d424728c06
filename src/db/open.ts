// The engine over the database: every article read in one consistent snapshot, then indexed as the folder's.
import { Engine } from '../engine.js';
import { describeDbError, openDb, type Db } from './connect.js';
import { loadArticles } from './articles.js';
import { ensureSchema } from './migrate.js';

export interface DbEngine {
  engine: Engine;
  /** The change number the engine is current at. */
  seq: string;
}

/** Builds the engine from the store behind `db` (migrating an empty or older schema first). */
export async function openDbEngine(db: Db, opts: { log?: (line: string) => void } = {}): Promise<DbEngine> {
  await ensureSchema(db, { log: opts.log });
  const stored = await loadArticles(db);
  for (const p of stored.problems) opts.log?.(`skipped ${p.file}: ${p.error}`);
  const engine = Engine.build(stored.articles, { log: opts.log });
  engine.problems = stored.problems;
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
