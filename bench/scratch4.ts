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
const mini2 = buildMiniSearch(docs, MINISEARCH_OPTIONS as any);
for (let i = 0; i < docs.length; i += 97) { mini.discard(docs[i].id); mini2.discard(docs[i].id); } // some dirt
const ti = new TextIndex(mini as any);
const ev = new QueryEvaluator(mini2);
const qs = ['ceasefire', 'peace talks', 'negotiat', 'ceasfire', 'sanctions Kremlin', 'Zaporizhzhia nuclear plant', 'cease fire', 'humanitarian corridor', 'grai', 'reconstructoin', 'prisoner exchange Istanbul', 'drone', 'Peskov'];
let bad = 0;
for (const q of qs) {
  const pq = parseQuery(q);
  for (const [fuzzy, cw] of [[false, 'AND'], [true, 'AND'], [false, 'OR'], [true, 'OR']] as const) {
    const query = (ti as any).buildQuery(pq, fuzzy, cw);
    let t = performance.now();
    const ref = (mini as any).search(query);
    const tRef = performance.now() - t;
    t = performance.now();
    const e = ev.evaluate(query);
    const r = e.rank();
    const top = e.rank({ limit: 10 });
    const tEv = performance.now() - t;
    let same = ref.length === r.total;
    for (let i = 0; i < Math.min(ref.length, r.docs.length) && same; i++) {
      if (ref[i].id !== e.id(r.docs[i]) || Math.abs(ref[i].score - r.scores[i]) > 1e-9) { same = false; console.log('diff at', i, ref[i].id, ref[i].score, e.id(r.docs[i]), r.scores[i]); }
      else if (i < 20 && [...ref[i].terms].sort().join() !== e.terms(r.docs[i]).sort().join()) { same = false; console.log('terms', ref[i].terms, e.terms(r.docs[i])); }
    }
    for (let i = 0; i < top.docs.length; i++) if (top.docs[i] !== r.docs[i]) { same = false; console.log('top differs', i); break; }
    if (!same) bad++;
    console.log(q.padEnd(28), fuzzy, cw, ref.length, same ? 'same' : 'DIFF', 'ms', tRef.toFixed(1), tEv.toFixed(1));
  }
}
console.log('bad', bad);
