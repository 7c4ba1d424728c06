import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readArticleFile } from '../src/corpus/read.js';
import { extractQuotes } from '../src/quotes/extract.js';
const mode = (process.argv[2] ?? 'model') as 'model' | 'rules';
const labels = JSON.parse(readFileSync('/work/shared/eval/seed-quotes.json', 'utf8'));
const norm = (s: string) => s.toLowerCase().replace(/[’‘`´]/g, "'").replace(/[“”„«»"]/g, '').replace(/\s+/g, ' ').trim();
for (const d of [...new Set(labels.quotes.map((q: any) => q.doc))] as string[]) {
  const a = await readArticleFile(path.join('/work/shared/seeds', `${d}.txt`));
  const qs = extractQuotes(a.paragraphs, { title: a.title, attribution: mode } as any);
  for (const l of labels.quotes.filter((q: any) => q.doc === d)) {
    const m = qs.filter((q: any) => norm(q.text).includes(norm(l.text)));
    const names = labels.people[l.who] ?? [];
    const ok = m.some((q: any) => q.speaker && names.some((n: string) => norm(q.speaker).includes(norm(n)) || norm(n).includes(norm(q.speaker))));
    if (!ok) console.log(d, l.who, '|', m.map((q: any) => `${q.speaker} [${q.rule}]`).join('; '), '|', l.text.slice(0, 60));
  }
}
