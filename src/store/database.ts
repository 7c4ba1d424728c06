// PostgreSQL as the bot's article store: the engine is built from the database and kept current by the change
// follower; moderators' changes are written in one transaction each (src/db/changes.ts) and answered once this
// process's engine serves them. While the database cannot be reached, answers go on from the in-process index and
// changes are refused with nothing written.
import { applyArticleChange, type ArticleChange, type StoredChange } from '../db/changes.js';
import { describeDbError, openDb, type Db } from '../db/connect.js';
import { DatabaseError } from '../db/errors.js';
import { followChanges, type Follower } from '../db/follow.js';
import { loadArticles } from '../db/articles.js';
import { openDbEngineWithRetry } from '../db/open.js';
import type { DbOpenReport } from '../db/snapshot.js';
import { databaseStateStore } from '../db/bot-state.js';
import { loadAlertsFile } from '../alerts/state.js';
import { loadStateFile } from '../feeds/state.js';
import { forgetStateStore, useStateStore } from './bot-state.js';
import type { ArticleFormat } from '../corpus/read.js';
import type { Engine } from '../engine.js';
import { assertNotDuplicate, existingArticle, type ExistingArticle } from '../moderation/duplicates.js';
import { ModerationError } from '../moderation/errors.js';
import { baseArticleId, idCandidates } from '../moderation/ids.js';
import { renderArticle } from '../moderation/store.js';
import { addedBy, assertReadable, type ChangeResult, type ModerationContext, type Moderator } from '../moderation/service.js';
import type { ChosenStore } from './registry.js';

export const STORE_UNAVAILABLE = 'The article store is unavailable right now; nothing was changed. Answers keep working; try again in a minute.';

export interface DatabaseStoreOptions {
  url: string;
  log?: (line: string) => void;
  /** How long a moderator's reply waits for this process's engine to apply the change (default 10 s). */
  applyTimeoutMs?: number;
  /** Start-up retries (openDbEngineWithRetry) and the follower's reconnects, for tests. */
  retryMinMs?: number;
  retryMaxMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
  /** The index snapshot to start from (dbSnapshotFile); unset = every start re-reads the database. */
  snapshotFile?: string | null;
  /** The bot's corpus folder: its feeds, review queue and alerts are kept in the database from now on. */
  stateDir?: string;
}

export interface OpenedDatabaseStore {
  engine: Engine;
  store: ChosenStore;
  follower: Follower;
  /** How the index was made at start: from its snapshot (and the changes since) or re-read. */
  report?: DbOpenReport;
  stop(): Promise<void>;
}

interface StoredRow {
  id: string;
  body: string;
  hash: string;
  format: ArticleFormat;
}

/** Opens the engine from the database (waiting for it with backoff) and starts following its changes. */
export async function openDatabaseStore(opts: DatabaseStoreOptions): Promise<OpenedDatabaseStore> {
  const log = opts.log ?? (() => undefined);
  const db = openDb(opts.url, { log });
  let opened;
  try {
    opened = await openDbEngineWithRetry(opts.url, db, { log, minDelayMs: opts.retryMinMs, maxDelayMs: opts.retryMaxMs, signal: opts.signal, snapshotFile: opts.snapshotFile });
  } catch (err) {
    await db.end().catch(() => undefined);
    throw err;
  }
  const { engine, seq } = opened;
  const follower = followChanges({
    url: opts.url, engine, fromSeq: seq, log, pollMs: opts.pollMs, retryMinMs: opts.retryMinMs, retryMaxMs: opts.retryMaxMs,
  });
  log(`article store: PostgreSQL at change ${seq}; following changes`);
  const store = databaseStore({ db, url: opts.url, engine, follower, log, applyTimeoutMs: opts.applyTimeoutMs });
  const stateDir = opts.stateDir;
  // The folder's files (if any) seed the database's state the first time, so switching to it loses nothing.
  const state = stateDir === undefined ? undefined
    : databaseStateStore(db, { initialFeeds: () => loadStateFile(stateDir), initialAlerts: () => loadAlertsFile(stateDir) });
  if (stateDir !== undefined && state) useStateStore(stateDir, state);
  return {
    engine, store, follower, report: opened.report,
    async stop() {
      if (stateDir !== undefined && state) forgetStateStore(stateDir, state);
      await follower.stop();
      await db.end().catch(() => undefined);
    },
  };
}

export interface DatabaseStoreDeps {
  db: Db;
  url: string;
  engine: Engine;
  follower: Follower;
  log: (line: string) => void;
  applyTimeoutMs?: number;
}

export function databaseStore(deps: DatabaseStoreDeps): ChosenStore {
  const { db, url, engine, follower, log } = deps;

  /** Runs a database step; a database that cannot be reached becomes the moderator's one clear refusal. */
  async function guarded<T>(step: () => Promise<T>): Promise<T> {
    // The follower's connection is down: refuse at once rather than wait for a connect timeout.
    if (!follower.connected) throw new DatabaseError(STORE_UNAVAILABLE, 'db-unavailable');
    try {
      return await step();
    } catch (raw) {
      const err = describeDbError(raw, url);
      if (err instanceof DatabaseError && err.code === 'db-unavailable') {
        log(`moderation: ${err.message}`);
        throw new DatabaseError(STORE_UNAVAILABLE, 'db-unavailable');
      }
      throw err;
    }
  }

  async function existing(): Promise<ExistingArticle[]> {
    const { rows } = await db.query<StoredRow>('SELECT id, body, hash, format FROM articles');
    return rows.map((r) => existingArticle(r.id, r.format, r.body));
  }

  async function current(rawId: string): Promise<StoredRow> {
    const id = rawId.trim();
    const row = (await db.query<StoredRow>('SELECT id, body, hash, format FROM articles WHERE id = $1', [id])).rows[0];
    if (!row) throw new ModerationError('unknown-article', `There is no article \`${id.slice(0, 80)}\`.`);
    return row;
  }

  async function store(change: ArticleChange, who: Moderator): Promise<StoredChange> {
    const stored = await applyArticleChange(db, change, { moderator: { id: who.id, name: who.name } });
    // This process applies its own change through the same path as everyone else's, then the reply goes out.
    void follower.catchUp();
    try {
      await follower.waitFor(stored.seq, deps.applyTimeoutMs ?? 10_000);
    } catch (err) {
      log(`moderation: stored ${stored.id} (change ${stored.seq}) but this process has not applied it yet: ${(err as Error).message}`);
    }
    return stored;
  }

  function result(ctx: ModerationContext, s: StoredChange, who: Moderator, time: string, title?: string): ChangeResult {
    const audit = { time, moderator: { id: who.id, name: who.name }, action: s.op, article: s.id, sha256: s.hash, title: title ?? s.title };
    ctx.log?.(`moderation: ${JSON.stringify({ ...audit, store: 'database', seq: s.seq })}`);
    return { id: s.id, file: `${s.id}.md`, sha256: s.hash, action: s.op, title: title ?? s.title, audit };
  }

  return {
    kind: 'database',
    async add(ctx, draft, who) {
      const by = addedBy(ctx, who);
      const content = renderArticle(draft, by);
      const baseId = baseArticleId(draft);
      await assertReadable(ctx, baseId, content);
      const stored = await guarded(async () => {
        assertNotDuplicate(draft, await existing());
        const taken = new Set((await db.query<{ id: string }>('SELECT id FROM articles WHERE id = $1 OR id LIKE $2', [baseId, `${baseId}-%`])).rows.map((r) => r.id));
        for (const id of idCandidates(baseId)) {
          if (taken.has(id)) continue;
          try {
            return await store({ op: 'add', id, text: content, format: 'md' }, who);
          } catch (err) {
            // Another process took this id between our look and our write: the next one is free.
            if (err instanceof DatabaseError && err.code === 'db-conflict') { taken.add(id); continue; }
            throw err;
          }
        }
        throw new ModerationError('write-failed', `Too many articles are already called ${baseId}.`);
      });
      if (ctx.onArticleAdded) {
        Promise.resolve(stored.id).then(ctx.onArticleAdded).catch((err: Error) => ctx.log?.(`moderation: article-added listener failed: ${err.message}`));
      }
      return result(ctx, stored, who, by.added_at, draft.title);
    },
    async replace(ctx, rawId, draft, who) {
      const by = addedBy(ctx, who);
      const content = renderArticle(draft, by);
      await assertReadable(ctx, baseArticleId(draft), content);
      const stored = await guarded(async () => {
        const old = await current(rawId);
        assertNotDuplicate(draft, await existing(), old.id);
        return store({ op: 'replace', id: old.id, text: content, format: 'md', expectHash: old.hash }, who);
      });
      return result(ctx, stored, who, by.added_at, draft.title);
    },
    async remove(ctx, rawId, who) {
      const time = (ctx.now?.() ?? new Date()).toISOString();
      const stored = await guarded(async () => {
        const old = await current(rawId).catch((err: unknown) => {
          // Gone from the database but still served here (a missed change): drop it now.
          if (err instanceof ModerationError && engine.removeArticle(rawId.trim())) log(`moderation: ${rawId.trim()} was no longer stored; dropped it from the index`);
          throw err;
        });
        return store({ op: 'remove', id: old.id, expectHash: old.hash }, who);
      });
      return result(ctx, stored, who, time);
    },
    async record(ctx, entry) {
      await guarded(() => db.query(
        'INSERT INTO audit (at, moderator_id, moderator_name, action, article, sha256, title, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [entry.time, entry.moderator.id, entry.moderator.name, entry.action, entry.article ?? null, entry.sha256 ?? null, entry.title ?? null, entry.detail ?? null],
      ));
      ctx.log?.(`moderation: ${JSON.stringify({ ...entry, store: 'database' })}`);
    },
    /** Re-reads the whole database into the engine (what the follower does change by change, all at once). */
    async reindex(onProgress) {
      const snapshot = await guarded(() => loadArticles(db));
      const added: string[] = [];
      const updated: string[] = [];
      const removed: string[] = [];
      let unchanged = 0;
      const keep = new Set<string>();
      let done = 0;
      for (const a of snapshot.articles) {
        keep.add(a.id);
        const had = engine.getArticle(a.id);
        if (had?.hash === a.hash) unchanged++;
        else {
          engine.replaceArticle(a);
          (had ? updated : added).push(a.id);
        }
        if (++done % 500 === 0) await onProgress?.(done, snapshot.articles.length);
      }
      for (const p of snapshot.problems) keep.add(p.file.replace(/\.(md|txt)$/, ''));
      for (const a of engine.allArticles()) {
        if (!keep.has(a.id) && engine.removeArticle(a.id)) removed.push(a.id);
      }
      for (const p of snapshot.problems) if (engine.removeArticle(p.file.replace(/\.(md|txt)$/, ''))) removed.push(p.file);
      // Changes the follower applied after this snapshot are applied again on top of it.
      follower.rewind(snapshot.seq);
      await follower.catchUp();
      return { articles: snapshot.articles.length, added, updated, removed, unchanged, problems: snapshot.problems };
    },
  };
}
