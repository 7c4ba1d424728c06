// The index snapshot of a database store, keyed by the store's identity and change number: a process loads the
// snapshot it (or a sibling on this host) wrote, applies the changes made since, and only re-reads and re-indexes
// the whole database when the snapshot is missing, unreadable, from other code or another database, or too old.
//
// The key (which store, which change) is carried in the snapshot's own fingerprint, so the file and its key can
// never disagree; a small file next to it only says which fingerprint to expect (a stale one means a rebuild).
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Options } from 'minisearch';
import { Engine } from '../engine.js';
import { MINISEARCH_OPTIONS } from '../search/index.js';
import { readSnapshot, SnapshotError, type LoadedSnapshot } from '../snapshot/file.js';
import { termFingerprint } from '../snapshot/fingerprint.js';
import type { TextDoc } from '../snapshot/postings.js';
import { save } from '../snapshot/open.js';
import { loadArticles } from './articles.js';
import type { Db } from './connect.js';
import { applyChangesSince } from './follow.js';
import { ensureSchema } from './migrate.js';

export interface DbSnapshotOptions {
  /** The snapshot file (see dbSnapshotFile); null = no snapshot, every start re-indexes the database. */
  file: string | null;
  log?: (line: string) => void;
  /** Above this share of articles changed since the snapshot, re-reading everything is cheaper. */
  maxChangedShare?: number;
  /** The code's fingerprint (default termFingerprint()). */
  fingerprint?: string;
}

export interface DbOpenReport {
  /** From the snapshot as it was, from the snapshot plus the changes since, or re-read from the database. */
  source: 'snapshot' | 'snapshot+changes' | 'rebuild';
  /** Why the snapshot was not used. */
  reason?: string;
  /** The change number the snapshot was at, when one was used. */
  snapshotSeq?: string;
  /** Articles changed since the snapshot (applied on top of it). */
  changes: number;
}

export interface DbEngineOpened {
  engine: Engine;
  /** The change number the engine is current at. */
  seq: string;
  report: DbOpenReport;
}

/** The database store's snapshot next to where the folder's would be (a name of its own: the two never mix). */
export function dbSnapshotFile(folderSnapshotFile: string | null): string | null {
  return folderSnapshotFile && path.join(path.dirname(folderSnapshotFile), `db-${path.basename(folderSnapshotFile)}`);
}

/** Up to this many changed articles are applied on top of the snapshot, however small the store. */
const MIN_CHANGES_TO_REBUILD = 50;

const keyFile = (file: string): string => `${file}.key`;

/** What a snapshot of store `store` at change `seq` carries as its fingerprint. */
export function dbFingerprint(code: string, store: string, seq: string): string {
  return `${code}|store:${store}|change:${seq}`;
}

function parseKey(fingerprint: string): { code: string; store: string; seq: string } | null {
  const m = /^(.*)\|store:([^|]+)\|change:(\d+)$/.exec(fingerprint);
  return m ? { code: m[1], store: m[2], seq: m[3] } : null;
}

async function storeState(db: Db): Promise<{ store: string; seq: string; articles: number }> {
  const { rows } = await db.query<{ store: string; seq: string; articles: number }>(`SELECT
    (SELECT id FROM store_identity) AS store,
    (SELECT coalesce(max(seq), 0)::text FROM changes) AS seq,
    (SELECT count(*)::int FROM articles) AS articles`);
  return rows[0];
}

/** The snapshot and the change number it is at, or why it cannot be used for this store. */
async function usableSnapshot(db: Db, file: string, code: string, opts: DbSnapshotOptions): Promise<{ snapshot: LoadedSnapshot; seq: string; changes: number } | string> {
  let expected: string;
  try {
    expected = (JSON.parse(await readFile(keyFile(file), 'utf8')) as { fingerprint?: unknown }).fingerprint as string;
  } catch {
    return 'no snapshot of this database yet';
  }
  const key = typeof expected === 'string' ? parseKey(expected) : null;
  if (!key) return 'snapshot key is unreadable';
  if (key.code !== code) return 'snapshot was built with other code';
  const now = await storeState(db);
  if (key.store !== now.store) return 'snapshot is of another database';
  if (BigInt(key.seq) > BigInt(now.seq)) return `snapshot is at change ${key.seq}, past the database's ${now.seq} (restored from a backup?)`;
  const changed = Number((await db.query<{ n: string }>('SELECT count(DISTINCT article_id)::text AS n FROM changes WHERE seq > $1', [key.seq])).rows[0].n);
  const share = changed / Math.max(1, now.articles);
  // A few changes are applied whatever the share (a small store re-reads fast, but a patch is faster still).
  if (changed > MIN_CHANGES_TO_REBUILD && share > (opts.maxChangedShare ?? 0.2)) return `${Math.round(share * 100)}% of the articles changed since the snapshot`;
  try {
    const snapshot = await readSnapshot(file, expected, MINISEARCH_OPTIONS as Options<TextDoc>);
    return { snapshot, seq: key.seq, changes: changed };
  } catch (err) {
    if (err instanceof SnapshotError) return err.message;
    throw err;
  }
}

/** Writes the snapshot at change `seq`, then its key; failures are logged, never fatal (it is only a cache). */
async function saveAt(db: Db, engine: Engine, file: string, seq: string, code: string, log: (line: string) => void): Promise<void> {
  const { store } = await storeState(db);
  const fingerprint = dbFingerprint(code, store, seq);
  const wrote = await save(engine, file, log, fingerprint);
  if ('error' in wrote) return;
  const tmp = `${keyFile(file)}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify({ fingerprint })}\n`);
    await rename(tmp, keyFile(file));
  } catch (err) {
    await rm(tmp, { force: true });
    log(`snapshot key not written: ${(err as Error).message}`);
  }
}

/**
 * Builds the engine of the store behind `db` (migrating an empty or older schema first): from its snapshot plus the
 * changes made since when it can, else from every article (and then writes the snapshot for the next start).
 */
export async function openDbEngineFromSnapshot(db: Db, opts: DbSnapshotOptions): Promise<DbEngineOpened> {
  const log = opts.log ?? (() => undefined);
  await ensureSchema(db, { log });
  const code = opts.fingerprint ?? termFingerprint();
  let reason = 'snapshots are off';
  if (opts.file) {
    const started = performance.now();
    const found = await usableSnapshot(db, opts.file, code, opts);
    if (typeof found !== 'string') {
      let engine: Engine | null = null;
      try {
        engine = Engine.fromSnapshot(null, found.snapshot);
      } catch (err) {
        reason = `snapshot is inconsistent (${err instanceof Error ? err.message : err})`;
      }
      if (engine) {
        const caught = await applyChangesSince(db, engine, found.seq, log);
        log(`index snapshot of the database loaded at change ${found.seq}: ${found.snapshot.articles.length} articles in `
          + `${Math.round(performance.now() - started)} ms; ${caught.changes} changed since, now at change ${caught.seq}`);
        if (caught.changes > 0) await saveAt(db, engine, opts.file, caught.seq, code, log);
        const report: DbOpenReport = { source: caught.changes > 0 ? 'snapshot+changes' : 'snapshot', snapshotSeq: found.seq, changes: caught.changes };
        return { engine, seq: caught.seq, report };
      }
    } else reason = found;
    log(`index snapshot of the database not used: ${reason}; indexing every article`);
  }
  const stored = await loadArticles(db);
  for (const p of stored.problems) log(`skipped ${p.file}: ${p.error}`);
  const engine = Engine.build(stored.articles, { log, problems: stored.problems });
  if (opts.file) await saveAt(db, engine, opts.file, stored.seq, code, log);
  return { engine, seq: stored.seq, report: { source: 'rebuild', reason, changes: 0 } };
}
