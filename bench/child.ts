// One measurement in a fresh process (clean heap, honest start-up time). Run by bench/run.ts as
//   node --expose-gc --import tsx bench/child.ts '<json job>'
// and prints one JSON line with the results on stdout.
import MiniSearch from 'minisearch';
import { parseArticle, readCorpus } from '../src/corpus/read.js';
import { openWithSnapshot } from '../src/snapshot/open.js';
import { generateArticles } from './corpus.js';
import { latency, queryMix, round, SEARCH_KINDS, timeQueries, type BenchQuery, type Latency } from './queries.js';

export type ChildJob =
  | { mode: 'engine'; corpus: string; snapshot: string; fingerprint: string; spawnedAt: number; rounds: number }
  | { mode: 'minisearch-default' | 'linear-scan'; corpus: string; rounds: number };

export interface EngineChildResult {
  source: string;
  ready_ms: number;
  snapshot_load_ms: number;
  rss_mb: number;
  heap_mb: number;
  who_said: Latency;
  search: Latency;
  by_kind: Record<string, Latency>;
  add_ms: number;
  remove_ms: number;
  add_max_ms: number;
  remove_max_ms: number;
  /** Longest event-loop stall seen while 100 articles were added and removed one by one. */
  live_max_block_ms: number;
}

export interface BaselineChildResult {
  build_ms: number;
  heap_mb: number;
  search_p50_ms: number;
  search_p99_ms: number;
  by_kind: Record<string, Latency>;
}

const MB = 1024 * 1024;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMb(): number {
  gc();
  return round(process.memoryUsage().heapUsed / MB, 1);
}

function summarise(samples: Map<string, number[]>, kinds: string[]): { all: Latency; byKind: Record<string, Latency> } {
  const byKind: Record<string, Latency> = {};
  const all: number[] = [];
  for (const kind of kinds) {
    const s = samples.get(kind as never) ?? [];
    byKind[kind] = latency(s);
    all.push(...s);
  }
  return { all: latency(all), byKind };
}

async function engineJob(job: Extract<ChildJob, { mode: 'engine' }>): Promise<EngineChildResult> {
  const started = performance.now();
  const { engine, report } = await openWithSnapshot(job.corpus, { snapshotFile: job.snapshot, fingerprint: job.fingerprint, log: (l) => process.stderr.write(`[child] ${l}\n`) });
  const loadMs = performance.now() - started;
  const readyMs = Date.now() - job.spawnedAt;
  const heap = heapMb();
  const rss = round(process.memoryUsage().rss / MB, 1);
  const queries = queryMix();
  const samples = timeQueries(queries, job.rounds, (q: BenchQuery) => {
    if (q.kind === 'who-said') engine.whoSaid(q.text);
    else if (q.kind === 'speaker') {
      engine.speakers(q.text);
      engine.quotes(q.text);
    } else engine.search(q.text);
  });
  const search = summarise(samples, SEARCH_KINDS);
  const who = summarise(samples, ['who-said', 'speaker']);

  // Live changes: articles not in the corpus, added then removed one at a time, while a timer measures stalls.
  const live = [...generateArticles({ articles: 100, seed: 99 })].map((a) => parseArticle(`live-${a.id}`, a.text, 'md'));
  const adds: number[] = [];
  const removes: number[] = [];
  let maxBlock = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxBlock = Math.max(maxBlock, now - last - 1);
    last = now;
  }, 1);
  for (const article of live) {
    await new Promise((r) => setTimeout(r, 2));
    let t = performance.now();
    engine.addArticle(article);
    adds.push(performance.now() - t);
    engine.search('ceasefire');
    await new Promise((r) => setTimeout(r, 2));
    t = performance.now();
    engine.removeArticle(article.id);
    removes.push(performance.now() - t);
  }
  await new Promise((r) => setTimeout(r, 50));
  clearInterval(timer);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    source: report.source,
    ready_ms: readyMs,
    snapshot_load_ms: round(loadMs, 0),
    rss_mb: rss,
    heap_mb: heap,
    who_said: who.byKind['who-said'],
    search: search.all,
    by_kind: { ...search.byKind, ...who.byKind },
    add_ms: round(median(adds), 2),
    remove_ms: round(median(removes), 2),
    add_max_ms: round(Math.max(...adds), 2),
    remove_max_ms: round(Math.max(...removes), 2),
    live_max_block_ms: round(maxBlock, 1),
  };
}

/** Default MiniSearch (its own tokenizer and options) over the same passages: the reference in issue 5. */
async function miniSearchJob(job: ChildJob): Promise<BaselineChildResult> {
  const { articles } = await readCorpus(job.corpus);
  const docs = articles.flatMap((a) => a.paragraphs.map((text, i) => ({ id: `${a.id}#${i + 1}`, text })));
  articles.length = 0;
  const heap0 = heapMb();
  const t = performance.now();
  const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
  mini.addAll(docs);
  const buildMs = performance.now() - t;
  const heap = heapMb() - heap0;
  const samples = timeQueries(queryMix().filter((q) => SEARCH_KINDS.includes(q.kind)), job.rounds, (q) => {
    const text = q.text.replace(/"/g, '');
    if (q.kind === 'prefix') mini.search(text, { prefix: true });
    else if (q.kind === 'typo') mini.search(text, { fuzzy: 0.2 });
    else mini.search(text);
  });
  const s = summarise(samples, SEARCH_KINDS);
  return { build_ms: round(buildMs, 0), heap_mb: round(heap, 1), search_p50_ms: s.all.p50_ms, search_p99_ms: s.all.p99_ms, by_kind: s.byKind };
}

/** No index: lower-cased passages scanned for every query word (substring match covers prefixes, not typos). */
async function linearScanJob(job: ChildJob): Promise<BaselineChildResult> {
  const { articles } = await readCorpus(job.corpus);
  const raw = articles.flatMap((a) => a.paragraphs);
  articles.length = 0;
  const heap0 = heapMb();
  const t = performance.now();
  const lower = raw.map((p) => p.toLowerCase());
  const buildMs = performance.now() - t;
  const heap = heapMb() - heap0;
  const samples = timeQueries(queryMix().filter((q) => SEARCH_KINDS.includes(q.kind)), job.rounds, (q) => {
    const words = q.text.toLowerCase().replace(/"/g, '').split(/\s+/).filter(Boolean);
    const hits: Array<[number, number]> = [];
    for (let i = 0; i < lower.length; i++) {
      let score = 0;
      for (const w of words) if (lower[i].includes(w)) score++;
      if (score === words.length) hits.push([i, score]);
    }
    hits.sort((a, b) => b[1] - a[1]);
  });
  const s = summarise(samples, SEARCH_KINDS);
  return { build_ms: round(buildMs, 0), heap_mb: round(heap, 1), search_p50_ms: s.all.p50_ms, search_p99_ms: s.all.p99_ms, by_kind: s.byKind };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob;
  const result = job.mode === 'engine' ? await engineJob(job)
    : job.mode === 'minisearch-default' ? await miniSearchJob(job)
      : await linearScanJob(job);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
