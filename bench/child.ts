// One measurement in a fresh process (clean heap, honest start-up time). Run by bench/run.ts as
//   node --expose-gc --import tsx bench/child.ts '<json job>'   (with an IPC channel for the engine job)
// and prints one JSON line with the results on stdout.
import MiniSearch from 'minisearch';
import { parseArticle, readCorpus } from '../src/corpus/read.js';
import { openWithSnapshot } from '../src/snapshot/open.js';
import { parseThread } from '../src/worker/offthread.js';
import { generateArticles } from './corpus.js';
import { latency, queryMix, round, SEARCH_KINDS, timeQueries, type BenchQuery, type Latency } from './queries.js';

export type ChildJob =
  | { mode: 'engine'; corpus: string; snapshot: string; fingerprint: string; spawnedAt: number; rounds: number; bot: { env: Record<string, string> } }
  | { mode: 'minisearch-default' | 'linear-scan'; corpus: string; rounds: number }
  /** `npm start`'s path with a token (runBot): spawn → bot logged in with the engine loaded. */
  | { mode: 'bot-start'; env: Record<string, string>; spawnedAt: number };

export interface BotStartResult {
  /** Spawn → logged in to Discord (the index loads meanwhile; what users send is answered once it is ready). */
  bot_logged_in_ms: number;
  /** Spawn → logged in and the index loaded: every command answered. */
  bot_ready_ms: number;
}

export interface EngineChildResult {
  source: string;
  ready_ms: number;
  snapshot_load_ms: number;
  /** With the engine loaded and the bot logged in, after it answered the parent's commands. */
  rss_mb: number;
  heap_mb: number;
  /** With only the engine loaded, before the bot starts. */
  rss_engine_mb: number;
  heap_engine_mb: number;
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

/**
 * The bench's steps that need the parent (which runs the fake Discord): tell it where we are and wait for its
 * { done: step }. After 'bot-ready' the parent sends its commands and times the answers; after 'bot-stopped' it
 * stops the fake, so nothing of the bot's connections is left to disturb the timings that follow.
 */
function step(name: 'bot-ready' | 'bot-stopped'): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('the engine job needs an IPC channel to its parent: run it through bench/run.ts');
  return new Promise((resolve) => {
    process.once('message', () => resolve());
    send({ step: name });
  });
}

/**
 * Heap after GC and resident memory once they settled: a second GC after a short pause, because V8 hands freed pages
 * back to the OS on background threads (measured at once after loading the snapshot, RSS was ~40 MB higher at
 * 10,000 articles and fell to a steady figure within 250 ms).
 */
async function settledMemory(): Promise<{ heap: number; rss: number }> {
  gc();
  await new Promise((r) => setTimeout(r, 250));
  gc();
  const m = process.memoryUsage();
  return { heap: round(m.heapUsed / MB, 1), rss: round(m.rss / MB, 1) };
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
  const engineOnly = await settledMemory();

  // The real bot (discord.js Client, every command) on this engine, logged in to the parent's fake Discord. Its
  // memory is measured after it has answered the parent's commands (page caches, compiled code: a bot at work).
  // Loaded only now: ready_ms is the engine's (a process that loads discord.js first is measured by bot-start).
  const [{ startBot }, { loadConfig }] = await Promise.all([import('../src/bot/start.js'), import('../src/config.js')]);
  const log = (l: string): void => void process.stderr.write(`[child] bot: ${l}\n`);
  const bot = await startBot({ config: loadConfig(job.bot.env), engine, log });
  await step('bot-ready');
  const withBot = await settledMemory();
  // Stopped before the query and live-change timings so that they run as before this bench had a bot: an idle
  // process with only the engine's work on its event loop (the discord.js code stays loaded; its garbage is collected).
  await bot.stop();
  await step('bot-stopped');
  gc();

  const queries = queryMix();
  const samples = timeQueries(queries, job.rounds, (q: BenchQuery) => {
    if (q.kind === 'who-said') engine.whoSaid(q.text, q.opts);
    else if (q.kind === 'speaker') {
      engine.speakers(q.text);
      engine.quotes(q.text);
    } else engine.search(q.text, q.opts);
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
    // As the bot adds one: read and extracted on the parse thread (the first also starts it and loads the tagger
    // there), then the index updated on this thread, which is what is timed.
    const extracted = await parseThread().run('quotes', { paragraphs: article.paragraphs, title: article.title }, 60_000);
    let t = performance.now();
    engine.addArticle(article, extracted);
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
    rss_mb: withBot.rss,
    heap_mb: withBot.heap,
    rss_engine_mb: engineOnly.rss,
    heap_engine_mb: engineOnly.heap,
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

/** Default MiniSearch (its own tokenizer and options) over the same passages: the reference to beat. */
async function miniSearchJob(job: Extract<ChildJob, { mode: 'minisearch-default' | 'linear-scan' }>): Promise<BaselineChildResult> {
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
async function linearScanJob(job: Extract<ChildJob, { mode: 'minisearch-default' | 'linear-scan' }>): Promise<BaselineChildResult> {
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

/** The bot started as `npm start` starts it (runBot: settings, corpus from the snapshot, discord.js, login). */
async function botStartJob(job: Extract<ChildJob, { mode: 'bot-start' }>): Promise<BotStartResult> {
  const { runBot } = await import('../src/bot/run.js');
  let loggedInMs = -1;
  const bot = await runBot({
    env: job.env, handleSignals: false, log: (l) => process.stderr.write(`[child] ${l}\n`),
    onLoggedIn: () => { loggedInMs = Date.now() - job.spawnedAt; },
  });
  const readyMs = Date.now() - job.spawnedAt;
  await bot.stop();
  return { bot_logged_in_ms: loggedInMs, bot_ready_ms: readyMs };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob;
  const result = job.mode === 'engine' ? await engineJob(job)
    : job.mode === 'bot-start' ? await botStartJob(job)
      : job.mode === 'minisearch-default' ? await miniSearchJob(job)
        : await linearScanJob(job);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // The IPC channel (engine job) would keep this process alive.
  if (process.connected) process.disconnect();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
