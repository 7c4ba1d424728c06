// The database → a folder of article files in today's formats (`.md` with front matter, `.txt`), byte for byte
// the text that was imported or added. Only into a folder holding no articles: nothing there is overwritten.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listArticleFiles } from '../corpus/read.js';
import { UserError } from '../errors.js';
import type { CorpusProblem } from '../types.js';
import { fileNameOf, isSafeArticleId, type ArticleRow } from './articles.js';
import type { Db } from './connect.js';

export interface ExportReport {
  written: number;
  problems: CorpusProblem[];
  seconds: number;
}

export async function exportCorpus(db: Db, out: string, opts: { log?: (line: string) => void; progressEvery?: number } = {}): Promise<ExportReport> {
  const started = performance.now();
  await mkdir(out, { recursive: true });
  const existing = await listArticleFiles(out);
  if (existing.length > 0) {
    throw new UserError(`${out} already holds ${existing.length} article file(s) (e.g. ${existing[0]}); export into an empty or new folder.`);
  }
  const { rows } = await db.query<ArticleRow>('SELECT id, body, hash, format FROM articles ORDER BY id');
  const every = Math.max(1, opts.progressEvery ?? 1000);
  const report: ExportReport = { written: 0, problems: [], seconds: 0 };
  for (const row of rows) {
    const name = fileNameOf(row);
    if (!isSafeArticleId(row.id)) {
      report.problems.push({ file: name, error: 'the article id cannot be a file name; not written' });
      continue;
    }
    // A temp dot-file (which readers skip) renamed into place: a crash never leaves half an article.
    const temp = path.join(out, `.${name}.tmp-${process.pid}`);
    await writeFile(temp, row.body, { encoding: 'utf8', flag: 'w' });
    await rename(temp, path.join(out, name));
    report.written++;
    if (report.written % every === 0 && report.written < rows.length) opts.log?.(`exported ${report.written}/${rows.length} articles`);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
