// Start-up with an index snapshot: load it when it matches the corpus, bring it up to date when a few
// articles changed, rebuild (and write a new one) when it is missing, unreadable or built with other code.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readCorpusExtracted } from '../corpus/parallel-read.js';
import { articleIdFromFile, CorpusDirError, listArticleFiles } from '../corpus/read.js';
import { Engine, EngineError, type CorpusFileRef } from '../engine.js';
import { DEFAULT_ARTICLE_TIMEOUT_MS } from '../worker/offthread.js';
import { MINISEARCH_OPTIONS } from '../search/index.js';
import { snapshotFileFor, snapshotSettings, type SnapshotSettings } from '../settings.js';
import type { CorpusProblem } from '../types.js';
import { readSnapshot, SnapshotError, writeSnapshot, type LoadedSnapshot } from './file.js';
import { termFingerprint } from './fingerprint.js';
import { hashFiles } from './hash-files.js';
import type { TextDoc } from './postings.js';
import type { Options } from 'minisearch';

export interface OpenOptions {
  /** Where the snapshot lives; default snapshotFileFor(dir) with the environment's settings. `null` turns snapshots off. */
  snapshotFile?: string | null;
  log?: (line: string) => void;
  /** Above this share of changed articles a full rebuild is cheaper than patching the snapshot. */
  maxChangedShare?: number;
  /**
   * The fingerprint a snapshot must carry; default termFingerprint() of the running code. The benchmark passes
   * the one its parent process built with, so that code edited during a run does not turn a load into a rebuild.
   */
  fingerprint?: string;
  /** Time one changed file may take to read, clean and extract (ARTICLE_TIMEOUT_MS). */
  articleTimeoutMs?: number;
}

export interface OpenReport {
  /** How the engine was made: from the snapshot as is, from the snapshot plus changes, or rebuilt. */
  source: 'snapshot' | 'snapshot+changes' | 'rebuild';
  /** Why the snapshot was not used, when it was not. */
  reason?: string;
  added: number;
  changed: number;
  removed: number;
  /** Whether a new snapshot was written (and its size). */
  wrote?: { bytes: number } | { error: string };
}

/** Where a corpus folder's snapshot lives (SNAPSHOT_DIR, `<corpus>/.cache` or the per-user cache): see settings.ts. */
export { snapshotFileFor } from '../settings.js';

interface CorpusFile extends CorpusFileRef {
  id: string;
}

/**
 * Every article file's id and content hash (reads the bytes, parses nothing), listed as the corpus reader
 * lists them: a name it cannot hash (a folder named like an article, an unreadable file) comes without a hash,
 * so that Engine.sync reads it and reports it as a rebuild would. Duplicate ids are left to Engine.sync too.
 * Synchronous reads (for thousands of small files several times faster than promise-based ones), on a worker
 * thread for a large corpus so that they overlap the snapshot's parsing.
 */
export async function hashCorpus(dir: string): Promise<{ files: CorpusFile[]; problems: CorpusProblem[] }> {
  let names: string[];
  try {
    names = await listArticleFiles(dir);
  } catch (err) {
    if (err instanceof CorpusDirError) throw new EngineError(err.message, 'bad-corpus');
    throw err;
  }
  const hashes = await hashFiles(dir, names);
  const files = names.map((name, i): CorpusFile => {
    const result = hashes[i];
    return 'hash' in result ? { id: articleIdFromFile(name), name, hash: result.hash } : { id: articleIdFromFile(name), name };
  });
  return { files, problems: [] };
}

/** Throws EngineError('bad-corpus') when `dir` is not a readable folder: what opening would find, found first. */
export async function checkCorpusDir(dir: string): Promise<void> {
  try {
    await listArticleFiles(dir);
  } catch (err) {
    if (err instanceof CorpusDirError) throw new EngineError(err.message, 'bad-corpus');
    throw err;
  }
}

/** Opens the corpus: from the snapshot when it is valid for it, otherwise by reading and indexing everything. */
export async function openWithSnapshot(dir: string, opts: OpenOptions = {}): Promise<{ engine: Engine; report: OpenReport }> {
  const log = opts.log ?? (() => undefined);
  const file = opts.snapshotFile === undefined ? snapshotFileFor(dir, snapshotSettings(process.env)) : opts.snapshotFile;
  const options = MINISEARCH_OPTIONS as Options<TextDoc>;
  if (!file) return { engine: await rebuild(dir, log, opts.articleTimeoutMs), report: { source: 'rebuild', reason: 'snapshots are off', added: 0, changed: 0, removed: 0 } };

  // Hash the corpus (I/O) while the snapshot is read and checked (CPU).
  const started = performance.now();
  const hashing = hashCorpus(dir);
  hashing.catch(() => undefined);
  let snapshot: LoadedSnapshot | null = null;
  let reason: string | undefined;
  try {
    snapshot = await readSnapshot(file, opts.fingerprint ?? termFingerprint(), options);
  } catch (err) {
    if (!(err instanceof SnapshotError)) throw err;
    reason = err.message;
  }
  const corpus = await hashing;
  const loadedAt = performance.now();

  if (snapshot) {
    const restored = await restore(dir, snapshot, corpus, { ...opts, log, file, started, loadedAt });
    if (typeof restored !== 'string') return restored;
    reason = restored;
  }
  log(`index snapshot not used: ${reason}; rebuilding`);
  const engine = await rebuild(dir, log, opts.articleTimeoutMs);
  const report: OpenReport = { source: 'rebuild', reason, added: 0, changed: 0, removed: 0 };
  report.wrote = await save(engine, file, log, opts.fingerprint);
  return { engine, report };
}

/**
 * The engine from a verified snapshot, patched with the files changed since it was written; or the reason not
 * to use it (too much changed, or its indexes do not match its articles).
 */
async function restore(
  dir: string,
  snapshot: LoadedSnapshot,
  corpus: { files: CorpusFile[]; problems: CorpusProblem[] },
  opts: OpenOptions & { log: (line: string) => void; file: string; started: number; loadedAt: number },
): Promise<{ engine: Engine; report: OpenReport } | string> {
  const { log } = opts;
  const inSnapshot = new Map(snapshot.articles.map((a) => [a.article.id, a.article.hash]));
  // An id's files in name order; the one a snapshot article came from is the one with its hash.
  const filesOf = new Map<string, CorpusFile[]>();
  for (const f of corpus.files) filesOf.set(f.id, [...(filesOf.get(f.id) ?? []), f]);
  const sourceOf = (id: string): CorpusFile | undefined => filesOf.get(id)?.find((f) => f.hash !== undefined && f.hash === inSnapshot.get(id));
  const changed = [...filesOf.keys()].filter((id) => inSnapshot.has(id) && !sourceOf(id));
  const added = [...filesOf.keys()].filter((id) => !inSnapshot.has(id));
  const removed = [...inSnapshot.keys()].filter((id) => !filesOf.has(id));
  const share = (changed.length + added.length + removed.length) / Math.max(1, filesOf.size);
  if (share > (opts.maxChangedShare ?? 0.2)) return `${Math.round(share * 100)}% of the corpus changed since the snapshot`;
  let engine: Engine;
  try {
    engine = Engine.fromSnapshot(path.resolve(dir), snapshot);
  } catch (err) {
    // Checksummed but inconsistent (e.g. written by a buggy build): never serve it.
    return `snapshot is inconsistent (${err instanceof Error ? err.message : err})`;
  }
  for (const article of engine.allArticles()) {
    const f = sourceOf(article.id);
    if (f) article.file = path.join(path.resolve(dir), f.name);
  }
  // The same sync as /reindex: changed and new files read (off this thread), the gone ones dropped, every bad
  // file reported as a rebuild reports it. A file that never parses is not in the snapshot and stays out of the
  // index: not a change to save.
  const synced = await engine.sync(corpus, { timeoutMs: opts.articleTimeoutMs });
  const indexChanged = synced.added.length + synced.updated.length + synced.removed.length > 0;
  for (const p of engine.problems) log(`skipped ${p.file}: ${p.error}`);
  const now = performance.now();
  log(`snapshot loaded: ${snapshot.articles.length} articles in ${Math.round(now - opts.started)} ms `
    + `(read, verify and unpack ${Math.round(opts.loadedAt - opts.started)} ms, engine ${Math.round(now - opts.loadedAt)} ms)`);
  const report: OpenReport = {
    source: indexChanged ? 'snapshot+changes' : 'snapshot',
    added: added.length, changed: changed.length, removed: removed.length,
  };
  if (indexChanged) {
    log(`snapshot: ${added.length} added, ${changed.length} changed, ${removed.length} removed since it was written`);
    report.wrote = await save(engine, opts.file, log, opts.fingerprint);
  }
  return { engine, report };
}

/**
 * Reads and indexes the whole corpus (no snapshot involved). Every file is read off this thread under the
 * time limit (a file that runs over is reported and skipped).
 */
export async function rebuild(dir: string, log: (line: string) => void = () => undefined, timeoutMs = DEFAULT_ARTICLE_TIMEOUT_MS): Promise<Engine> {
  let read;
  try {
    // Reading, cleaning and quote extraction run on worker threads too (same result, same order).
    read = await readCorpusExtracted(dir, { log, timeoutMs });
  } catch (err) {
    if (err instanceof CorpusDirError) throw new EngineError(err.message, 'bad-corpus');
    throw err;
  }
  for (const problem of read.problems) log(`skipped ${problem.file}: ${problem.error}`);
  return Engine.build(read.articles, { dir: path.resolve(dir), log, extracted: read.extracted, problems: read.problems });
}

/** Writes the engine's snapshot; a failure is logged, never fatal (the snapshot is only a cache). */
export async function save(
  engine: Engine, file: string, log: (line: string) => void = () => undefined, fingerprint = termFingerprint(),
): Promise<{ bytes: number } | { error: string }> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const started = performance.now();
    const result = await writeSnapshot(file, engine.snapshotContent(), { fingerprint });
    log(`snapshot written: ${(result.bytes / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - started)} ms (${file})`);
    return result;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    log(`snapshot not written: ${error}`);
    return { error };
  }
}

/** How every front end opens the corpus: through the snapshot its settings name (read once at start). */
export async function openCorpus(
  dir: string,
  opts: { log?: (line: string) => void; snapshot?: SnapshotSettings; env?: NodeJS.ProcessEnv; articleTimeoutMs?: number } = {},
): Promise<Engine> {
  const settings = opts.snapshot ?? snapshotSettings(opts.env ?? process.env);
  const { engine } = await openWithSnapshot(dir, {
    log: opts.log, snapshotFile: snapshotFileFor(dir, settings), articleTimeoutMs: opts.articleTimeoutMs ?? DEFAULT_ARTICLE_TIMEOUT_MS,
  });
  return engine;
}
