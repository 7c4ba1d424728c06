// Per-query latency on the bench's synthetic corpus, in memory (no files, no snapshot, no bot): for finding where
// who-said and search spend their time (wall and CPU time per query).  npx tsx bench/profile.ts [--articles N] [--rounds N] [--json]
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { parseArticle } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openWithSnapshot } from '../src/snapshot/open.js';
import { generateArticles, writeCorpus } from './corpus.js';
import { percentile, queryMix, round, type BenchQuery } from './queries.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const articles = arg('--articles', 10_000);
const rounds = arg('--rounds', 20);

const t0 = performance.now();
// --cache DIR: the corpus written there once and the engine restored from a snapshot kept there (a build at 10k
// takes a minute on a loaded machine). Its fingerprint is fixed: delete DIR after changing the index's shape.
const cacheDir = argv.includes('--cache') ? argv[argv.indexOf('--cache') + 1] : null;
let engine: Engine;
if (cacheDir) {
  const corpus = path.join(cacheDir, `corpus-${articles}`);
  if (!existsSync(corpus)) await writeCorpus(corpus, { articles, seed: 42 });
  ({ engine } = await openWithSnapshot(corpus, { snapshotFile: path.join(cacheDir, `index-${articles}.snapshot`), fingerprint: 'profile' }));
} else {
  engine = Engine.fromArticles([...generateArticles({ articles, seed: 42 })].map((a) => parseArticle(a.file, a.text, 'md')));
}
process.stderr.write(`built ${articles} articles in ${Math.round(performance.now() - t0)} ms\n`);

const run = (q: BenchQuery): void => {
  if (q.kind === 'who-said') engine.whoSaid(q.text, q.opts);
  else if (q.kind === 'speaker') {
    engine.speakers(q.text);
    engine.quotes(q.text);
  } else engine.search(q.text, q.opts);
};
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : null;
const queries = queryMix().filter((q) => !only || q.kind === only || q.text === only);
for (const q of queries) run(q);
// --cpu-prof FILE: a CPU profile of the timed queries alone (not the build), for Chrome DevTools.
const profileTo = argv.includes('--cpu-prof') ? argv[argv.indexOf('--cpu-prof') + 1] : null;
const session = profileTo ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const samples = new Map<BenchQuery, number[]>(queries.map((q) => [q, []]));
// CPU time too: on a machine others load, wall time also counts the time this process waited for a core.
const cpu = new Map<BenchQuery, number[]>(queries.map((q) => [q, []]));
for (let r = 0; r < rounds; r++) {
  for (const q of queries) {
    const start = performance.now();
    const used = process.cpuUsage();
    run(q);
    const spent = process.cpuUsage(used);
    samples.get(q)!.push(performance.now() - start);
    cpu.get(q)!.push((spent.user + spent.system) / 1000);
  }
}
if (session && profileTo) {
  const { profile } = await session.post('Profiler.stop');
  await writeFile(profileTo, JSON.stringify(profile));
}
const rows = queries.map((q) => {
  const s = samples.get(q)!;
  const c = cpu.get(q)!;
  return {
    kind: q.kind, text: q.text + (q.opts ? ` ${JSON.stringify(q.opts)}` : ''), p50: round(percentile(s, 50), 3), max: round(Math.max(...s), 3),
    cpu_p50: round(percentile(c, 50), 3), cpu_max: round(Math.max(...c), 3),
  };
});
if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows)}\n`);
else {
  for (const r of rows) {
    process.stdout.write(`${r.kind.padEnd(10)} p50 ${String(r.p50).padStart(8)}  max ${String(r.max).padStart(8)}  cpu p50 ${String(r.cpu_p50).padStart(8)}  max ${String(r.cpu_max).padStart(8)}  ${r.text}\n`);
  }
}
