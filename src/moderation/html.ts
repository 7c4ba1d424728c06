// HTML → the article's main text and what the page says about itself (title, site, date),
// with @mozilla/readability over a linkedom DOM.
import { createRequire } from 'node:module';
import type { Readability as ReadabilityType } from '@mozilla/readability';
import type { parseHTML as ParseHTMLType } from 'linkedom';
import { cleanTitle as withoutSiteSuffix } from '../corpus/clean.js';
import { cleanLine, cleanTitle, normalizeDate } from './text.js';

export interface HtmlArticle {
  title?: string;
  siteName?: string;
  /** YYYY-MM-DD when the page states it. */
  date?: string;
  /** The page's canonical url, when it declares one. */
  canonicalUrl?: string;
  paragraphs: string[];
}

// Loaded on first use: the two libraries take ~0.25 s to load, which every bot start would pay for something
// used only when a moderator adds a web page.
const lazyRequire = createRequire(import.meta.url);
let libraries: { parseHTML: typeof ParseHTMLType; Readability: typeof ReadabilityType } | undefined;

function parseHTML(html: string): ReturnType<typeof ParseHTMLType> {
  libraries ??= { parseHTML: lazyRequire('linkedom').parseHTML, Readability: lazyRequire('@mozilla/readability').Readability };
  return libraries.parseHTML(html);
}

type Doc = ReturnType<typeof ParseHTMLType>['document'];
type El = ReturnType<Doc['createElement']>;

const BLOCK = new Set([
  'address', 'article', 'blockquote', 'dd', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'td', 'th', 'ul', 'body',
]);
/** Never article text: code, media, page furniture, captions (photo credits). */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'video', 'audio', 'picture',
  'img', 'button', 'form', 'input', 'select', 'textarea', 'nav', 'aside', 'footer', 'figcaption', 'head',
]);

/**
 * Deepest element nesting kept. Readability's cost grows steeply with depth (500 nested <div>s: ~2 s, 2,000:
 * over 30 s) and linkedom's parse too (100,000: 14 s); real article pages stay far below this.
 */
export const MAX_HTML_DEPTH = 128;

/** Elements that never have content, and those the parser closes itself when the next one opens (never nested deep). */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'tbody', 'tfoot', 'rt', 'rp']);
/** Raw text: their content is not markup. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'noembed', 'noframes', 'iframe', 'plaintext']);

/**
 * Above this many elements Readability is skipped for the plain walk (paragraphsOf): it spends ~0.1 ms per
 * element and more on floods of empty or stray ones (11,000 empty <p>s: 1–2 s). A large news page has fewer.
 */
export const MAX_READABILITY_ELEMENTS = 10_000;

/**
 * The page with every tag nested deeper than `maxDepth` dropped (a run of dropped block-level tags becomes one
 * paragraph break), the text kept, and how many elements it opens: one linear scan of the source, before any parser
 * sees it. The html comes back unchanged when nothing is that deep.
 */
export function flattenDeepNesting(html: string, maxDepth = MAX_HTML_DEPTH): { html: string; elements: number } {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>|<!--/g;
  let depth = 0;
  let elements = 0;
  let out = '';
  let copied = 0;
  let dropped = false;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', tag.lastIndex);
      tag.lastIndex = end < 0 ? html.length : end + 3;
      continue;
    }
    const name = m[2].toLowerCase();
    const closing = m[1] === '/';
    if (!closing) elements++;
    if (!closing && RAW.has(name)) {
      // Skip to its end tag: a "<div>" inside a script is text.
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = tag.lastIndex;
      tag.lastIndex = endTag.exec(html)?.index ?? html.length;
      continue;
    }
    if (VOID.has(name) || OPTIONAL_END.has(name) || m[0].endsWith('/>')) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else depth++;
    const tooDeep = closing ? depth >= maxDepth : depth > maxDepth;
    if (!tooDeep) continue;
    // Text, not <br> elements: thousands of them would be as slow for Readability as the nesting.
    const between = html.slice(copied, m.index);
    if (!dropped || copied !== m.index) out += between + (BLOCK.has(name) ? '\n\n' : ' ');
    copied = tag.lastIndex;
    dropped = true;
  }
  return { html: dropped ? out + html.slice(copied) : html, elements };
}

export function extractHtml(rawHtml: string, pageUrl?: string): HtmlArticle {
  const { html, elements } = flattenDeepNesting(rawHtml);
  const { document } = parseHTML(html);
  // Metadata first: Readability rewrites the document.
  const meta = readMeta(document);
  let paragraphs: string[] = [];
  let rTitle: string | undefined;
  let rSite: string | undefined;
  let rDate: string | undefined;
  try {
    if (elements > MAX_READABILITY_ELEMENTS) throw new Error('too many elements for Readability');
    const clone = parseHTML(html).document;
    const parsed = new libraries!.Readability(clone as unknown as Document, { charThreshold: 200 }).parse();
    if (parsed?.content) {
      paragraphs = paragraphsOf(parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`).document.body as El);
      rTitle = parsed.title ?? undefined;
      rSite = parsed.siteName ?? undefined;
      rDate = parsed.publishedTime ?? undefined;
    }
  } catch {
    // Readability can fail on odd markup (or be skipped on a huge page); the plain walk below still gets the text.
  }
  if (paragraphs.length === 0 && document.body) paragraphs = paragraphsOf(document.body as El);
  // <title> often ends in " | Section | Site"; the corpus reader's rule drops that suffix.
  const title = cleanTitle(withoutSiteSuffix(meta.title ?? rTitle ?? meta.docTitle ?? '')) || undefined;
  // The headline repeated as the first paragraph is not content.
  if (title && paragraphs.length > 0 && cleanLine(paragraphs[0]) === title) paragraphs = paragraphs.slice(1);
  const canonical = meta.canonical ? absolute(meta.canonical, pageUrl) : undefined;
  return {
    title,
    siteName: cleanLine(meta.siteName ?? rSite ?? '') || undefined,
    date: meta.date ?? normalizeDate(rDate),
    canonicalUrl: canonical,
    paragraphs,
  };
}

interface PageMeta { title?: string; docTitle?: string; siteName?: string; date?: string; canonical?: string }

function readMeta(document: Doc): PageMeta {
  const metaContent = (selectors: string[]): string | undefined => {
    for (const sel of selectors) {
      const v = document.querySelector(sel)?.getAttribute('content');
      if (v && v.trim()) return v.trim();
    }
    return undefined;
  };
  const ld = readJsonLd(document);
  const timeEl = document.querySelector('article time[datetime], time[pubdate][datetime], time[datetime]');
  const dateCandidates = [
    metaContent(['meta[property="article:published_time"]', 'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]', 'meta[name="publish-date"]',
      'meta[name="parsely-pub-date"]', 'meta[name="sailthru.date"]', 'meta[name="dc.date"]', 'meta[name="DC.date"]',
      'meta[name="dcterms.created"]', 'meta[name="date"]', 'meta[property="og:published_time"]']),
    ld.datePublished,
    document.querySelector('[itemprop="datePublished"][datetime]')?.getAttribute('datetime') ?? undefined,
    timeEl?.getAttribute('datetime') ?? undefined,
  ];
  return {
    title: ld.headline ?? metaContent(['meta[property="og:title"]', 'meta[name="twitter:title"]']),
    docTitle: document.querySelector('h1')?.textContent ?? document.querySelector('title')?.textContent ?? undefined,
    siteName: metaContent(['meta[property="og:site_name"]', 'meta[name="application-name"]']) ?? ld.publisher,
    date: dateCandidates.map((d) => normalizeDate(d)).find(Boolean),
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href')
      ?? metaContent(['meta[property="og:url"]']),
  };
}

/** headline / datePublished / publisher.name from JSON-LD blocks, @graph and arrays included. */
function readJsonLd(document: Doc): { headline?: string; datePublished?: string; publisher?: string } {
  const out: { headline?: string; datePublished?: string; publisher?: string } = {};
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
    const o = node as Record<string, unknown>;
    if (typeof o.headline === 'string' && !out.headline) out.headline = o.headline;
    if (typeof o.datePublished === 'string' && !out.datePublished) out.datePublished = o.datePublished;
    const pub = o.publisher as Record<string, unknown> | undefined;
    if (pub && typeof pub === 'object' && typeof pub.name === 'string' && !out.publisher) out.publisher = pub.name;
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Broken JSON-LD is common; the other sources still count.
    }
  }
  return out;
}

/** Text of block elements as paragraphs; <br><br> also separates paragraphs. */
export function paragraphsOf(root: El): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = () => {
    for (const part of buf.split(/\n\s*\n/)) {
      const line = cleanLine(part);
      if (line) out.push(line);
    }
    buf = '';
  };
  // An explicit stack, not recursion: no nesting depth can overflow the call stack.
  const stack: Array<{ children: El[]; next: number; block: boolean }> = [{ children: Array.from(root.childNodes) as El[], next: 0, block: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.children.length) {
      stack.pop();
      if (frame.block) flush();
      continue;
    }
    const child = frame.children[frame.next++];
    if (child.nodeType === 3) buf += child.textContent ?? '';
    else if (child.nodeType === 1) {
      const tag = child.tagName.toLowerCase();
      if (SKIP.has(tag) || child.getAttribute('hidden') !== null || child.getAttribute('aria-hidden') === 'true') continue;
      if (tag === 'br') {
        buf += '\n';
        continue;
      }
      const block = BLOCK.has(tag);
      if (block) flush();
      stack.push({ children: Array.from(child.childNodes) as El[], next: 0, block });
    }
  }
  flush();
  return out;
}

function absolute(href: string, base: string | undefined): string | undefined {
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}
