import { openWithSnapshot } from '../src/snapshot/open.js';
const n = Number(process.argv[2] ?? 10000);
const t = performance.now();
const { engine, report } = await openWithSnapshot(`/root/prof/c${n}`, { snapshotFile: `/root/prof/s${n}`, log: console.log });
console.log(report.source, 'load ms', Math.round(performance.now() - t));
(globalThis as any).gc?.();
console.log('heap', Math.round(process.memoryUsage().heapUsed / 1e6), 'rss', Math.round(process.memoryUsage().rss / 1e6));
const qs = ['ceasefire', 'peace talks', '"peace talks"', 'negot', 'ceasfire', 'humanitarain', 'Zapor'];
for (const kind of ['search', 'whoSaid'] as const) for (const q of qs) {
  const times = [];
  for (let i = 0; i < 8; i++) { const t0 = performance.now(); (engine as any)[kind](q); times.push(performance.now() - t0); }
  console.log(kind, q, times.map((x) => x.toFixed(1)).join(' '));
}
