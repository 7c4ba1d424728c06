// Reads, cleans and extracts the quotes of a whole corpus folder on several threads (the slow part of a
// rebuild), giving exactly what the one-thread path gives, in the same order. Files go out in chunks to
// worker threads and to this thread alike; results are put back in file-name order before anyone sees them.
// Small corpora, and any worker failure, fall back to this thread alone.
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { extractQuotes } from '../quotes/extract.js';
import { formatMs, OffThreadTimeout, parseThread } from '../worker/offthread.js';
import { spawnSiblingWorker } from '../worker/spawn.js';
import type { Article, CorpusProblem, ExtractedQuote } from '../types.js';
import { articleIdFromFile, listArticleFiles, readArticleFile } from './read.js';

export type FileResult = { article: Article; extracted: ExtractedQuote[] } | { error: string };
export interface ChunkRequest { chunk: number; dir: string; items: Array<{ i: number; name: string }> }
/** From the worker: it is loaded (`ready`), one file is done (`i`), or the whole chunk is (`done`). */
export type WorkerReply = { ready: true } | { chunk: number; i: number; result: FileResult } | { chunk: number; done: true };
export const WORKER_MARK = 'talks-bot:parallel-read';

export interface ExtractedCorpus {
  /** Articles in file-name order, as readCorpus gives them. */
  articles: Article[];
  /** extractQuotes(article.paragraphs, { title }) for each article, same order. */
  extracted: ExtractedQuote[][];
  problems: CorpusProblem[];
  /** How many worker threads took part (0: this thread alone). */
  workers: number;
}

export interface ParallelReadOptions {
  /** Worker threads besides this one; default: one per core beyond the first (at most 3). 0 = serial. */
  workers?: number;
  /** Below this many files the threads cost more than they save. */
  minFiles?: number;
  chunkSize?: number;
  log?: (line: string) => void;
  /** Starts one worker; tests pass a failing one to check the fallback. */
  spawn?: () => Worker;
  /**
   * Time one file may take to read, clean and extract; a slower one is reported as a problem and skipped. With
   * it, every file is read off this thread (worker threads, or the parse thread for a small corpus).
   */
  timeoutMs?: number;
}

export const PARALLEL_MIN_FILES = 200;

export async function readAndExtract(dir: string, name: string): Promise<FileResult> {
  try {
    const article = await readArticleFile(path.join(dir, name));
    return { article, extracted: extractQuotes(article.paragraphs, { title: article.title }) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function defaultWorkers(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(3, cores - 1));
}

/** Same rules as readCorpus (file-name order, first file of an id wins, bad files reported), plus quotes. */
export async function readCorpusExtracted(dir: string, opts: ParallelReadOptions = {}): Promise<ExtractedCorpus> {
  const names = await listArticleFiles(dir);
  // With a time limit this thread reads nothing itself, so one more worker takes its share.
  const workers = opts.workers ?? defaultWorkers() + (opts.timeoutMs !== undefined ? 1 : 0);
  const results: Array<FileResult | undefined> = new Array(names.length);
  let used = 0;
  if (workers > 0 && names.length >= (opts.minFiles ?? PARALLEL_MIN_FILES)) {
    used = await readInParallel(dir, names, results, workers, opts.chunkSize ?? 50, opts.spawn ?? spawnWorker, opts.log, opts.timeoutMs);
  }
  const timeoutMs = opts.timeoutMs;
  const readOne = async (name: string): Promise<FileResult> => {
    if (timeoutMs === undefined) return readAndExtract(dir, name);
    try {
      return await parseThread().run('read', { dir, name }, timeoutMs);
    } catch (err) {
      return { error: err instanceof OffThreadTimeout ? `reading it ${err.message}; skipped` : err instanceof Error ? err.message : String(err) };
    }
  };
  const out: ExtractedCorpus = { articles: [], extracted: [], problems: [], workers: used };
  const seen = new Map<string, string>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const id = articleIdFromFile(name);
    if (seen.has(id)) {
      out.problems.push({ file: name, error: `same article id as ${seen.get(id)}; skipped` });
      continue;
    }
    const result = results[i] ?? (await readOne(name));
    results[i] = undefined;
    if ('error' in result) {
      out.problems.push({ file: name, error: result.error });
      continue;
    }
    out.articles.push(result.article);
    out.extracted.push(result.extracted);
    seen.set(id, name);
  }
  return out;
}

/** The worker script next to this module, run through tsx when this module itself is TypeScript. */
function spawnWorker(): Worker {
  return spawnSiblingWorker(import.meta.url, 'parallel-read-worker', { mark: WORKER_MARK });
}

/**
 * Fills `results` chunk by chunk from a shared queue: this thread works on chunks while the workers start and
 * run (unless files have a time limit: then only workers read, and one that spends longer than `timeoutMs` on a
 * file has that file reported, is stopped and is replaced). A worker that fails gives its chunk back and stops;
 * whatever is left is done here. Returns how many workers delivered at least one file.
 */
async function readInParallel(
  dir: string, names: string[], results: Array<FileResult | undefined>, workers: number, chunkSize: number,
  spawn: () => Worker, log?: (line: string) => void, timeoutMs?: number,
): Promise<number> {
  const chunks: number[] = [];
  for (let start = 0; start < names.length; start += chunkSize) chunks.push(start);
  const endOf = (chunk: number): number => Math.min(names.length, chunks[chunk] + chunkSize);
  let next = 0;
  let done = 0;
  const every = Math.max(500, Math.ceil(names.length / 10));
  let logged = 0;
  const started = performance.now();
  const progress = (count: number): void => {
    done += count;
    if (log && Math.floor(done / every) > logged) {
      logged = Math.floor(done / every);
      log(`read and extracted ${done}/${names.length} files (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  };
  // A chunk given back after a failure is sent again without the files already done.
  const requestFor = (chunk: number): ChunkRequest => {
    const items: ChunkRequest['items'] = [];
    for (let i = chunks[chunk]; i < endOf(chunk); i++) if (results[i] === undefined) items.push({ i, name: names[i] });
    return { chunk, dir, items };
  };
  const retry: number[] = [];
  const take = (): number | undefined => (retry.length ? retry.pop() : next < chunks.length ? next++ : undefined);

  const givers = new Set<Worker>();
  const runWorker = (): Promise<void> => new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = spawn();
    } catch (err) {
      log?.(`parallel read: worker not started (${err instanceof Error ? err.message : err}); continuing on one thread`);
      resolve();
      return;
    }
    // Two chunks in flight: the worker never waits for this thread (busy with its own chunk or a GC) between chunks.
    const inFlight = new Set<number>();
    let timer: NodeJS.Timeout | undefined;
    let ready = false;
    const finish = (): void => {
      clearTimeout(timer);
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
    };
    // The time limit counts from the worker being loaded, then from each file it finishes.
    const arm = (): void => {
      clearTimeout(timer);
      if (timeoutMs !== undefined && ready && inFlight.size > 0) timer = setTimeout(overran, timeoutMs);
    };
    const overran = (): void => {
      const chunk = inFlight.values().next().value as number;
      let stuck = chunks[chunk];
      while (stuck < endOf(chunk) && results[stuck] !== undefined) stuck++;
      if (stuck < endOf(chunk)) {
        results[stuck] = { error: `reading it took longer than the ${formatMs(timeoutMs!)} limit; skipped` };
        progress(1);
        log?.(`parallel read: ${names[stuck]} took longer than ${formatMs(timeoutMs!)}; skipped, worker replaced`);
      }
      retry.push(...inFlight);
      inFlight.clear();
      finish();
      resolve(runWorker());
    };
    const send = (): void => {
      const chunk = take();
      if (chunk !== undefined) {
        inFlight.add(chunk);
        worker.postMessage(requestFor(chunk));
        if (inFlight.size === 1) arm();
      } else if (inFlight.size === 0) {
        finish();
        resolve();
      }
    };
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        ready = true;
        arm();
      } else if ('i' in reply) {
        results[reply.i] = reply.result;
        givers.add(worker);
        progress(1);
        arm();
      } else {
        inFlight.delete(reply.chunk);
        send();
        arm();
      }
    });
    const fail = (why: string): void => {
      retry.push(...inFlight);
      inFlight.clear();
      log?.(`parallel read: a worker failed (${why}); its files are read on the main thread`);
      finish();
      resolve();
    };
    worker.on('error', (err) => fail(err instanceof Error ? err.message : String(err)));
    worker.on('exit', (code) => fail(`exited with ${code}`));
    worker.once('online', () => {
      send();
      send();
    });
  });

  const running = Array.from({ length: workers }, runWorker);
  // This thread takes chunks too when there is no time limit (one cannot be enforced here); its file reads are
  // awaited, so worker replies are handled in between.
  if (timeoutMs === undefined) {
    for (let chunk = take(); chunk !== undefined; chunk = take()) {
      const start = chunks[chunk];
      const end = endOf(chunk);
      for (let i = start; i < end; i++) results[i] = await readAndExtract(dir, names[i]);
      progress(end - start);
    }
  }
  await Promise.all(running);
  // A worker that failed after this thread ran out of chunks gave its chunk back: the caller reads what is left.
  return givers.size;
}
