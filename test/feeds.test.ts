// Feeds without Discord: polling a local site through the real network guard, the first poll, conditional GET,
// the three formats, deduplication, backoff, and every kind of bad feed or page a site could serve.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Client } from 'discord.js';
import type { BotConfig } from '../src/config.js';
import type { Engine } from '../src/engine.js';
import { decisionLine } from '../src/feeds/card.js';
import { describeFeed } from '../src/feeds/describe.js';
import { addArticle } from '../src/moderation/service.js';
import { feedsDir, removeStaleTemps } from '../src/feeds/files.js';
import { pollerFor } from '../src/feeds/poller.js';
import { startFeeds } from '../src/feeds/runtime.js';
import { matchesKeywords, parseKeywords, uselessKeywords } from '../src/feeds/keywords.js';
import { parseFeedBytes } from '../src/feeds/parse.js';
import { pollFeed, type FeedDeps } from '../src/feeds/poll.js';
import { decideItem } from '../src/feeds/review.js';
import { feedSettings, nextDelayMs } from '../src/feeds/settings.js';
import { loadDraft, loadState, updateState, type FeedRecord, type QueueItem } from '../src/feeds/state.js';
import { blockedAddressReason } from '../src/moderation/netguard.js';
import { moderationSettings } from '../src/moderation/settings.js';
import { atom, conditional, html, jsonFeed, rss, startFeedSite, storyPage, type FeedSite, type Story } from './feeds-server.js';

let site: FeedSite;
let dir: string;
let clock: number;
let logs: string[];

beforeAll(async () => { site = await startFeedSite(); });
afterAll(async () => { await site.close(); });
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talks-bot-feeds-'));
  await cp(resolve('corpus'), dir, { recursive: true });
  site.routes.clear();
  site.hits.length = 0;
  clock = Date.parse('2025-06-02T09:00:00Z');
  logs = [];
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

/** The real guard, except that the test site on 127.0.0.1 may be reached. */
const onlyTestSite = (ip: string) => (ip === '127.0.0.1' ? null : blockedAddressReason(ip));

function deps(over: Partial<FeedDeps> = {}): FeedDeps {
  return {
    mctx: { dir, settings: { ...moderationSettings({}), urlTimeoutMs: 700, maxUrlBytes: 256 * 1024 }, log: (l) => logs.push(l) },
    settings: { ...feedSettings({}), maxFeedBytes: 512 * 1024 },
    now: () => new Date(clock),
    log: (l) => logs.push(l),
    addressPolicy: onlyTestSite,
    ...over,
  };
}

async function addFeed(url: string, p: Partial<FeedRecord> = {}): Promise<string> {
  const id = p.id ?? `f${Math.random().toString(16).slice(2, 8)}`;
  await updateState(dir, (s) => {
    s.feeds.push({
      id, name: 'Harbour Courier', url, keywords: [], approval: false, backfill: 0, paused: false, addedBy: 'test', addedAt: new Date(clock).toISOString(),
      primed: false, seen: [], retries: {}, errorCount: 0, itemErrors: [], imported: 0, queued: 0, ...p,
    });
  });
  return id;
}

const feedOf = async (id: string) => (await loadState(dir)).feeds.find((f) => f.id === id)!;
const articles = async () => (await readdir(dir)).filter((n) => !n.startsWith('.'));
const story = (slug: string, title: string, speaker: string, quote: string, date = '2025-06-02'): Story => ({ slug, title, date, speaker, quote });

function publish(stories: Story[]): void {
  for (const s of stories) site.routes.set(`/news/${s.slug}`, html(storyPage(s)));
}

describe('polling a feed', () => {
  it('first poll marks what is there as seen; a new item is then added like /add-article url:, once', async () => {
    const items = [story('a1', 'Envoys agree on a timetable', 'Envoy Mara Lindqvist', 'We agreed on a timetable for the pelican talks.')];
    publish(items);
    let feedItems = items.map((s) => ({ title: s.title, link: `${site.base}/news/${s.slug}`, guid: s.slug, date: s.date }));
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Harbour Courier', feedItems)));
    const id = await addFeed(`${site.base}/rss`);
    const first = await pollFeed(deps(), id);
    expect(first.status).toBe('primed');
    expect(first.summary).toMatch(/1 item already in the feed marked as seen/);
    const before = await articles();
    expect(before).toHaveLength(5);

    // Unchanged: the conditional GET gets a 304 and nothing happens.
    const again = await pollFeed(deps(), id);
    expect(again.status).toBe('not-modified');
    expect(site.hits.at(-1)?.ifNoneMatch).toMatch(/^"/);

    const fresh = story('b2', 'Minister sets out ceasefire terms', 'Foreign Minister Tomas Brandt', 'The ceasefire must hold along the whole orchard line.');
    publish([fresh]);
    feedItems = [{ title: fresh.title, link: `${site.base}/news/b2?utm_source=rss`, guid: 'b2', date: fresh.date }, ...feedItems];
    const r = await pollFeed(deps(), id);
    expect(r.status).toBe('ok');
    expect(r.added).toEqual(['2025-06-02-minister-sets-out-ceasefire-terms']);
    const stored = await readFile(join(dir, '2025-06-02-minister-sets-out-ceasefire-terms.md'), 'utf8');
    expect(stored).toContain('added_by: "feed Harbour Courier"');
    expect(stored).toContain('orchard line');
    expect(stored).not.toMatch(/Subscribe|Home/);
    const audit = (await readFile(join(dir, '.audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ action: 'add', article: '2025-06-02-minister-sets-out-ceasefire-terms' });

    // The same story under another guid and with other tracking parameters is a duplicate, not a second article.
    feedItems = [{ title: fresh.title, link: `${site.base}/news/b2?utm_medium=social&fbclid=x`, guid: 'b2-again', date: fresh.date }, ...feedItems];
    const dup = await pollFeed(deps(), id);
    expect(dup.added).toEqual([]);
    expect(dup.skipped).toBe(1);
    expect(await articles()).toHaveLength(6);
    const f = await feedOf(id);
    expect(f.imported).toBe(1);
    expect(f.errorCount).toBe(0);
    expect(f.seen).toEqual(expect.arrayContaining(['a1', 'b2', 'b2-again']));
  });

  it('backfill takes the newest N items on the first poll; Atom and JSON Feed read like RSS', async () => {
    const s1 = story('c1', 'Talks resume in the lakeside hall', 'Mediator Ines Korhonen', 'Both delegations returned to the walnut table this morning.');
    const s2 = story('c2', 'Prisoner lists exchanged', 'Ombudsman Petra Vogel', 'The lists of the lantern exchange were handed over today.', '2025-06-03');
    publish([s1, s2]);
    const entries = [s2, s1].map((s) => ({ title: s.title, link: `${site.base}/news/${s.slug}`, guid: `urn:${s.slug}`, date: s.date }));
    site.routes.set('/atom', conditional('application/atom+xml', () => atom('Lakeside Wire', entries)));
    const a = await addFeed(`${site.base}/atom`, { backfill: 1 });
    const r = await pollFeed(deps(), a);
    expect(r.added).toEqual(['2025-06-03-prisoner-lists-exchanged']);

    site.routes.set('/json', conditional('application/feed+json', () => jsonFeed('Lakeside JSON', [{ title: s1.title, link: `${site.base}/news/c1`, guid: 'j1', date: s1.date }])));
    const j = await addFeed(`${site.base}/json`, { backfill: 5 });
    const rj = await pollFeed(deps(), j);
    expect(rj.added).toEqual(['2025-06-02-talks-resume-in-the-lakeside-hall']);
  });

  it('items without a link are read from their own text; items without a date take the page date or none', async () => {
    const page = story('d1', 'Deputy speaks on grain route', 'Deputy Minister Olek Marsh', 'The grain route through the strait stays open for now.', '2025-06-04');
    publish([{ ...page, date: undefined }]);
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [
      { title: page.title, link: `${site.base}/news/d1`, guid: 'd1' },
      { title: 'Statement from the delegation', guid: 'n1', date: '2025-06-05', description: '<p>Delegation head Rafael Ortiz said: “We will return to the quartz room on Monday with a full written proposal.”</p><p>He spoke to reporters outside.</p>' },
      { guid: 'empty' },
    ])));
    const id = await addFeed(`${site.base}/rss`, { backfill: 5 });
    const r = await pollFeed(deps(), id);
    expect(r.itemErrors).toEqual([]);
    expect(r.added.sort()).toEqual(['2025-06-05-statement-from-the-delegation', 'deputy-speaks-on-grain-route']);
    const own = await readFile(join(dir, '2025-06-05-statement-from-the-delegation.md'), 'utf8');
    expect(own).toContain('quartz room');
    expect(own).toContain('source: "Harbour Courier"');
  });

  it('duplicates inside one feed document and across feeds are added once', async () => {
    const s1 = story('dup', 'One story, many entries', 'Spokesperson Ada Quist', 'One statement on the willow accord, listed many times.');
    publish([s1]);
    const entry = { title: s1.title, link: `${site.base}/news/dup`, guid: 'same', date: s1.date };
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [entry, entry, { ...entry, guid: 'other', link: `${site.base}/news/dup?utm_campaign=z#top` }])));
    site.routes.set('/atom', conditional('application/atom+xml', () => atom('Mirror', [{ ...entry, guid: 'urn:mirror' }])));
    const a = await addFeed(`${site.base}/rss`, { backfill: 5 });
    const b = await addFeed(`${site.base}/atom`, { backfill: 5, name: 'Mirror' });
    const ra = await pollFeed(deps(), a);
    const rb = await pollFeed(deps(), b);
    expect(ra.added).toEqual(['2025-06-02-one-story-many-entries']);
    expect(ra.skipped).toBe(1);
    expect(rb.added).toEqual([]);
    expect(rb.skipped).toBe(1);
    expect(await articles()).toHaveLength(6);
  });

  it('keywords keep only matching items, with search term processing (plural, hyphen, accents)', async () => {
    expect(matchesKeywords(['ceasefire'], 'The cease-fire held overnight')).toBe(true);
    expect(matchesKeywords(['Erdoğan'], 'President Erdogan spoke')).toBe(true);
    expect(matchesKeywords(['prisoner exchanges'], 'The prisoner exchange happened')).toBe(true);
    expect(matchesKeywords(['prisoner exchanges'], 'The prisoner was freed')).toBe(false);
    expect(parseKeywords(' ceasefire, prisoner  exchange ,, ')).toEqual(['ceasefire', 'prisoner exchange']);
    expect(uselessKeywords(['the', 'ceasefire'])).toEqual(['the']);
    const a = story('k1', 'Harvest festival opens', 'Mayor Lena Fisk', 'The harvest festival opens its gates to everyone.');
    const b = story('k2', 'Talks on energy', 'Negotiator Aris Demir', 'A truce on energy sites is within reach, the negotiator said.');
    publish([a, b]);
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [a, b].map((s) => ({ title: s.title, link: `${site.base}/news/${s.slug}`, guid: s.slug })))));
    const id = await addFeed(`${site.base}/rss`, { backfill: 5, keywords: ['truces'] });
    const r = await pollFeed(deps(), id);
    // "truces" is only in the second page's text, not in any title: the page is read before deciding.
    expect(r.added).toEqual(['2025-06-02-talks-on-energy']);
    expect(r.skipped).toBe(1);
  });
});

describe('bad feeds and pages', () => {
  it('broken XML, a 20 MB feed and an HTML page are refused, recorded in words, with exponential backoff', async () => {
    site.routes.set('/broken', (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><title>Half an it'));
    const huge = Buffer.alloc(20 * 1024 * 1024, 'a');
    site.routes.set('/huge', (_q, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(huge));
    site.routes.set('/page', html('<html><body><p>Just a page.</p></body></html>'));
    const broken = await addFeed(`${site.base}/broken`);
    const r1 = await pollFeed(deps(), broken);
    expect(r1.status).toBe('error');
    expect(r1.error).toMatch(/not a feed I can read/);
    let f = await feedOf(broken);
    expect(f.errorCount).toBe(1);
    const s = deps().settings;
    expect(Date.parse(f.nextPollAt!) - clock).toBe(nextDelayMs(s, 1));
    await pollFeed(deps(), broken);
    f = await feedOf(broken);
    expect(f.errorCount).toBe(2);
    expect(Date.parse(f.nextPollAt!) - clock).toBe(2 * nextDelayMs(s, 1));
    expect(nextDelayMs(s, 40)).toBe(6 * 60 * 60_000);
    expect(describeFeed(f, new Date(clock), (t) => t)).toMatch(/failing \(2 errors in a row\)[\s\S]*last error .*not a feed I can read/);

    const big = await addFeed(`${site.base}/huge`);
    const r2 = await pollFeed(deps(), big);
    expect(r2.error).toBe('The feed is larger than the 512 KB limit.');
    const page = await addFeed(`${site.base}/page`);
    expect((await pollFeed(deps(), page)).error).toMatch(/not a feed/);
    const gone = await addFeed(`${site.base}/nothing-here`);
    expect((await pollFeed(deps(), gone)).error).toMatch(/HTTP 404/);
    expect(await articles()).toHaveLength(5);
  });

  it('a feed on a private address is refused by the guard; so is an item page redirecting to one (shown in the list)', async () => {
    const priv = await addFeed('http://10.20.30.40/rss');
    expect((await pollFeed(deps(), priv)).error).toMatch(/Refused: `10\.20\.30\.40` points at 10\.20\.30\.40, a private address/);
    site.routes.set('/news/trap', (_q, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const ok = story('ok1', 'Summit date confirmed', 'Spokesperson Ada Quist', 'The summit will open on the first day of the heron month.');
    publish([ok]);
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [
      { title: 'Innocent-looking item', link: `${site.base}/news/trap`, guid: 'trap' },
      { title: ok.title, link: `${site.base}/news/ok1`, guid: 'ok1' },
    ])));
    const id = await addFeed(`${site.base}/rss`, { backfill: 5 });
    const r = await pollFeed(deps(), id);
    expect(r.added).toEqual(['2025-06-02-summit-date-confirmed']);
    expect(r.itemErrors).toHaveLength(1);
    expect(r.itemErrors[0]).toMatch(/Innocent-looking item.*Refused: `169\.254\.169\.254`.*link-local/);
    const f = await feedOf(id);
    expect(f.seen).toContain('trap'); // refused for good, not retried
    expect(describeFeed(f, new Date(clock), (t) => t)).toMatch(/item problem: .*169\.254\.169\.254/);
  });

  it('a slow page is retried on later polls, then given up; a huge page is refused by size', async () => {
    site.routes.set('/news/slow', () => undefined); // never answers
    site.routes.set('/news/big', (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><p>${'word '.repeat(80_000)}</p></body></html>`));
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [
      { title: 'Slow one', link: `${site.base}/news/slow`, guid: 'slow' },
      { title: 'Big one', link: `${site.base}/news/big`, guid: 'big' },
    ])));
    const id = await addFeed(`${site.base}/rss`, { backfill: 5 });
    const r1 = await pollFeed(deps(), id);
    expect(r1.itemErrors.join('\n')).toMatch(/Slow one.*did not answer.*\(will retry\)/);
    expect(r1.itemErrors.join('\n')).toMatch(/Big one.*larger than the 256 KB limit/);
    expect((await feedOf(id)).etag).toBeUndefined(); // so the next poll is not answered 304 and retries the slow one
    await pollFeed(deps(), id);
    const r3 = await pollFeed(deps(), id);
    expect(r3.itemErrors.join('\n')).toMatch(/Slow one.*did not answer/);
    expect(r3.itemErrors.join('\n')).not.toMatch(/will retry/);
    expect((await feedOf(id)).seen).toEqual(expect.arrayContaining(['slow', 'big']));
    const r4 = await pollFeed(deps(), id);
    expect(r4.itemErrors).toEqual([]);
  }, 20_000);

  it('an item page is read on the parse thread, under the article time limit: too slow is refused, nothing queued', async () => {
    const paras = Array.from({ length: 3000 }, (_, n) => `<p>Paragraph ${n} says “the talks go on,” an envoy said.</p>`).join('');
    site.routes.set('/news/heavy', (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Heavy one</title></head><body><article>${paras}</article></body></html>`));
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [{ title: 'Heavy one', link: `${site.base}/news/heavy`, guid: 'heavy' }])));
    // With approval on, nothing else reads the page before it is queued: only the parse thread's limit can refuse it.
    const id = await addFeed(`${site.base}/rss`, { backfill: 5, approval: true });
    const strict = deps();
    strict.mctx = { ...strict.mctx, settings: { ...strict.mctx.settings, articleTimeoutMs: 1 } };
    const r = await pollFeed(strict, id);
    expect(r.itemErrors.join('\n')).toMatch(/Heavy one.*took longer than the 1 ms limit/);
    expect(r.queued).toEqual([]);
    expect((await loadState(dir)).queue).toEqual([]);
  }, 20_000);

  it('parses what a hostile feed sends without trusting it: script links, junk, thousands of items', () => {
    const many = rss('Many', Array.from({ length: 5000 }, (_, n) => ({ title: `Item ${n}`, link: n % 2 ? `javascript:alert(${n})` : `/rel/${n}`, guid: `g${n}` })));
    const parsed = parseFeedBytes(Buffer.from(many), 'https://news.example/feed');
    expect(parsed.items).toHaveLength(200);
    expect(parsed.items[0]!.link).toBe('https://news.example/rel/0');
    expect(parsed.items[1]!.link).toBeUndefined();
    const rdf = parseFeedBytes(Buffer.from('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link><description>d</description></channel><item rdf:about="https://r.example/a"><title>A story</title><link>https://r.example/a</link><dc:date>2025-06-02T10:00:00Z</dc:date></item></rdf:RDF>'), 'https://r.example/');
    expect(rdf.items).toEqual([expect.objectContaining({ title: 'A story', link: 'https://r.example/a', date: '2025-06-02' })]);
    expect(() => parseFeedBytes(Buffer.from('{"not":"a feed"}'), 'https://x.example/')).toThrow(/not a feed/);
    expect(() => parseFeedBytes(Buffer.from([0xff, 0xfe, 0x00, 0x01]), 'https://x.example/')).toThrow(/not a feed/);
  });
});

describe('the review queue', () => {
  it('queues with quotes, approves once (audited), a second decision says it was decided', async () => {
    const s = story('q1', 'Envoy names the venue', 'Envoy Mara Lindqvist', 'The next round will be held in the amber palace.');
    publish([s]);
    const posted: Array<{ channel: string; body: unknown }> = [];
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [{ title: s.title, link: `${site.base}/news/q1`, guid: 'q1' }])));
    const id = await addFeed(`${site.base}/rss`, { backfill: 1, approval: true, channelId: '123456789012345678' });
    const r = await pollFeed(deps({ post: async (channel, body) => { posted.push({ channel, body }); return '999000111222333444'; } }), id);
    expect(r.queued).toHaveLength(1);
    expect(await articles()).toHaveLength(5);
    const q = (await loadState(dir)).queue[0]!;
    expect(q).toMatchObject({ status: 'pending', title: 'Envoy names the venue', source: 'Harbour Courier', date: '2025-06-02', messageId: '999000111222333444' });
    expect(q.quotes[0]).toMatchObject({ speaker: 'Mara Lindqvist' });
    expect(JSON.stringify(posted[0]!.body)).toMatch(/amber palace.*Mara Lindqvist.*feeds:approve:/);
    expect(await loadDraft(dir, q.id)).toMatchObject({ title: 'Envoy names the venue' });

    const mctx = deps().mctx;
    const mod = { id: '42', name: 'mod' };
    const [a, b] = await Promise.all([decideItem(mctx, q.id, 'approve', mod), decideItem(mctx, q.id, 'reject', { id: '43', name: 'other' })]);
    expect(a).toMatchObject({ kind: 'decided', article: '2025-06-02-envoy-names-the-venue' });
    expect(b).toMatchObject({ kind: 'already', item: { status: 'approved', decidedBy: 'mod (42)' } });
    const stored = await readFile(join(dir, '2025-06-02-envoy-names-the-venue.md'), 'utf8');
    expect(stored).toContain('added_by: "feed Harbour Courier, approved by 42 (mod)"');
    // Polling again neither re-queues nor re-adds it.
    const again = await pollFeed(deps(), id);
    expect(again.queued).toEqual([]);
    expect(await articles()).toHaveLength(6);
  });

  it('a rejection is audited and nothing is added', async () => {
    const s = story('q2', 'Rumour about a deal', 'Analyst Bo Lind', 'A deal on the copper bridge is near.');
    publish([s]);
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [{ title: s.title, link: `${site.base}/news/q2`, guid: 'q2' }])));
    const id = await addFeed(`${site.base}/rss`, { backfill: 1, approval: true });
    await pollFeed(deps(), id);
    const q = (await loadState(dir)).queue[0]!;
    const r = await decideItem(deps().mctx, q.id, 'reject', { id: '42', name: 'mod' });
    expect(r).toMatchObject({ kind: 'decided', item: { status: 'rejected' } });
    const audit = (await readFile(join(dir, '.audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ action: 'reject', moderator: { id: '42' }, title: 'Rumour about a deal' });
    expect(await articles()).toHaveLength(5);
    expect((await decideItem(deps().mctx, 'qnope', 'approve', { id: '42', name: 'mod' })).kind).toBe('unknown');
  });

  it('approving an item someone added by hand meanwhile adds nothing and says where it is', async () => {
    const s = story('q3', 'Memo on the slate talks', 'Adviser Nils Berg', 'The slate talks memo is final.');
    publish([s]);
    site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', [{ title: s.title, link: `${site.base}/news/q3`, guid: 'q3' }])));
    const id = await addFeed(`${site.base}/rss`, { backfill: 1, approval: true });
    await pollFeed(deps(), id);
    const q = (await loadState(dir)).queue[0]!;
    const byHand = await addArticle(deps().mctx, (await loadDraft(dir, q.id))!, { id: '7', name: 'hand' });
    const r = await decideItem(deps().mctx, q.id, 'approve', { id: '42', name: 'mod' });
    expect(r).toMatchObject({ kind: 'decided', article: byHand.id, item: { alreadyInCorpus: true } });
    expect(decisionLine((r as { item: QueueItem }).item)).toMatch(/already in the corpus as `2025-06-02-memo-on-the-slate-talks`/);
    expect(await articles()).toHaveLength(6);
  });
});

describe('who polls, and clean-up', () => {
  const config = { corpusDir: '', modRoleIds: [], modLogChannelId: null, maxAttachmentBytes: 1024, allowPrivateUrls: false, feeds: feedSettings({}) } as unknown as BotConfig;
  const engineAt = (d: string) => ({ dir: d, allArticles: () => [] }) as unknown as Engine;
  const clientOn = (ids: number[] | null) => ({ shard: ids ? { ids, count: 2 } : null, rest: { post: async () => ({}) } }) as unknown as Client;

  it('only shard 0 (or a single process) polls; FEED_POLLING=off turns polling off', () => {
    const opts = (ids: number[] | null, env: Record<string, string> = {}) => ({ client: clientOn(ids), engine: engineAt(dir), config: { ...config, feeds: feedSettings(env) }, log: () => undefined, corpusChanged: async () => undefined });
    expect(startFeeds(opts([1]))).toBeUndefined();
    expect(pollerFor(dir)).toBeUndefined();
    expect(startFeeds(opts([0], { FEED_POLLING: 'off' }))).toBeUndefined();
    const zero = startFeeds(opts([0]));
    expect(zero).toBeDefined();
    expect(pollerFor(dir)).toBe(zero!.poller);
    zero!.stop();
    expect(pollerFor(dir)).toBeUndefined();
    const alone = startFeeds(opts(null));
    expect(alone).toBeDefined();
    alone!.stop();
  });

  it('a lock left by a killed process, or by an earlier process with this pid, does not block the state', async () => {
    await mkdir(feedsDir(dir), { recursive: true });
    for (const holder of ['999999999', String(process.pid)]) {
      await writeFile(join(feedsDir(dir), 'lock'), holder);
      await updateState(dir, (s) => { s.queue = []; });
      expect(await readdir(feedsDir(dir))).not.toContain('lock');
    }
  });

  it('temp files a killed writer left in .feeds/ are removed; a live writer\'s are kept', async () => {
    await mkdir(join(feedsDir(dir), 'drafts'), { recursive: true });
    await writeFile(join(feedsDir(dir), '.tmp-999999999-abcdef'), '{');
    await writeFile(join(feedsDir(dir), 'drafts', '.tmp-999999998-abcdef'), '{');
    await writeFile(join(feedsDir(dir), `.tmp-${process.pid}-abcdef`), '{');
    expect((await removeStaleTemps(dir)).sort()).toEqual(['.tmp-999999998-abcdef', '.tmp-999999999-abcdef']);
    expect(await readdir(feedsDir(dir))).toContain(`.tmp-${process.pid}-abcdef`);
  });
});
