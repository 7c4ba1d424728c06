// The scale benchmark:  npm run bench -- --articles 10000 [--json] [--rounds N] [--seed N] [--keep]
//
// 1. writes a synthetic news corpus of N articles to a temp folder (bench/corpus.ts),
// 2. builds the engine from the files as a start without a snapshot would (build_ms), writes the snapshot,
// 3. starts a fresh process that opens the engine from the snapshot (ready_ms counts from spawning it), measures
//    memory with only the engine, then starts the real bot (discord.js) on it against a fake Discord run by this
//    process (test/fake-discord), times slash-command answers end to end, measures memory with the bot running
//    (rss_mb), stops the bot, and measures query latency over a fixed mix and live add/remove,
// 4. measures default-configured MiniSearch and a linear scan over the same passages in their own processes.
// 5. with TEST_DATABASE_URL set, the PostgreSQL store's figures (scripts/db-bench.ts) at the same size.
// With --json only one JSON object is printed on stdout (no database figures); progress goes to stderr.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { termFingerprint } from '../src/snapshot/fingerprint.js';
import { rebuild, save } from '../src/snapshot/open.js';
import { measureAnswers, startBenchDiscord, type AnswerLatency, type BenchDiscord } from './bot.js';
import type { BaselineChildResult, BotStartResult, ChildJob, EngineChildResult } from './child.js';
import { writeCorpus } from './corpus.js';
import { measureExtraction } from './extraction.js';
import { round } from './queries.js';

interface Args {
  articles: number;
  json: boolean;
  rounds: number;
  seed: number;
  keep: boolean;
  baselines: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { articles: 10_000, json: false, rounds: 20, seed: 42, keep: false, baselines: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a whole number ≥ 1`);
      return n;
    };
    if (a === '--articles') args.articles = num();
    else if (a === '--rounds') args.rounds = num();
    else if (a === '--seed') args.seed = num();
    else if (a === '--json') args.json = true;
    else if (a === '--keep') args.keep = true;
    else if (a === '--no-baselines') args.baselines = false;
    else throw new Error(`unknown option ${a} (use --articles N, --json, --rounds N, --seed N, --keep, --no-baselines)`);
  }
  return args;
}

const MB = 1024 * 1024;
/** Slash commands of each kind (/who-said, /search) the bot answers through the fake Discord. */
const BOT_COMMANDS = 50;
const here = path.dirname(fileURLToPath(import.meta.url));

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return round(process.memoryUsage().heapUsed / MB, 1);
}

/** What the parent does when the child reports a step (child.ts `step`); the child waits until it returns. */
type StepHandler = (step: string) => Promise<void>;

/** Runs bench/child.ts in a fresh Node process and returns the JSON it prints. */
function runChild<T>(job: ChildJob, log: (line: string) => void, onStep?: StepHandler): Promise<T> {
  return new Promise((resolve, reject) => {
    // Compiled (npm run bench runs dist/), the child is plain JavaScript like `npm start`; from TypeScript, via tsx.
    const ext = path.extname(fileURLToPath(import.meta.url));
    const loader = ext === '.ts' ? ['--import', 'tsx'] : [];
    const child = spawn(process.execPath, ['--expose-gc', ...loader, path.join(here, `child${ext}`), JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let failed: Error | undefined;
    child.on('message', (msg: { step?: string }) => {
      if (!onStep || typeof msg.step !== 'string') return;
      onStep(msg.step).then(
        () => child.send({ done: msg.step }),
        (err: Error) => {
          failed = err;
          child.kill();
        },
      );
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim()) log(`  ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed) return reject(failed);
      if (code !== 0) return reject(new Error(`${job.mode} child exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as T);
      } catch {
        reject(new Error(`${job.mode} child printed no result`));
      }
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'talks-bench-'));
  const corpus = path.join(tmp, 'corpus');
  const snapshot = path.join(tmp, 'index.snapshot');
  // Fixed for the whole run: source files edited meanwhile must not turn the measured load into a rebuild.
  const fingerprint = termFingerprint();
  let discord: BenchDiscord | undefined;
  try {
    let t = performance.now();
    await writeCorpus(corpus, { articles: args.articles, seed: args.seed });
    log(`corpus: ${args.articles} articles written to ${corpus} in ${Math.round(performance.now() - t)} ms`);

    const heap0 = heapMb();
    t = performance.now();
    let engine: Awaited<ReturnType<typeof rebuild>> | null = await rebuild(corpus, (l) => log(`build: ${l}`));
    const buildMs = performance.now() - t;
    const buildHeap = heapMb() - heap0;
    const sources = engine.sources();
    log(`build: ${sources.articles} articles, ${sources.paragraphs} paragraphs, ${sources.quotes} quotes in ${Math.round(buildMs)} ms`);
    t = performance.now();
    const wrote = await save(engine, snapshot, (l) => log(l), fingerprint);
    const writeMs = performance.now() - t;
    if ('error' in wrote) throw new Error(`snapshot write failed: ${wrote.error}`);
    engine = null;
    log('extraction: ms per article…');
    const extraction = await measureExtraction(corpus);
    const snapshotMb = (await stat(snapshot)).size / MB;

    discord = await startBenchDiscord(corpus);
    const fake = discord;
    let answers: AnswerLatency | undefined;
    const onStep: StepHandler = async (step) => {
      if (step === 'bot-ready') {
        log(`bot: ready; asking every topic once, then ${BOT_COMMANDS} × /who-said and /search, through the fake Discord…`);
        answers = await measureAnswers(fake.fake, BOT_COMMANDS);
        log(`bot: slowest answer ${Math.round(answers.slowest.ms)} ms (${answers.slowest.ask}); slowest first answer to a topic ${Math.round(answers.slowestFirst.ms)} ms (${answers.slowestFirst.ask})`);
      } else if (step === 'bot-stopped') await fake.stop();
    };
    // As `npm start` with a token: a fresh process from the snapshot to the bot logged in (with discord.js's load).
    log('bot: starting a fresh process as npm start does…');
    const botStart = await runChild<BotStartResult>(
      { mode: 'bot-start', env: { ...discord.env, SNAPSHOT_DIR: path.dirname(snapshot) }, spawnedAt: Date.now() }, log,
    );
    log('engine: starting a fresh process from the snapshot…');
    const eng = await runChild<EngineChildResult>(
      { mode: 'engine', corpus, snapshot, fingerprint, spawnedAt: Date.now(), rounds: args.rounds, bot: { env: discord.env } }, log, onStep,
    );
    if (!answers) throw new Error('the engine child finished without starting the bot');
    const bot = answers;
    if (eng.source !== 'snapshot') throw new Error(`the engine child did not use the snapshot (${eng.source})`);

    const baseline: Record<string, BaselineChildResult> = {};
    if (args.baselines) {
      log('baseline: default MiniSearch…');
      baseline.minisearch_default = await runChild<BaselineChildResult>({ mode: 'minisearch-default', corpus, rounds: args.rounds }, log);
      log('baseline: linear scan…');
      baseline.linear_scan = await runChild<BaselineChildResult>({ mode: 'linear-scan', corpus, rounds: Math.max(2, Math.ceil(args.rounds / 5)) }, log);
    }

    const result = {
      articles: sources.articles,
      paragraphs: sources.paragraphs,
      quotes: sources.quotes,
      speakers: sources.speakers,
      build_ms: round(buildMs, 0),
      build_heap_mb: round(buildHeap, 1),
      ...extraction,
      snapshot_write_ms: round(writeMs, 0),
      snapshot_mb: round(snapshotMb, 1),
      snapshot_load_ms: eng.snapshot_load_ms,
      ready_ms: eng.ready_ms,
      rss_mb: eng.rss_mb,
      heap_mb: eng.heap_mb,
      bot_ready_ms: botStart.bot_ready_ms,
      bot_logged_in_ms: botStart.bot_logged_in_ms,
      rss_engine_mb: eng.rss_engine_mb,
      heap_engine_mb: eng.heap_engine_mb,
      bot_answer_p50_ms: round(bot.all.p50_ms, 1),
      bot_answer_p99_ms: round(bot.all.p99_ms, 1),
      who_said_p50_ms: eng.who_said.p50_ms,
      who_said_p99_ms: eng.who_said.p99_ms,
      search_p50_ms: eng.search.p50_ms,
      search_p99_ms: eng.search.p99_ms,
      add_ms: eng.add_ms,
      remove_ms: eng.remove_ms,
      add_max_ms: eng.add_max_ms,
      remove_max_ms: eng.remove_max_ms,
      live_max_block_ms: eng.live_max_block_ms,
      by_kind: eng.by_kind,
      baseline,
      node: process.version,
      cpus: os.cpus().length,
    };
    if (args.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const ms = baseline.minisearch_default;
    const ls = baseline.linear_scan;
    const ratio = (a: number | undefined, b: number): string => (a === undefined || b === 0 ? '–' : `${round(a / b, 1)}×`);
    const lines = [
      `talks-bot benchmark: ${result.articles} articles, ${result.paragraphs} paragraphs, ${result.quotes} quotes (${result.cpus} CPUs, Node ${result.node})`,
      `  full build (read + clean + extract + index): ${result.build_ms} ms, heap ${result.build_heap_mb} MB`,
      `  quote extraction per article (CPU): ${result.extract_ms_per_article ?? '–'} ms generated, ${result.extract_news_ms_per_article ?? '– (no ../shared)'} ms real news (PolNeAR dev)`,
      `  snapshot: ${result.snapshot_mb} MB, written in ${result.snapshot_write_ms} ms, loaded in ${result.snapshot_load_ms} ms`,
      `  ready after start (new process, from snapshot): ${result.ready_ms} ms; the bot as npm start runs it: logged in ${result.bot_logged_in_ms} ms, index loaded ${result.bot_ready_ms} ms`,
      `  memory with the engine loaded: rss ${result.rss_engine_mb} MB, heap ${result.heap_engine_mb} MB`,
      `  memory with the bot running (engine + discord.js client, after answering): rss ${result.rss_mb} MB, heap ${result.heap_mb} MB`,
      `  bot answer (INTERACTION_CREATE sent → answer at Discord) p50/p99: ${result.bot_answer_p50_ms} / ${result.bot_answer_p99_ms} ms (n=${bot.all.n}; first answer to each topic not counted, slowest of those ${round(bot.slowestFirst.ms, 0)} ms: ${bot.slowestFirst.ask})`,
      ...Object.entries(bot.byCommand).map(([k, v]) => `    /${k.padEnd(9)} p50 ${round(v.p50_ms, 1)} ms, p99 ${round(v.p99_ms, 1)} ms, max ${round(v.max_ms, 1)} ms (n=${v.n})`),
      `  who-said p50/p99: ${result.who_said_p50_ms} / ${result.who_said_p99_ms} ms`,
      `  search   p50/p99: ${result.search_p50_ms} / ${result.search_p99_ms} ms`,
      ...Object.entries(result.by_kind).map(([k, v]) => `    ${k.padEnd(10)} p50 ${v.p50_ms} ms, p99 ${v.p99_ms} ms, max ${v.max_ms} ms (n=${v.n})`),
      `  live add / remove one article: ${result.add_ms} / ${result.remove_ms} ms (max ${result.add_max_ms} / ${result.remove_max_ms}); longest stall ${result.live_max_block_ms} ms`,
    ];
    if (ms) {
      lines.push(
        `  default MiniSearch: index ${ms.build_ms} ms, heap ${ms.heap_mb} MB, search p50/p99 ${ms.search_p50_ms} / ${ms.search_p99_ms} ms`,
        `    ratios (MiniSearch ÷ talks-bot): search p99 ${ratio(ms.search_p99_ms, result.search_p99_ms)}, p50 ${ratio(ms.search_p50_ms, result.search_p50_ms)}`,
        // The same machine in the same run: this ratio, unlike the build's milliseconds, compares across days.
        `    talks-bot full build ÷ MiniSearch index of the passages alone: ${ratio(result.build_ms, ms.build_ms)}`,
        ...Object.entries(ms.by_kind).map(([k, v]) => `    ${k.padEnd(10)} p50 ${v.p50_ms} ms, p99 ${v.p99_ms} ms`),
      );
    }
    if (ls) {
      lines.push(
        `  linear scan: prepare ${ls.build_ms} ms, heap ${ls.heap_mb} MB, search p50/p99 ${ls.search_p50_ms} / ${ls.search_p99_ms} ms (no stemming, no typo tolerance)`,
        `    ratios (scan ÷ talks-bot): search p99 ${ratio(ls.search_p99_ms, result.search_p99_ms)}, p50 ${ratio(ls.search_p50_ms, result.search_p50_ms)}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    await databaseFigures(args.articles);
  } finally {
    await discord?.stop();
    if (args.keep) log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The PostgreSQL store's figures (scripts/db-bench.ts: import rate, a second host's cold and snapshot start, add on
 * one process → found on the other, memory per process), when a server to try them on is given.
 */
async function databaseFigures(articles: number): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    process.stdout.write('  PostgreSQL store: not measured (set TEST_DATABASE_URL, e.g. eval "$(scripts/pg-test.sh start)", or run npm run db:bench)\n');
    return;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  // bench/run.ts through tsx, or dist/bench/run.js: the script is in the checkout's scripts/ either way.
  const script = [path.join(here, '../scripts/db-bench.ts'), path.join(here, '../../scripts/db-bench.ts')].find((f) => existsSync(f));
  if (!script) throw new Error('scripts/db-bench.ts not found');
  process.stderr.write('database: the PostgreSQL store with two processes…\n');
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--articles', String(articles)], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (d: Buffer) => { out += d; });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`db-bench exited with code ${code}`);
  process.stdout.write(`  PostgreSQL store (${articles} articles, scripts/db-bench.ts):\n${out.trim().split('\n').map((l) => `    ${l}`).join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
