// `npm run db:bench -- [--articles N] [--adds N]`: figures for the PostgreSQL store, measured, never asserted.
// Needs TEST_DATABASE_URL (a server where it may create and drop a scratch database; `scripts/pg-test.sh start`).
// Prints: db:import rate (first load, then the idempotent re-run), cold start of an engine from the database,
// time from a moderator's change stored by one connection to it being served by a following engine (p50/p99),
// db:export rate, resident memory.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeCorpus } from '../bench/corpus.js';
import { applyArticleChange } from '../src/db/changes.js';
import { openDb } from '../src/db/connect.js';
import { exportCorpus } from '../src/db/export.js';
import { followChanges } from '../src/db/follow.js';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import { openDbEngine } from '../src/db/open.js';

const { values } = parseArgs({ options: { articles: { type: 'string' }, adds: { type: 'string' } } });
const N = Number(values.articles ?? 10_000);
const ADDS = Number(values.adds ?? 50);
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
  t = performance.now();
  const { engine, seq } = await openDbEngine(db);
  console.log(`cold start from the database (read + index ${N} articles): ${((performance.now() - t) / 1000).toFixed(1)} s, rss ${mb()}`);
  const follower = followChanges({ url, engine, fromSeq: seq });
  await new Promise((r) => setTimeout(r, 500));
  const lat: number[] = [];
  for (let i = 0; i < ADDS; i++) {
    const started = performance.now();
    const text = `---\ntitle: "Bench add ${i}"\n---\n\n"Benchmark words number ${i}," said Bench Person.\n`;
    const stored = await applyArticleChange(db, { op: 'add', id: `bench_${i}`, text }, { moderator: { id: '1', name: 'bench' } });
    await follower.waitFor(stored.seq);
    lat.push(performance.now() - started);
  }
  console.log(`moderator add → served by the follower (${ADDS} adds, store + notify + catch-up + index): p50 ${pct(lat, 0.5).toFixed(1)} ms, p99 ${pct(lat, 0.99).toFixed(1)} ms`);
  await follower.stop();
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
