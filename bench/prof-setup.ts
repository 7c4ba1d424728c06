import { writeCorpus } from './corpus.js';
import { openWithSnapshot } from '../src/snapshot/open.js';
const n = Number(process.argv[2] ?? 10000);
const dir = `/root/prof/c${n}`;
await writeCorpus(dir, { articles: n });
const t = performance.now();
await openWithSnapshot(dir, { snapshotFile: `/root/prof/s${n}`, log: console.log });
console.log('done', performance.now() - t);
