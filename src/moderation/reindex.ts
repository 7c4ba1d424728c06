// /reindex: bring the live index in line with the files (for files edited by hand) through the engine's one
// sync path. Bad files are reported and left out; the rest keeps working.
import type { CorpusListing, SyncOptions, SyncReport } from '../engine.js';
import { hashCorpus } from '../snapshot/open.js';
import type { CorpusProblem } from '../types.js';
import { storeOf } from '../store/registry.js';

/** What reindexing needs from the engine (the real Engine has it). */
export interface ReindexTarget {
  sync(listing: CorpusListing, opts?: SyncOptions): Promise<SyncReport>;
}

export interface ReindexReport {
  articles: number;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  problems: readonly CorpusProblem[];
}

export async function reindexCorpus(
  engine: ReindexTarget, dir: string,
  onProgress?: (done: number, total: number) => void | Promise<void>,
  opts: { timeoutMs?: number } = {},
): Promise<ReindexReport> {
  // With the database as the store, the folder is not the corpus: re-read the database instead.
  const store = storeOf(engine);
  if (store?.reindex) return store.reindex(onProgress);
  const listing = await hashCorpus(dir);
  const report = await engine.sync(listing, { onProgress, timeoutMs: opts.timeoutMs });
  const articles = report.unchanged + report.added.length + report.updated.length;
  return { articles, ...report };
}
