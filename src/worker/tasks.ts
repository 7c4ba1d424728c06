// What runs on the parse thread (see offthread.ts): every step of an add, replace, reindex or rebuild that
// parses untrusted text. Plain functions of plain, structured-cloneable data.
import { readAndExtract, type FileResult } from '../corpus/parallel-read.js';
import { parseArticle, type ArticleFormat } from '../corpus/read.js';
import { draftFromSource, type ArticleDraft, type DraftInput } from '../moderation/draft.js';
import { extractQuotes } from '../quotes/extract.js';
import type { Article, ExtractedQuote } from '../types.js';

export interface ReadableCheck {
  paragraphs: number;
  quotes: number;
}

export const TASKS = {
  /** A source's text (file or page) → a draft. */
  draft: (input: DraftInput): ArticleDraft => draftFromSource(input),
  /** A rendered article file read back as the corpus reader will, quotes included (throws what it would). */
  check: ({ id, content }: { id: string; content: string }): ReadableCheck => {
    const article = parseArticle(id, content, 'md');
    return { paragraphs: article.paragraphs.length, quotes: extractQuotes(article.paragraphs, { title: article.title }).length };
  },
  /** A draft's quotations (e.g. for a review card), extracted as the index will. */
  quotes: ({ paragraphs, title }: { paragraphs: string[]; title: string }): ExtractedQuote[] => extractQuotes(paragraphs, { title }),
  /** A stored article (PostgreSQL row) read as the corpus reader reads a file, quotes extracted. */
  row: ({ id, body, format }: { id: string; body: string; format: ArticleFormat }): { article: Article; extracted: ExtractedQuote[] } => {
    const article = parseArticle(id, body, format);
    return { article, extracted: extractQuotes(article.paragraphs, { title: article.title }) };
  },
  /** One corpus file read, cleaned and its quotes extracted (or why not). */
  read: ({ dir, name }: { dir: string; name: string }): Promise<FileResult> => readAndExtract(dir, name),
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskArgs<K extends TaskName> = Parameters<(typeof TASKS)[K]>[0];
export type TaskResult<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]>>;

/** An error as it crosses the thread boundary: enough to rebuild the refusal the moderator should read. */
export type ThreadError =
  | { kind: 'moderation'; code: string; reason: string }
  | { kind: 'parse'; message: string }
  | { kind: 'error'; message: string };

export type ThreadRequest = { id: number; task: TaskName; args: unknown };
export type ThreadReply = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadError };
