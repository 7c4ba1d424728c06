// Is this draft already in the corpus? Same url (after normalisation) or same body (normalized).
// Reads the files themselves so the answer does not depend on how the engine cleans text.
import { readdir } from 'node:fs/promises';
import { decodeArticleBytes, MAX_ARTICLE_FILE_BYTES } from '../corpus/read.js';
import { parseFrontMatter } from '../corpus/frontmatter.js';
import { readCorpusFile } from '../corpus/safe-file.js';
import type { ArticleDraft } from './draft.js';
import { ModerationError } from './errors.js';
import { normalizeBody } from './text.js';

export interface ExistingArticle {
  id: string;
  title: string;
  url?: string;
  /** Body text without the title. */
  body: string;
}

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ocid|cmpid|ref|ref_src|smid|at_medium|at_campaign)$/i;

/** The url with what does not identify the page removed: scheme case, www., default port, fragment, tracking params, trailing slash. */
export function normalizeUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const host = u.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = u.pathname.replace(/\/+$/, '') || '/';
  // http and https count as the same page.
  return `${host}${u.port ? `:${u.port}` : ''}${path}${query}`;
}

/** Fingerprints of a body: with and without the title, so a pasted body that repeats the headline still matches. */
function bodyKeys(title: string, body: string): string[] {
  const b = normalizeBody(body);
  if (b.length < 20) return []; // too little text to call anything a duplicate of it
  return [b, normalizeBody(`${title}\n${body}`)];
}

export interface Duplicate {
  id: string;
  title: string;
  why: 'url' | 'body';
}

export function findDuplicate(draft: ArticleDraft, existing: ExistingArticle[], ignoreId?: string): Duplicate | null {
  const urls = new Set([draft.url, ...(draft.altUrls ?? [])].map((u) => (u ? normalizeUrl(u) : undefined)).filter(Boolean));
  const body = draft.paragraphs.join('\n');
  const keys = new Set(bodyKeys(draft.title, body));
  for (const a of existing) {
    if (a.id === ignoreId) continue;
    const u = a.url ? normalizeUrl(a.url) : undefined;
    if (u && urls.has(u)) return { id: a.id, title: a.title, why: 'url' };
  }
  for (const a of existing) {
    if (a.id === ignoreId) continue;
    if (bodyKeys(a.title, a.body).some((k) => keys.has(k))) return { id: a.id, title: a.title, why: 'body' };
  }
  return null;
}

export function assertNotDuplicate(draft: ArticleDraft, existing: ExistingArticle[], ignoreId?: string): void {
  const dup = findDuplicate(draft, existing, ignoreId);
  if (!dup) return;
  throw new ModerationError('duplicate',
    dup.why === 'url'
      ? `This link is already in the corpus as \`${dup.id}\` (“${dup.title}”).`
      : `This text is already in the corpus as \`${dup.id}\` (“${dup.title}”).`,
    { id: dup.id });
}

/** An article's stored text (a file's, or a database row's) as the duplicate check compares it. */
export function existingArticle(id: string, format: 'md' | 'txt', text: string): ExistingArticle {
  const raw = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (format === 'md') {
    const { meta, body } = parseFrontMatter(raw);
    return { id, title: meta.title ?? '', url: meta.url, body };
  }
  const lines = raw.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  return { id, title: (lines[first] ?? '').trim(), body: lines.slice(first + 1).join('\n') };
}

/** Reads every live article file (`*.md`, `*.txt`, not dot-files) for duplicate checks. Unreadable files are skipped. */
export async function readExistingArticles(dir: string): Promise<ExistingArticle[]> {
  const out: ExistingArticle[] = [];
  for (const name of await readdir(dir)) {
    if (name.startsWith('.')) continue;
    const m = /^(.+)\.(md|txt)$/.exec(name);
    if (!m) continue;
    try {
      // Read as the corpus reader reads: a FIFO, device or link out of the corpus is skipped, never waited on.
      const raw = decodeArticleBytes(await readCorpusFile(dir, name, MAX_ARTICLE_FILE_BYTES));
      out.push(existingArticle(m[1], m[2] as 'md' | 'txt', raw));
    } catch {
      // A broken file is /reindex's business, not a reason to refuse an add.
    }
  }
  return out;
}
