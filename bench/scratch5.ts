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
const qs = ['ceasefire', 'peace talks', 'negotiat', 'ceasfire', 'sanctions Kremlin', 'Zaporizhzhia nuclear plant', 'cease fire', 'humanitarian corridor', 'grai', 'reconstructoin', 'prisoner exchange Istanbul', 'drone', 'Peskov', 'talks', 'war', 'security guarantees'];
for (const q of qs) {
  const pq = parseQuery(q);
  const plans = [[false, 'AND'], [true, 'AND'], [false, 'OR'], [true, 'OR']] as const;
  const times: string[] = [];
  for (let rep = 0; rep < 3; rep++) {
    let t = performance.now();
    let n = 0;
    for (const [fuzzy, cw] of plans) {
      if (fuzzy && !pq.terms.some((x) => x.length >= 5)) continue;
      if (cw === 'OR' && pq.terms.length < 2) continue;
      const e = ev.evaluate((ti as any).buildQuery(pq, fuzzy, cw));
      if (e.size) { const r = e.rank({ limit: 10 }); n = r.total; r.docs.map((d) => e.terms(d)); break; }
    }
    const tEv = performance.now() - t;
    t = performance.now();
    const r2 = ti.search(pq);
    const tRef = performance.now() - t;
    times.push(`${n}/${r2.length} ev ${tEv.toFixed(1)} mini ${tRef.toFixed(1)}`);
  }
  console.log(q.padEnd(28), times.join(' | '));
}
