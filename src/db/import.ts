// A folder of article files → the database. Idempotent: an article whose content hash is already stored is left
// alone; a new id is added, a changed one replaced, each with its row in `changes`. Nothing is deleted.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { articleIdFromFile, contentHash, listArticleFiles, readArticleFile, type ArticleFormat } from '../corpus/read.js';
import type { Article, CorpusProblem } from '../types.js';
import { inTransaction, type Db } from './connect.js';
import { isSafeArticleId } from './articles.js';
import { lockChanges } from './changes.js';

export interface ImportReport {
  files: number;
  added: number;
  replaced: number;
  unchanged: number;
  /** Files not imported, with the reason (the same ones the folder store skips, plus unsafe ids). */
  problems: CorpusProblem[];
  seconds: number;
}

export interface ImportOptions {
  log?: (line: string) => void;
  /** A progress line every this many files (default 1000). */
  progressEvery?: number;
  /** Files written per transaction. */
  batch?: number;
  /** Who ran it, for the audit row. */
  by?: { id: string; name: string };
}

const UPSERT = `
WITH up AS (
  INSERT INTO articles (id, title, source, url, date, added_by, added_at, body, hash, format)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (id) DO UPDATE SET
    title = EXCLUDED.title, source = EXCLUDED.source, url = EXCLUDED.url, date = EXCLUDED.date,
    added_by = EXCLUDED.added_by, added_at = EXCLUDED.added_at, body = EXCLUDED.body, hash = EXCLUDED.hash,
    format = EXCLUDED.format, stored_at = now()
  WHERE articles.hash <> EXCLUDED.hash OR articles.format <> EXCLUDED.format
  RETURNING (xmax = 0) AS inserted
)
INSERT INTO changes (article_id, op) SELECT $1, CASE WHEN inserted THEN 'add' ELSE 'replace' END FROM up
RETURNING op`;

interface Prepared {
  article: Article;
  body: string;
  format: ArticleFormat;
}

/** Reads and checks one file as the folder store would; the text stored is the file's own. */
async function prepare(dir: string, name: string): Promise<Prepared> {
  const file = path.join(dir, name);
  const raw = await readFile(file);
  const article = await readArticleFile(file);
  if (article.hash !== contentHash(raw)) throw new Error('the file changed while it was read; run the import again');
  return { article, body: raw.toString('utf8'), format: /\.md$/i.test(name) ? 'md' : 'txt' };
}

export async function importCorpus(db: Db, dir: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const names = await listArticleFiles(dir);
  const every = Math.max(1, opts.progressEvery ?? 1000);
  // Progress is reported between transactions, so none is longer than the progress interval.
  const batchSize = Math.max(1, Math.min(opts.batch ?? 200, every));
  const report: ImportReport = { files: names.length, added: 0, replaced: 0, unchanged: 0, problems: [], seconds: 0 };
  const seen = new Map<string, string>();
  let done = 0;
  const progress = (): void => {
    const s = (performance.now() - started) / 1000;
    opts.log?.(`imported ${done}/${names.length} files (${report.added} added, ${report.replaced} replaced, ${report.unchanged} unchanged; ${Math.round(done / Math.max(s, 0.001))}/s)`);
  };
  for (let i = 0; i < names.length; i += batchSize) {
    const batch: Prepared[] = [];
    for (const name of names.slice(i, i + batchSize)) {
      const id = articleIdFromFile(name);
      if (seen.has(id)) {
        report.problems.push({ file: name, error: `same article id as ${seen.get(id)}; skipped` });
        continue;
      }
      if (!isSafeArticleId(id)) {
        report.problems.push({ file: name, error: 'the file name cannot be an article id (hidden, control characters or over 200 characters)' });
        continue;
      }
      try {
        batch.push(await prepare(dir, name));
        seen.set(id, name);
      } catch (err) {
        report.problems.push({ file: name, error: err instanceof Error ? err.message : String(err) });
      }
    }
    await inTransaction(db, async (client) => {
      await lockChanges(client);
      for (const { article: a, body, format } of batch) {
        const { rows } = await client.query<{ op: 'add' | 'replace' }>(UPSERT, [
          a.id, a.title, a.source ?? null, a.url ?? null, a.date ?? null, a.added_by ?? null, a.added_at ?? null, body, a.hash, format,
        ]);
        if (rows[0]?.op === 'add') report.added++;
        else if (rows[0]?.op === 'replace') report.replaced++;
        else report.unchanged++;
      }
    });
    const before = done;
    done = Math.min(names.length, i + batchSize);
    if (Math.floor(done / every) > Math.floor(before / every) && done < names.length) progress();
  }
  if (report.added + report.replaced > 0) {
    const by = opts.by ?? { id: 'cli', name: 'db:import' };
    await db.query('INSERT INTO audit (moderator_id, moderator_name, action, detail) VALUES ($1, $2, $3, $4)', [
      by.id, by.name, 'import', `${report.added} added, ${report.replaced} replaced from ${path.resolve(dir)}`,
    ]);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
