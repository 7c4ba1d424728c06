import path from 'node:path';
import { readArticleFile } from '../src/corpus/read.js';
import { extractQuotes } from '../src/quotes/extract.js';
for (const [d, s] of [['002_068698ac76fd5961', 'It creates a perception'], ['004_10c24a268c9e1f96', 'can fight as long']]) {
  const a = await readArticleFile(path.join('/work/shared/seeds', `${d}.txt`));
  for (const mode of ['rules', 'model'] as const) {
    const qs = extractQuotes(a.paragraphs, { title: a.title, attribution: mode, onCandidates: (q, c) => { if (q.text.includes(s)) console.log(mode, q.speaker, q.rule, c.map((k) => `${k.ref.name}: ${[...k.features.keys()].join(',')}`).join('\n   ')); } } as any);
  }
}
