// A source (text, Markdown, HTML, or the modal's fields) → an article draft: title, source, url,
// date and paragraphs, with the moderator's overrides applied. Nothing is written here.
import { FrontMatterError, parseFrontMatter } from '../corpus/frontmatter.js';
import { ModerationError } from './errors.js';
import { extractHtml } from './html.js';
import type { SourceFormat } from './input.js';
import { cleanLine, cleanTitle, hasRealParagraph, normalizeDate, splitParagraphs } from './text.js';
import { cutAt } from '../unicode.js';

export interface ArticleDraft {
  title: string;
  source?: string;
  url?: string;
  /** YYYY-MM-DD */
  date?: string;
  paragraphs: string[];
  /** Other urls that identify the same page (final url after redirects, canonical), for duplicate checks. */
  altUrls?: string[];
}

export interface DraftOverrides {
  title?: string;
  source?: string;
  url?: string;
  date?: string;
}

export interface DraftInput {
  text: string;
  format: SourceFormat;
  /** Where the text came from (a fetched page's url), used as the article url unless overridden. */
  url?: string;
  /** Extra identifying urls (e.g. the url the moderator typed before redirects). */
  altUrls?: string[];
  overrides?: DraftOverrides;
}

export function draftFromSource(input: DraftInput): ArticleDraft {
  const base = input.format === 'html' ? fromHtml(input.text, input.url)
    : input.format === 'markdown' ? fromMarkdown(input.text)
    : fromPlainText(input.text);
  return finishDraft({ ...base, url: base.url ?? input.url, altUrls: [...(base.altUrls ?? []), ...(input.altUrls ?? [])] }, input.overrides);
}

/** The modal: fields typed separately; the body is plain text (or Markdown-ish). */
export function draftFromFields(fields: { title: string; body: string; source?: string; url?: string; date?: string }): ArticleDraft {
  const body = fields.body.replace(/\r\n?/g, '\n');
  const paragraphs = splitParagraphs(stripMarkdown(body));
  // A pasted body often starts with the headline again.
  const title = cleanTitle(fields.title);
  if (paragraphs.length > 0 && cleanTitle(paragraphs[0]) === title) paragraphs.shift();
  return finishDraft({ title, paragraphs }, { source: fields.source, url: fields.url, date: fields.date });
}

function fromPlainText(text: string): Partial<ArticleDraft> & { paragraphs: string[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => cleanLine(l) !== '');
  if (first < 0) return { paragraphs: [] };
  return { title: cleanTitle(lines[first]), paragraphs: splitParagraphs(lines.slice(first + 1).join('\n')) };
}

function fromMarkdown(text: string): Partial<ArticleDraft> & { paragraphs: string[] } {
  let meta: ReturnType<typeof parseFrontMatter>['meta'];
  let body: string;
  try {
    ({ meta, body } = parseFrontMatter(text));
  } catch (err) {
    if (err instanceof FrontMatterError) throw new ModerationError('not-text', `The Markdown header is broken: ${err.message}.`);
    throw err;
  }
  if (meta.title) {
    const paragraphs = splitParagraphs(stripMarkdown(body));
    if (paragraphs.length > 0 && cleanTitle(paragraphs[0]) === cleanTitle(meta.title)) paragraphs.shift();
    return { title: cleanTitle(meta.title), source: meta.source, url: meta.url, date: meta.date, paragraphs };
  }
  const plain = fromPlainText(stripMarkdown(body));
  return { ...plain, source: meta.source, url: meta.url, date: meta.date };
}

function fromHtml(html: string, url: string | undefined): Partial<ArticleDraft> & { paragraphs: string[] } {
  const page = extractHtml(html, url);
  return {
    title: page.title ?? (page.paragraphs[0] ? cleanTitle(page.paragraphs[0].slice(0, 120)) : undefined),
    source: page.siteName,
    date: page.date,
    paragraphs: page.paragraphs,
    altUrls: page.canonicalUrl ? [page.canonicalUrl] : [],
  };
}

/**
 * Markdown syntax → plain text, so quotes are read as the words, not the markup. Every pattern is linear in
 * its input: a bracket, paren or tag scan stops at the next opening of its kind (an unclosed one cannot make
 * each later opener rescan to the end), and bold is paired by one forward scan (stripStrong).
 */
export function stripMarkdown(md: string): string {
  const text = md
    .replace(/^```.*$/gm, '')
    .replace(/!\[[^[\]]*\]\((?:[^()]|\([^()]*\))*\)/g, '') // images
    .replace(/\[([^[\]]+)\]\((?:[^()]|\([^()]*\))*\)/g, '$1') // links keep their text (a url may hold one level of parens)
    .replace(/^\s{0,3}#{1,6}\s+/gm, '') // headings
    .replace(/^\s{0,3}>\s?/gm, '') // block quotes
    .replace(/^\s{0,3}(?:[-*_]\s*){3,}$/gm, ''); // rules
  return stripStrong(text)
    .replace(/(^|[\s(])([*_])(?=\S)([^*_\n]*?\S)\2(?=[\s).,;:!?]|$)/gm, '$1$3')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/<\/?[a-z][^<>]*>/gi, '');
}

const STRONG = ['**', '__'] as const;

/**
 * `**bold**` and `__bold__` → their text, as `/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g` would, in one pass: an opener
 * (followed by a non-space) pairs with the next same marker preceded by a non-space. When an opener has no
 * closer no later opener of that marker can have one either, so that marker is never looked for again.
 */
function stripStrong(text: string): string {
  const dead = new Set<string>();
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length - 2) {
    const marker = STRONG.find((m) => !dead.has(m) && text.startsWith(m, i));
    if (!marker || /\s/.test(text[i + 2])) {
      i++;
      continue;
    }
    let close = text.indexOf(marker, i + 3);
    while (close >= 0 && /\s/.test(text[close - 1])) close = text.indexOf(marker, close + 1);
    if (close < 0) {
      dead.add(marker);
      continue;
    }
    out += text.slice(copied, i) + text.slice(i + 2, close);
    copied = i = close + 2;
  }
  return out + text.slice(copied);
}

function finishDraft(base: Partial<ArticleDraft> & { paragraphs: string[] }, overrides: DraftOverrides = {}): ArticleDraft {
  const title = cleanTitle(overrides.title ?? '') || cleanTitle(base.title ?? '');
  if (!title) {
    throw new ModerationError('no-paragraphs', 'I could not find a title; give one with the `title` option.');
  }
  if (!hasRealParagraph(base.paragraphs)) {
    throw new ModerationError('no-paragraphs',
      'I found no paragraphs of text in it (only a title, markup or symbols). Check that the file or page holds the article itself.');
  }
  const date = overrides.date?.trim() ? normalizeDate(overrides.date, true) : normalizeDate(base.date);
  const url = overrides.url?.trim() ? checkedUrl(overrides.url) : base.url ? safeUrl(base.url) : undefined;
  const source = cutAt(cleanLine(overrides.source ?? ''), 200) || cutAt(cleanLine(base.source ?? ''), 200) || (url ? new URL(url).hostname.replace(/^www\./, '') : undefined);
  return {
    title,
    source,
    url,
    date,
    paragraphs: base.paragraphs,
    altUrls: (base.altUrls ?? []).filter((u) => u && u !== url),
  };
}

function checkedUrl(raw: string): string {
  const u = safeUrl(raw);
  if (!u) throw new ModerationError('bad-url', `\`${cleanLine(raw).slice(0, 80)}\` is not an http(s) link.`);
  return u;
}

function safeUrl(raw: string): string | undefined {
  try {
    const u = new URL(cleanLine(raw));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
