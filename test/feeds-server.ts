// A local news site for the feed tests (127.0.0.1 only): feeds in RSS 2.0, Atom and JSON Feed, article pages,
// and the bad cases (broken XML, huge, slow, redirects). Every text here is synthetic. Not a test file itself.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedSite {
  base: string;
  routes: Map<string, Handler>;
  /** Requests seen, by path (with the conditional headers they carried). */
  hits: Array<{ path: string; ifNoneMatch?: string; ifModifiedSince?: string }>;
  close(): Promise<void>;
}

export async function startFeedSite(): Promise<FeedSite> {
  const routes = new Map<string, Handler>();
  const hits: FeedSite['hits'] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.push({ path, ifNoneMatch: req.headers['if-none-match'] as string | undefined, ifModifiedSince: req.headers['if-modified-since'] as string | undefined });
    const h = routes.get(path);
    if (!h) return void res.writeHead(404).end('not here');
    h(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base, routes, hits,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Serves `body()` with an ETag and Last-Modified, answering 304 when the client already has this version. */
export function conditional(contentType: string, body: () => string): Handler {
  return (req, res) => {
    const text = body();
    const etag = `"${Buffer.from(text).length}-${hashOf(text)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': contentType, etag, 'last-modified': 'Mon, 02 Jun 2025 08:00:00 GMT' }).end(text);
  };
}

function hashOf(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

export const html = (body: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);

export interface Story {
  slug: string;
  title: string;
  date?: string;
  speaker: string;
  quote: string;
}

/** An article page in the shape news sites use (nav, article, footer), with one attributed quote. */
export function storyPage(s: Story, site = 'Harbour Courier'): string {
  return `<!doctype html><html><head><title>${s.title} | ${site}</title>
<meta property="og:site_name" content="${site}"><meta property="og:title" content="${s.title}">
${s.date ? `<meta property="article:published_time" content="${s.date}T07:30:00Z">` : ''}
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${s.title}</h1>
<p>${s.speaker} said: “${s.quote}”</p>
<p>The statement came after a long day of meetings in the lakeside conference hall, where delegations from both sides discussed the next steps and the schedule for technical working groups.</p>
<p>Officials who took part said further rounds were planned but gave no dates for them.</p>
</article><footer>Subscribe to the Harbour Courier newsletter</footer></body></html>`;
}

export interface ItemSpec { title?: string; link?: string; guid?: string; date?: string; description?: string }

const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function rss(title: string, items: ItemSpec[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${x(title)}</title><link>http://example.invalid/</link><description>test</description>
${items.map((i) => `<item>${i.title ? `<title>${x(i.title)}</title>` : ''}${i.link ? `<link>${x(i.link)}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${x(i.guid)}</guid>` : ''}${i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''}${i.description ? `<description>${x(i.description)}</description>` : ''}</item>`).join('\n')}
</channel></rss>`;
}

export function atom(title: string, items: ItemSpec[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${x(title)}</title><id>urn:test:feed</id><updated>2025-06-02T08:00:00Z</updated>
${items.map((i) => `<entry><title>${x(i.title ?? '')}</title>${i.link ? `<link rel="alternate" href="${x(i.link)}"/>` : ''}<id>${x(i.guid ?? i.link ?? '')}</id>${i.date ? `<updated>${i.date}T08:00:00Z</updated>` : ''}${i.description ? `<summary>${x(i.description)}</summary>` : ''}</entry>`).join('\n')}
</feed>`;
}

export function jsonFeed(title: string, items: ItemSpec[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1', title,
    items: items.map((i) => ({ id: i.guid ?? i.link, url: i.link, title: i.title, date_published: i.date ? `${i.date}T08:00:00Z` : undefined, content_text: i.description })),
  });
}
