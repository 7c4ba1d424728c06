// Reads, cleans and extracts the quotes of a whole corpus folder on several threads (the slow part of a
// rebuild), giving exactly what the one-thread path gives, in the same order. Files go out in chunks to
// worker threads and to this thread alike; results are put back in file-name order before anyone sees them.
// Small corpora, and any worker failure, fall back to this thread alone.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractQuotes } from '../quotes/extract.js';
import type { Article, CorpusProblem, ExtractedQuote } from '../types.js';
import { articleIdFromFile, listArticleFiles, readArticleFile } from './read.js';

export type FileResult = { article: Article; extracted: ExtractedQuote[] } | { error: string };
export interface ChunkRequest { chunk: number; dir: string; names: string[] }
export interface ChunkResult { chunk: number; results: FileResult[] }
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
  const workers = opts.workers ?? defaultWorkers();
  const results: Array<FileResult | undefined> = new Array(names.length);
  let used = 0;
  if (workers > 0 && names.length >= (opts.minFiles ?? PARALLEL_MIN_FILES)) {
    used = await readInParallel(dir, names, results, workers, opts.chunkSize ?? 50, opts.spawn ?? spawnWorker, opts.log);
  }
  const out: ExtractedCorpus = { articles: [], extracted: [], problems: [], workers: used };
  const seen = new Map<string, string>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const id = articleIdFromFile(name);
    if (seen.has(id)) {
      out.problems.push({ file: name, error: `same article id as ${seen.get(id)}; skipped` });
      continue;
    }
    const result = results[i] ?? (await readAndExtract(dir, name));
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
 * Starts the worker script `name` (no extension) that sits next to the module `from` (its import.meta.url),
 * through tsx when that module is TypeScript (tests, `npm run dev`).
 */
export function spawnSiblingWorker(from: string, name: string, workerData: unknown): Worker {
  const ext = path.extname(fileURLToPath(from));
  const script = new URL(`./${name}${ext}`, from);
  if (ext !== '.ts') return new Worker(script, { workerData });
  // Loader flags (`--import tsx`) do not reach worker threads on Node 20: the worker registers tsx itself,
  // then imports the TypeScript worker module.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})`
    + `.then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Fills `results` chunk by chunk from a shared queue: this thread works on chunks while the workers start and
 * run. A worker that fails gives its chunk back and stops; whatever is left is done here. Returns how many
 * workers delivered at least one chunk.
 */
async function readInParallel(
  dir: string, names: string[], results: Array<FileResult | undefined>, workers: number, chunkSize: number,
  spawn: () => Worker, log?: (line: string) => void,
): Promise<number> {
  const chunks: number[] = [];
  for (let start = 0; start < names.length; start += chunkSize) chunks.push(start);
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
  const requestFor = (chunk: number): ChunkRequest => ({ chunk, dir, names: names.slice(chunks[chunk], chunks[chunk] + chunkSize) });
  const retry: number[] = [];
  const take = (): number | undefined => (retry.length ? retry.pop() : next < chunks.length ? next++ : undefined);

  let delivered = 0;
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
    let gave = false;
    const finish = (): void => {
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
      resolve();
    };
    const send = (): void => {
      const chunk = take();
      if (chunk !== undefined) {
        inFlight.add(chunk);
        worker.postMessage(requestFor(chunk));
      } else if (inFlight.size === 0) finish();
    };
    worker.on('message', (reply: ChunkResult) => {
      inFlight.delete(reply.chunk);
      const start = chunks[reply.chunk];
      reply.results.forEach((r, k) => (results[start + k] = r));
      if (!gave) delivered++;
      gave = true;
      progress(reply.results.length);
      send();
    });
    const fail = (why: string): void => {
      retry.push(...inFlight);
      inFlight.clear();
      log?.(`parallel read: a worker failed (${why}); its files are read on the main thread`);
      finish();
    };
    worker.on('error', (err) => fail(err instanceof Error ? err.message : String(err)));
    worker.on('exit', (code) => fail(`exited with ${code}`));
    worker.once('online', () => {
      send();
      send();
    });
  });

  const running = Array.from({ length: workers }, runWorker);
  // This thread takes chunks too; its file reads are awaited, so worker replies are handled in between.
  for (let chunk = take(); chunk !== undefined; chunk = take()) {
    const start = chunks[chunk];
    const end = Math.min(names.length, start + chunkSize);
    for (let i = start; i < end; i++) results[i] = await readAndExtract(dir, names[i]);
    progress(end - start);
  }
  await Promise.all(running);
  // A worker that failed after this thread ran out of chunks gave its chunk back: do it now.
  for (let chunk = take(); chunk !== undefined; chunk = take()) {
    const start = chunks[chunk];
    for (let i = start; i < Math.min(names.length, start + chunkSize); i++) results[i] = await readAndExtract(dir, names[i]);
  }
  return delivered;
}
