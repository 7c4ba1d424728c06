// `npm run db:bench -- [--articles N] [--adds N]`: figures for the PostgreSQL store, measured, never asserted.
// Needs TEST_DATABASE_URL (a server where it may create and drop a scratch database; `scripts/pg-test.sh start`).
// Prints: db:import rate (first load, then the idempotent re-run); a second process (host B) started cold from the
// database and then from its snapshot; time from a moderator's add stored by this process (host A) to a search on
// host B finding it (p50/p99); resident memory of each process; db:export rate.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeCorpus } from '../bench/corpus.js';
import { applyArticleChange } from '../src/db/changes.js';
import { openDb } from '../src/db/connect.js';
import { exportCorpus } from '../src/db/export.js';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';

const { values } = parseArgs({ options: { articles: { type: 'string' }, adds: { type: 'string' } } });
const N = Number(values.articles ?? 10_000);
const ADDS = Math.max(2, Number(values.adds ?? 101));
const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.error('TEST_DATABASE_URL is not set: run `eval "$(scripts/pg-test.sh start)"` first.');
  process.exit(1);
}
const name = `talks_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
const tmp = await mkdtemp(path.join(os.tmpdir(), 'talks-db-bench-'));
const db = openDb(url);
const mb = (): string => `${Math.round(process.memoryUsage().rss / 1e6)} MB`;

interface HostReady { ready_ms: number; source: string; articles: number; rss_mb: number }
interface Host {
  ready: HostReady;
  /** Resolves with the time (host clock, ms) host B's search first found the article. */
  found(id: string): Promise<number>;
  rss(): number;
  stop(): Promise<void>;
}

/** Spawns host B (scripts/db-bench-host.ts) and waits until its engine is loaded and following. */
async function startHost(dbUrl: string, snapshotFile: string): Promise<Host> {
  const script = fileURLToPath(new URL('./db-bench-host.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, dbUrl, snapshotFile], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_SPAWNED_AT: String(performance.timeOrigin + performance.now()) },
  });
  const waiting = new Map<string, (at: number) => void>();
  const seen = new Map<string, number>();
  let onReady: (r: HostReady) => void = () => undefined;
  const ready = new Promise<HostReady>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) => reject(new Error(`host B exited (${code}) before it was ready`)));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const msg = JSON.parse(line) as HostReady | { found: string; at: number };
    if ('found' in msg) {
      seen.set(msg.found, msg.at);
      waiting.get(msg.found)?.(msg.at);
    } else onReady(msg);
  });
  return {
    ready: await ready,
    found: (id) => new Promise((resolve) => {
      const at = seen.get(id);
      if (at !== undefined) resolve(at);
      else waiting.set(id, resolve);
    }),
    rss: () => {
      try {
        // VmRSS of the child, from /proc (Linux): its own figure, not this process's.
        return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1000);
      } catch {
        return 0;
      }
    },
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

const pct = (xs: number[], p: number): number => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
try {
  await writeCorpus(path.join(tmp, 'corpus'), { articles: N });
  await migrate(db);
  let t = performance.now();
  const first = await importCorpus(db, path.join(tmp, 'corpus'));
  let s = (performance.now() - t) / 1000;
  console.log(`db:import ${N} articles: ${s.toFixed(1)} s, ${Math.round(N / s)} articles/s (${first.added} added)`);
  t = performance.now();
  await importCorpus(db, path.join(tmp, 'corpus'));
  s = (performance.now() - t) / 1000;
  console.log(`db:import again (nothing changed): ${s.toFixed(1)} s, ${Math.round(N / s)} articles/s`);
  // The other host: a process of its own (its own heap, its own connection), started cold, then again from the
  // snapshot it wrote.
  const snapshotFile = path.join(tmp, 'host-b.snapshot');
  let host = await startHost(url, snapshotFile);
  console.log(`host B, cold start from the database (read + index ${N} articles, snapshot written): ${(host.ready.ready_ms / 1000).toFixed(1)} s (${host.ready.source}), rss ${host.ready.rss_mb} MB`);
  await host.stop();
  host = await startHost(url, snapshotFile);
  console.log(`host B, start from its snapshot: ${(host.ready.ready_ms / 1000).toFixed(1)} s (${host.ready.source}), rss ${host.ready.rss_mb} MB`);
  // Host A is this process: it stores each add as a moderator's /add-article does (one transaction, audited).
  const lat: number[] = [];
  for (let i = 0; i < ADDS; i++) {
    const id = `bench_${i}`;
    const found = host.found(id);
    const started = performance.timeOrigin + performance.now();
    const text = `---\ntitle: "Bench add ${i}"\n---\n\n"Benchmark words benchmark${i}," said Bench Person.\n`;
    await applyArticleChange(db, { op: 'add', id, text }, { moderator: { id: '1', name: 'bench' } });
    lat.push((await found) - started);
  }
  // The first change also starts host B's parse thread (and loads the tagger there): shown apart.
  const [firstAdd, ...rest] = lat;
  console.log(`moderator add on host A → found by a search on host B (store, notify, catch-up, read on the parse thread, index, search): p50 ${pct(rest, 0.5).toFixed(1)} ms, p99 ${pct(rest, 0.99).toFixed(1)} ms, max ${Math.max(...rest).toFixed(1)} ms (n=${rest.length}); the first add ${firstAdd.toFixed(0)} ms`);
  console.log(`resident memory: host A (this process: import, export, writes) ${mb()}, host B (engine + follower) ${host.rss()} MB`);
  await host.stop();
  t = performance.now();
  const ex = await exportCorpus(db, path.join(tmp, 'export'));
  s = (performance.now() - t) / 1000;
  console.log(`db:export ${ex.written} articles: ${s.toFixed(1)} s, ${Math.round(ex.written / s)} articles/s; rss ${mb()}`);
} finally {
  await db.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await rm(tmp, { recursive: true, force: true });
}
