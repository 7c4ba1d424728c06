// Corpus files → articles. A bad file is reported by name and skipped; it never stops the others.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, CorpusProblem } from '../types.js';
import { cleanParagraphs, cleanTitle, headlineIndex, tidyParagraph } from './clean.js';
import { repairMojibake } from './mojibake.js';
import { findArticleDate } from './dates.js';
import { parseFrontMatter } from './frontmatter.js';
import { readCorpusFile, UnsafeFileError } from './safe-file.js';

export const ARTICLE_EXTENSIONS = ['.txt', '.md'] as const;
export type ArticleFormat = 'txt' | 'md';

/** Files larger than this are refused: no news article is 20 MB, and it would stall start-up. */
export const MAX_ARTICLE_FILE_BYTES = 20 * 1024 * 1024;

export class ArticleParseError extends Error {}

export function contentHash(raw: string | Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

/** Article id from a file name: the name without its extension. */
export function articleIdFromFile(file: string): string {
  return path.basename(file).replace(/\.(txt|md)$/i, '');
}

/** True for names the corpus reads: visible .txt/.md files (temp files and .trash start with a dot). */
export function isArticleFileName(name: string): boolean {
  return !name.startsWith('.') && /\.(txt|md)$/i.test(name);
}

/** UTF-16 needs its byte-order mark to be told from binary (its text is full of NUL bytes). */
function utf16Label(raw: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (raw[0] === 0xff && raw[1] === 0xfe) return 'utf-16le';
  if (raw[0] === 0xfe && raw[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Bytes → text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused with a reason. */
export function decodeArticleBytes(raw: Uint8Array): string {
  if (raw.length === 0) throw new ArticleParseError('the file is empty');
  const utf16 = utf16Label(raw);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(raw.subarray(2));
    } catch {
      throw new ArticleParseError(`the file starts like ${utf16.toUpperCase()} text but is not valid ${utf16.toUpperCase()}`);
    }
  }
  if (raw.includes(0)) throw new ArticleParseError('the file is binary, not text');
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 16 && bad > text.length / 100) throw new ArticleParseError('the file is not UTF-8 text');
  return text;
}

/** Parses one article's text. `.txt`: first non-empty line is the title. `.md`: front matter, then the body. */
export function parseArticle(id: string, original: string, format: ArticleFormat): Article {
  // Every line ending (\r\n, and a lone \r from old Mac editors) is read as \n; UTF-8 that was read as
  // Windows-1252 on its way ("â€œ") is decoded again.
  const text = repairMojibake(original.replace(/\r\n?/g, '\n'));
  let title: string;
  let body: string;
  let meta: Record<string, string | undefined> = {};
  if (format === 'md') {
    const parsed = parseFrontMatter(text);
    meta = parsed.meta;
    body = parsed.body;
    title = parsed.meta.title ?? '';
    if (!title) {
      // A Markdown file without a title field: its first line (often "# Heading") is the title.
      const [first, ...rest] = body.replace(/^\s+/, '').split('\n');
      title = first ?? '';
      body = rest.join('\n');
    }
  } else {
    // The first line is the headline, unless the page opens with furniture ("Skip to Main Content").
    const lines = text.replace(/^\uFEFF/, '').replace(/^\s+/, '').split(/\r?\n/);
    const at = headlineIndex(lines);
    title = lines[at] ?? '';
    body = lines.slice(at + 1).join('\n');
  }
  const rawTitle = tidyParagraph(title);
  title = cleanTitle(title);
  if (!title) throw new ArticleParseError('the article has no title');
  const paragraphs = cleanParagraphs(body, rawTitle);
  if (paragraphs.length === 0) throw new ArticleParseError('the article has no paragraphs after its title');
  const article: Article = { id, title, paragraphs, hash: contentHash(original) };
  for (const key of ['source', 'url', 'date', 'added_by', 'added_at'] as const) {
    const value = meta[key]?.trim();
    if (value) article[key] = value;
  }
  if (!article.date) {
    // No front-matter date: a "Published …" line or a dateline in the text, if it has one.
    const date = findArticleDate(body);
    if (date) article.date = date;
  }
  return article;
}

/** Reads and parses one file. Throws ArticleParseError (or an fs error) with a readable message. */
export async function readArticleFile(file: string): Promise<Article> {
  let raw: Buffer;
  try {
    raw = await readCorpusFile(path.dirname(file), path.basename(file), MAX_ARTICLE_FILE_BYTES);
  } catch (err) {
    if (err instanceof UnsafeFileError) throw new ArticleParseError(err.message);
    throw err;
  }
  const format: ArticleFormat = /\.md$/i.test(file) ? 'md' : 'txt';
  const article = parseArticle(articleIdFromFile(file), decodeArticleBytes(raw), format);
  article.file = file;
  article.hash = contentHash(raw);
  return article;
}

export interface CorpusRead {
  articles: Article[];
  problems: CorpusProblem[];
}

export class CorpusDirError extends Error {}

/** The article file names in a folder, sorted. Throws CorpusDirError if the folder is missing. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new CorpusDirError(`corpus folder ${dir} is not a folder`);
    names = await readdir(dir);
  } catch (err) {
    if (err instanceof CorpusDirError) throw err;
    throw new CorpusDirError(`corpus folder ${dir} does not exist or cannot be read`);
  }
  return names.filter(isArticleFileName).sort();
}

/** Reads every article in a folder, in file-name order. Throws CorpusDirError if the folder is missing. */
export async function readCorpus(dir: string): Promise<CorpusRead> {
  const files = await listArticleFiles(dir);
  const articles: Article[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const id = articleIdFromFile(name);
    if (seen.has(id)) {
      problems.push({ file: name, error: `same article id as ${seen.get(id)}; skipped` });
      continue;
    }
    try {
      articles.push(await readArticleFile(path.join(dir, name)));
      seen.set(id, name);
    } catch (err) {
      problems.push({ file: name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return { articles, problems };
}
