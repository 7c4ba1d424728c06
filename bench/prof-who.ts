import { readFile } from 'node:fs/promises';
import { readSnapshot } from '../src/snapshot/file.js';
import { Engine } from '../src/engine.js';
import { MINISEARCH_OPTIONS } from '../src/search/index.js';
import { parseQuery } from '../src/search/query.js';
const file = `/root/prof/s10000`;
const fp = JSON.parse((await readFile(file)).subarray(0, 300).toString().split('\n')[0]).fingerprint;
const engine = Engine.fromSnapshot('/x', await readSnapshot(file, fp, MINISEARCH_OPTIONS as any));
const qi = (engine as any).quoteIndex;
for (const q of ['ceasefire', 'negot', 'ceasfire']) {
  const pq = parseQuery(q);
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    const hits = qi.searchUnranked(pq);
    const t1 = performance.now() - t;
    t = performance.now();
    engine.whoSaid(q);
    const t2 = performance.now() - t;
    console.log(q, hits.length, 'unranked', t1.toFixed(1), 'whoSaid', t2.toFixed(1));
  }
}
const reg = (engine as any).registry;
const quotes = [...(engine as any).quotesById.values()].slice(0, 4000);
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  for (const q of quotes) if (q.speakerId) reg.get(q.speakerId);
  console.log('registry.get x4000', (performance.now() - t).toFixed(1));
  const hits = qi.searchUnranked(parseQuery('ceasefire'));
  t = performance.now();
  let s = 0;
  for (const h of hits) s += h.score;
  console.log('hit.score x', hits.length, (performance.now() - t).toFixed(1));
  t = performance.now();
  hits.filter((h: any) => (engine as any).quotesById.get(h.id) !== undefined);
  console.log('filter', (performance.now() - t).toFixed(1));
}
{
  const hits = qi.searchUnranked(parseQuery('ceasefire'));
  const qb = (engine as any).quotesById;
  for (let r = 0; r < 5; r++) {
    let t = performance.now();
    let n = 0;
    for (const h of hits) if (qb.get(h.id)) n++;
    const a = performance.now() - t;
    t = performance.now();
    const ids = hits.map((h: any) => h.id);
    for (const id of ids) if (qb.get(id)) n++;
    const b = performance.now() - t;
    t = performance.now();
    const rows = [];
    for (const h of hits) rows.push({ h, s: h.score * 2, k: 'direct', at: 1 });
    const c = performance.now() - t;
    console.log('lookup', a.toFixed(2), 'lookup2', b.toFixed(2), 'rows', c.toFixed(2));
  }
}
