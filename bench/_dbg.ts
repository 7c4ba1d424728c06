import { parseArticle } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { generateArticles } from './corpus.js';
const docs = [...generateArticles({ articles: 2000, seed: 42 })].map((a) => parseArticle(a.file, a.text, 'md'));
const engine = Engine.fromArticles(docs);
const e = engine as unknown as { contextMatches: (...a: unknown[]) => unknown };
const orig = e.contextMatches.bind(engine);
let n = 0;
e.contextMatches = (...a: unknown[]) => { n++; return orig(...a); };
for (const t of ['peace talks', 'ceasefire', 'truce', 'what did Peskov say about sanctions']) {
  n = 0;
  const t0 = performance.now();
  const a = engine.whoSaid(t);
  console.log(t, a.total, n, performance.now() - t0);
}
