// /reindex: bring the live index in line with the files (for files edited by hand), using only the
// engine's public one-article operations. Bad files are reported and left out; the rest keeps working.
import { readCorpus } from '../corpus/read.js';
import type { Article, CorpusProblem } from '../types.js';

/** The engine operations reindexing needs (the real Engine has them). */
export interface ReindexTarget {
  problems: CorpusProblem[];
  allArticles(): Article[];
  addArticle(article: Article): void;
  replaceArticle(article: Article): void;
  removeArticle(id: string): boolean;
}

export interface ReindexReport {
  articles: number;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  problems: CorpusProblem[];
}

export async function reindexCorpus(
  engine: ReindexTarget, dir: string,
  onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<ReindexReport> {
  const { articles, problems } = await readCorpus(dir);
  const before = new Map(engine.allArticles().map((a) => [a.id, a]));
  const report: ReindexReport = { articles: articles.length, added: [], updated: [], removed: [], unchanged: 0, problems };
  const seen = new Set<string>();
  for (const [n, article] of articles.entries()) {
    seen.add(article.id);
    const old = before.get(article.id);
    if (!old) {
      engine.addArticle(article);
      report.added.push(article.id);
    } else if (old.hash && old.hash === article.hash) {
      report.unchanged++;
    } else {
      engine.replaceArticle(article);
      report.updated.push(article.id);
    }
    if (onProgress && ((n + 1) % 25 === 0 || n + 1 === articles.length)) await onProgress(n + 1, articles.length);
  }
  // Gone from disk, or now unreadable: out of the index (a bad file is reported, never half-served).
  for (const id of before.keys()) {
    if (!seen.has(id) && engine.removeArticle(id)) report.removed.push(id);
  }
  engine.problems = problems;
  return report;
}
