import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hashCorpus } from '../src/snapshot/open.js';
const dir = '/root/prof/c10000';
for (let r = 0; r < 2; r++) {
  let t = performance.now();
  const names = readdirSync(dir).filter((n) => n.endsWith('.md'));
  for (const n of names) createHash('sha256').update(readFileSync(`${dir}/${n}`)).digest('hex');
  console.log('sync', Math.round(performance.now() - t));
  t = performance.now();
  await hashCorpus(dir);
  console.log('async', Math.round(performance.now() - t));
}
