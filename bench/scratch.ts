import { generateArticles } from './corpus.js';
import { parseArticle } from '../src/corpus/read.js';
import { TextIndex } from '../src/search/index.js';
const N = Number(process.argv[2] ?? 10000);
let t = performance.now();
const arts = [];
for (const a of generateArticles({ articles: N })) arts.push(parseArticle(a.id, a.text, 'md'));
const paras = arts.reduce((s, a) => s + a.paragraphs.length, 0);
const words = arts.reduce((s, a) => s + a.paragraphs.join(' ').split(' ').length, 0);
console.log('gen+parse', Math.round(performance.now() - t), 'articles', arts.length, 'paras', paras, 'words', words);
console.log(arts[3].paragraphs.slice(0, 4).join('\n'));
t = performance.now();
const idx = new TextIndex();
let done = 0;
for (const a of arts) { idx.addAll(a.paragraphs.map((text, i) => ({ id: `${a.id}#${i + 1}`, text }))); if (++done % 2000 === 0) console.log(done, Math.round(performance.now() - t)); }
console.log('build', Math.round(performance.now() - t));
global.gc?.();
console.log('heap', Math.round(process.memoryUsage().heapUsed / 1e6), 'rss', Math.round(process.memoryUsage().rss / 1e6));
