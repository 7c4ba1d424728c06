// Quote extraction's cost per article: on the bench's generated articles and, when ../shared is there, on real
// news (the PolNeAR dev articles, read in place). CPU time of extractQuotes alone, the tagger already loaded.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listArticleFiles, readArticleFile } from '../src/corpus/read.js';
import { extractQuotes } from '../src/quotes/extract.js';
import type { Article } from '../src/types.js';
import { round } from './queries.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));
const NEWS = path.join(process.env.SHARED_DIR ?? path.join(REPO, '../shared'), 'eval/polnear-dev/articles');

async function readSome(dir: string, max: number): Promise<Article[]> {
  const out: Article[] = [];
  for (const f of (await listArticleFiles(dir)).slice(0, max)) {
    try {
      out.push(await readArticleFile(path.join(dir, f)));
    } catch { /* a bad file is the reader's business, not this figure's */ }
  }
  return out;
}

/** Articles extracted untimed before measuring: about what a rebuild has done before its first second is out. */
const WARM_ARTICLES = 1000;

/**
 * Mean ms per article over `rounds` passes, after untimed passes over at least WARM_ARTICLES articles: the tagger
 * loads on the first article that needs it (not necessarily the first one), and a rebuild runs code the JIT has
 * optimised over thousands of articles. One untimed pass over the 84 dev articles is not that: it measured
 * ~7.8 ms an article here against ~2.4 ms warm.
 */
function msPerArticle(articles: Article[], rounds: number): number | null {
  if (!articles.length) return null;
  for (let done = 0; done < WARM_ARTICLES; done += articles.length) for (const a of articles) extractQuotes(a.paragraphs, { title: a.title });
  const t = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const a of articles) extractQuotes(a.paragraphs, { title: a.title });
  const used = process.cpuUsage(t);
  return round((used.user + used.system) / 1000 / (articles.length * rounds), 2);
}

export async function measureExtraction(corpus: string): Promise<{ extract_ms_per_article: number | null; extract_news_ms_per_article: number | null }> {
  const generated = await readSome(corpus, 500);
  const news = existsSync(NEWS) ? await readSome(NEWS, 100) : [];
  return { extract_ms_per_article: msPerArticle(generated, 2), extract_news_ms_per_article: msPerArticle(news, 3) };
}
