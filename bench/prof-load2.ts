import { readFile } from 'node:fs/promises';
import { readSnapshot } from '../src/snapshot/file.js';
import { hashCorpus } from '../src/snapshot/open.js';
import { Engine } from '../src/engine.js';
import { MINISEARCH_OPTIONS } from '../src/search/index.js';
const n = Number(process.argv[2] ?? 10000);
const file = `/root/prof/s${n}`;
const head = (await readFile(file)).subarray(0, 300).toString().split('\n')[0];
const fp = JSON.parse(head).fingerprint;
let t = performance.now();
const h = await hashCorpus(`/root/prof/c${n}`);
console.log('hash corpus', Math.round(performance.now() - t), h.files.length);
t = performance.now();
const snap = await readSnapshot(file, fp, MINISEARCH_OPTIONS as any);
console.log('readSnapshot', Math.round(performance.now() - t));
t = performance.now();
const engine = Engine.fromSnapshot('/x', snap);
console.log('fromSnapshot', Math.round(performance.now() - t));
(globalThis as any).gc?.();
console.log('heap', Math.round(process.memoryUsage().heapUsed / 1e6), 'rss', Math.round(process.memoryUsage().rss / 1e6));
const qs = ['ceasefire', 'peace talks', '"peace talks"', 'negot', 'ceasfire', 'humanitarain', 'Zapor'];
for (const kind of ['search', 'whoSaid'] as const) for (const q of qs) {
  const times = [];
  for (let i = 0; i < 8; i++) { const t0 = performance.now(); (engine as any)[kind](q); times.push(performance.now() - t0); }
  console.log(kind, q, times.map((x) => x.toFixed(1)).join(' '));
}
