import { writeCorpus } from './corpus.js';
import { openWithSnapshot } from '../src/snapshot/open.js';
const n = Number(process.argv[2] ?? 10000);
const dir = `/tmp/prof/c${n}`;
await writeCorpus(dir, { articles: n });
const t = performance.now();
await openWithSnapshot(dir, { snapshotFile: `/tmp/prof/s${n}`, log: console.log });
console.log('done', performance.now() - t);
