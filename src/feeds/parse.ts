// Feed bytes (RSS 2.0, Atom, RDF or JSON Feed) → a plain list of items, with feedsmith. Only bytes we fetched
// ourselves are parsed: the parser never touches the network.
import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { cleanLine, normalizeDate } from '../moderation/text.js';

export interface FeedItem {
  /** What identifies the item across polls: its guid/id, else its link, else a hash of title and date. */
  key: string;
  title: string;
  /** Absolute http(s) link to the article page, when the item has one. */
  link?: string;
  /** YYYY-MM-DD when the item states a date. */
  date?: string;
  /** The item's own text (summary or content, may be HTML), for keyword filters and items without a page. */
  content: string;
}

export interface ParsedFeed {
  format: string;
  title?: string;
  /** Newest first, as feeds list them. */
  items: FeedItem[];
}

export class FeedParseError extends Error {}

/** At most this many items are read from one feed document. */
export const MAX_ITEMS = 200;

type Loose = Record<string, unknown>;

/** A string from feedsmith's fields, which are plain strings or `{ value }` objects depending on the format. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as Loose).value === 'string') return (v as Loose).value as string;
  return undefined;
}

function absoluteLink(href: string | undefined, base: string): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function atomLink(entry: Loose): string | undefined {
  const links = Array.isArray(entry.links) ? (entry.links as Loose[]) : [];
  const alt = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  return typeof alt?.href === 'string' ? alt.href : undefined;
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ');
}

export function parseFeedBytes(bytes: Uint8Array, feedUrl: string): ParsedFeed {
  const raw = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(raw);
  } catch (err) {
    throw new FeedParseError(`This is not a feed I can read (RSS, Atom or JSON Feed): ${(err as Error).message}.`);
  }
  const feed = parsed.feed as unknown as Loose;
  const list = (parsed.format === 'atom' ? feed.entries : feed.items) as Loose[] | undefined;
  const items: FeedItem[] = [];
  for (const it of (Array.isArray(list) ? list : []).slice(0, MAX_ITEMS)) {
    let title: string | undefined;
    let link: string | undefined;
    let date: string | undefined;
    let id: string | undefined;
    let content: string;
    if (parsed.format === 'atom') {
      title = text(it.title);
      link = atomLink(it);
      date = text(it.published) ?? text(it.updated);
      id = text(it.id);
      content = text(it.content) ?? text(it.summary) ?? '';
    } else if (parsed.format === 'json') {
      title = text(it.title);
      link = text(it.url) ?? text(it.external_url);
      date = text(it.date_published) ?? text(it.date_modified);
      id = text(it.id) ?? (typeof it.id === 'number' ? String(it.id) : undefined);
      content = text(it.content_html) ?? text(it.content_text) ?? text(it.summary) ?? '';
    } else {
      title = text(it.title);
      link = text(it.link);
      const dc = it.dc as Loose | undefined;
      date = text(it.pubDate) ?? text(dc?.date) ?? (Array.isArray(dc?.dates) ? text(dc.dates[0]) : undefined);
      id = text(it.guid);
      const encoded = (it.content as Loose | undefined)?.encoded;
      content = text(encoded) ?? text(it.description) ?? '';
    }
    const cleanTitle = cleanLine(stripTags(title ?? '')).slice(0, 300);
    const abs = absoluteLink(link, feedUrl);
    const day = normalizeDate(date);
    if (!cleanTitle && !abs && !content.trim()) continue;
    const key = (id?.trim() || abs || `hash:${createHash('sha256').update(`${cleanTitle}\n${day ?? ''}\n${content}`).digest('hex').slice(0, 24)}`).slice(0, 500);
    items.push({ key, title: cleanTitle, link: abs, date: day, content: content.slice(0, 100_000) });
  }
  return { format: parsed.format, title: cleanLine(stripTags(text(feed.title) ?? '')).slice(0, 100) || undefined, items };
}

/** Plain text of an item's own content (for keyword matching). */
export function itemText(item: FeedItem): string {
  return `${item.title}\n${cleanLine(stripTags(item.content))}`;
}
