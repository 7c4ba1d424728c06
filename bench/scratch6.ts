import { generateArticles } from './corpus.js';
import { parseArticle } from '../src/corpus/read.js';
import { MINISEARCH_OPTIONS, TextIndex } from '../src/search/index.js';
import { parseQuery } from '../src/search/query.js';
import { buildMiniSearch } from '../src/snapshot/postings.js';
import { QueryEvaluator } from '../src/snapshot/evaluate.js';
const N = Number(process.argv[2] ?? 10000);
const parsed = [...generateArticles({ articles: N })].map((a) => parseArticle(a.id, a.text, 'md'));
const docs = parsed.flatMap((a) => a.paragraphs.map((text, i) => ({ id: `${a.id}#${i + 1}`, text })));
const mini = buildMiniSearch(docs, MINISEARCH_OPTIONS as any);
const ti = new TextIndex(mini as any);
const ev = new QueryEvaluator(mini);
const pq = parseQuery('ceasefire');
const q = (ti as any).buildQuery(pq, false, 'AND');
console.log(JSON.stringify(q));
for (let rep = 0; rep < 10; rep++) {
  let t = performance.now();
  const e = ev.evaluate(q);
  const t1 = performance.now() - t;
  const r = e.rank({ limit: 10 });
  const t2 = performance.now() - t;
  const e2 = ev.evaluate('ceasefir');
  const t3 = performance.now() - t;
  console.log(t1.toFixed(1), t2.toFixed(1), t3.toFixed(1), r.total);
}
