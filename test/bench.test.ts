// The benchmark stays runnable: at a small size it prints one JSON object with every key docs/performance.md and
// the figures rely on, with sane values. No timing thresholds: timings are measured, never asserted.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/corpus.js';
import { parseArticle } from '../src/corpus/read.js';
import { extractQuotes } from '../src/quotes/extract.js';
import { NO_DATABASE, TEST_DATABASE_URL } from './db-helpers.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

const TOP_KEYS = [
  'articles', 'paragraphs', 'quotes', 'build_ms', 'snapshot_mb', 'snapshot_load_ms', 'ready_ms', 'rss_mb', 'heap_mb',
  'who_said_p50_ms', 'who_said_p99_ms', 'search_p50_ms', 'search_p99_ms', 'add_ms', 'remove_ms',
  'rss_engine_mb', 'heap_engine_mb', 'bot_answer_p50_ms', 'bot_answer_p99_ms', 'bot_ready_ms', 'extract_ms_per_article',
] as const;
const BASELINE_KEYS = ['build_ms', 'heap_mb', 'search_p50_ms', 'search_p99_ms'] as const;

describe('npm run bench -- --articles 50 --json', () => {
  it('prints only one JSON object with every key, sane values and both baselines', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--articles', '50', '--json', '--rounds', '2'], {
      cwd: root, maxBuffer: 10 * 1024 * 1024, timeout: 120_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]) as Record<string, unknown> & { baseline: Record<string, Record<string, unknown>> };
    for (const key of TOP_KEYS) {
      expect(typeof result[key], key).toBe('number');
      expect(Number.isFinite(result[key] as number) && (result[key] as number) >= 0, key).toBe(true);
    }
    expect(result.articles).toBe(50);
    expect(result.extract_ms_per_article as number).toBeGreaterThan(0);
    expect(result.paragraphs as number).toBeGreaterThan(50 * 3);
    expect(result.quotes as number).toBeGreaterThan(50);
    expect(result.snapshot_mb as number).toBeGreaterThan(0);
    expect(result.rss_mb as number).toBeGreaterThan(result.heap_mb as number);
    expect(result.who_said_p99_ms as number).toBeGreaterThanOrEqual(result.who_said_p50_ms as number);
    expect(result.search_p99_ms as number).toBeGreaterThanOrEqual(result.search_p50_ms as number);
    // rss_mb / heap_mb are with the real bot logged in and after it answered commands: the bot's client and the
    // engine are both in that process, so it holds more than the engine alone.
    expect(result.rss_engine_mb as number).toBeGreaterThan(result.heap_engine_mb as number);
    expect(result.heap_mb as number).toBeGreaterThan(result.heap_engine_mb as number);
    // Answers went over loopback HTTP + WebSocket and through discord.js: never free.
    expect(result.bot_answer_p50_ms as number).toBeGreaterThan(0);
    expect(result.bot_answer_p99_ms as number).toBeGreaterThanOrEqual(result.bot_answer_p50_ms as number);
    for (const name of ['minisearch_default', 'linear_scan']) {
      for (const key of BASELINE_KEYS) expect(typeof result.baseline[name]?.[key], `${name}.${key}`).toBe('number');
    }
  }, 150_000);

  it('rejects an unknown option with a message and a non-zero exit', async () => {
    const err = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--articels', '5'], { cwd: root }).catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(1);
    expect((err as { stderr?: string }).stderr).toMatch(/unknown option --articels/);
  });
});

describe('the synthetic corpus', () => {
  it('is deterministic and looks like news the extractor can attribute', () => {
    const a = [...generateArticles({ articles: 20, seed: 1 })];
    const b = [...generateArticles({ articles: 20, seed: 1 })];
    expect(a).toEqual(b);
    expect([...generateArticles({ articles: 20, seed: 2 })]).not.toEqual(a);
    const articles = a.map((x) => parseArticle(x.id, x.text, 'md'));
    const quotes = articles.flatMap((x) => extractQuotes(x.paragraphs, { title: x.title }));
    expect(quotes.length).toBeGreaterThan(20);
    // Most quotes have a speaker, and titled people appear under their names.
    expect(quotes.filter((q) => q.speaker).length / quotes.length).toBeGreaterThan(0.8);
    expect(a.some((x) => /[“”]/.test(x.text) && /\b\w+-\w+\b/.test(x.text))).toBe(true);
  });
});

describe.skipIf(NO_DATABASE)('npm run db:bench -- --articles 30 --adds 3', () => {
  it('measures a second process on the database: its cold and snapshot starts, and adds it finds', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/db-bench.ts', '--articles', '30', '--adds', '3'], {
      cwd: root, maxBuffer: 10 * 1024 * 1024, timeout: 120_000, env: { ...process.env, TEST_DATABASE_URL },
    });
    expect(stdout).toMatch(/^db:import 30 articles: .* \(30 added\)$/m);
    expect(stdout).toMatch(/^host B, cold start from the database .*\(rebuild\), rss \d+ MB$/m);
    expect(stdout).toMatch(/^host B, start from its snapshot: .*\(snapshot\), rss \d+ MB$/m);
    expect(stdout).toMatch(/found by a search on host B .*p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms \(n=2\); the first add \d+ ms$/m);
    expect(stdout).toMatch(/^resident memory: host A .* \d+ MB, host B .* [1-9]\d* MB$/m);
  }, 150_000);
});
