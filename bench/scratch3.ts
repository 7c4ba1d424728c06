import { generateArticles } from './corpus.js';
import { parseArticle } from '../src/corpus/read.js';
import MiniSearch from 'minisearch';
import { MINISEARCH_OPTIONS, TextIndex } from '../src/search/index.js';
import { parseQuery } from '../src/search/query.js';
import { buildMiniSearch, packMiniSearch, unpackMiniSearch } from '../src/snapshot/postings.js';
const N = Number(process.argv[2] ?? 10000);
let t = performance.now();
const arts = [];
for (const a of generateArticles({ articles: N })) arts.push(a);
console.log('gen', Math.round(performance.now() - t));
t = performance.now();
const parsed = arts.map((a) => parseArticle(a.id, a.text, 'md'));
console.log('parse', Math.round(performance.now() - t));
const docs = parsed.flatMap((a) => a.paragraphs.map((text, i) => ({ id: `${a.id}#${i + 1}`, text })));
console.log('docs', docs.length);
global.gc!(); const h0 = process.memoryUsage().heapUsed;
t = performance.now();
const fast = buildMiniSearch(docs, MINISEARCH_OPTIONS as any);
console.log('fast build', Math.round(performance.now() - t), 'terms', fast.termCount);
global.gc!(); console.log('heap of index', Math.round((process.memoryUsage().heapUsed - h0) / 1e6));
t = performance.now();
const packed = packMiniSearch(fast);
console.log('pack', Math.round(performance.now() - t));
t = performance.now();
const lines = packed.chunks.map((c) => JSON.stringify(c));
const size = lines.reduce((s, l) => s + l.length, 0) + JSON.stringify(packed.ids).length + JSON.stringify(packed.lengths).length;
console.log('stringify', Math.round(performance.now() - t), 'MB', (size / 1e6).toFixed(1));
t = performance.now();
const back = { ids: JSON.parse(JSON.stringify(packed.ids)), lengths: JSON.parse(JSON.stringify(packed.lengths)), avgLength: packed.avgLength, chunks: lines.map((l) => JSON.parse(l)) };
console.log('parse', Math.round(performance.now() - t));
t = performance.now();
const un = unpackMiniSearch(back, MINISEARCH_OPTIONS as any);
console.log('unpack', Math.round(performance.now() - t));
const qs = ['ceasefire', 'peace talks', 'negotiat', 'ceasfire', 'sanctions Kremlin', 'Zaporizhzhia nuclear plant'];
for (const [name, m] of [['fast', fast], ['unpacked', un]] as const) {
  const ti = new TextIndex(m as any);
  for (const q of qs) {
    const pq = parseQuery(q);
    t = performance.now();
    const r = ti.search(pq);
    console.log(name, q, r.length, (performance.now() - t).toFixed(1), r.slice(0, 2).map((x) => x.id + ':' + x.score.toFixed(3)).join(' '));
  }
}
if (N <= 3000) {
  t = performance.now();
  const slow = new MiniSearch(MINISEARCH_OPTIONS as any); slow.addAll(docs);
  console.log('slow build', Math.round(performance.now() - t));
  const ti = new TextIndex(slow as any);
  for (const q of qs) { const r = ti.search(parseQuery(q)); console.log('slow', q, r.length, r.slice(0, 2).map((x) => x.id + ':' + x.score.toFixed(3)).join(' ')); }
}
