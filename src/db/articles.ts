// Articles as the database stores them: the file's whole text (`body`) in its format, parsed exactly as the
// folder store parses a file, so both stores give the same articles.
import { parseArticle, type ArticleFormat } from '../corpus/read.js';
import type { Article, CorpusProblem } from '../types.js';
import { inTransaction, type Db } from './connect.js';

export interface ArticleRow {
  id: string;
  body: string;
  hash: string;
  format: ArticleFormat;
}

/** The file name the article has in a folder (and had when imported). */
export function fileNameOf(row: Pick<ArticleRow, 'id' | 'format'>): string {
  return `${row.id}.${row.format}`;
}

/** An id that is safe as a file name: no path, no hidden file, no control characters (the schema says the same). */
export function isSafeArticleId(id: string): boolean {
  return id !== '' && id.length <= 200 && !/[/\\\u0000-\u001f\u007f]/.test(id) && !id.startsWith('.');
}

export function articleFromRow(row: ArticleRow): Article {
  const article = parseArticle(row.id, row.body, row.format);
  article.hash = row.hash;
  return article;
}

export interface StoredCorpus {
  articles: Article[];
  problems: CorpusProblem[];
  /** The last change number these articles include ('0' for none): where following changes starts. */
  seq: string;
}

/**
 * Every article, in the order the folder store reads files (file name order), and the change number they are
 * current at; read in one snapshot of the database so the two agree. A row that does not parse is reported in
 * `problems` and skipped, as a bad file is.
 */
export async function loadArticles(db: Db): Promise<StoredCorpus> {
  const { rows, seq } = await inTransaction(db, async (client) => ({
    rows: (await client.query<ArticleRow>('SELECT id, body, hash, format FROM articles')).rows,
    seq: (await client.query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM changes')).rows[0].seq,
  }), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const named = rows.map((row) => ({ row, name: fileNameOf(row) }));
  // Same comparison as the folder's sort of file names.
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  for (const { row, name } of named) {
    try {
      articles.push(articleFromRow(row));
    } catch (err) {
      problems.push({ file: name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { articles, problems, seq };
}
