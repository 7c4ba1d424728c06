// kill -9 in the middle of a poll loses nothing and imports nothing twice: the poller is killed right after an
// article was stored (before the feed recorded it), while an article file was half-way in, and before a review
// card was posted; the next poll finishes the work exactly once.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/read.js';
import { pollFeed, type FeedDeps } from '../src/feeds/poll.js';
import { FeedPoller } from '../src/feeds/poller.js';
import { feedSettings } from '../src/feeds/settings.js';
import { loadState, updateState } from '../src/feeds/state.js';
import { recoverCorpus } from '../src/moderation/store.js';
import { blockedAddressReason } from '../src/moderation/netguard.js';
import { moderationSettings } from '../src/moderation/settings.js';
import { conditional, html, rss, startFeedSite, storyPage, type FeedSite, type Story } from './feeds-server.js';

let site: FeedSite;
let dir: string;

const STORIES: Story[] = ['amber', 'birch', 'cedar', 'dune'].map((w, n) => ({
  slug: w, title: `Round ${n + 1} of the ${w} talks`, date: `2025-06-0${n + 1}`,
  speaker: `Envoy Kari ${w[0]!.toUpperCase()}${w.slice(1)}sen`, quote: `The ${w} round ended with a short joint statement.`,
}));

const QUEUED: Story[] = ['elm', 'fir'].map((w, n) => ({
  slug: w, title: `Queued story about the ${w} memo`, date: `2025-07-0${n + 1}`,
  speaker: `Minister Ola ${w[0]!.toUpperCase()}${w.slice(1)}berg`, quote: `The ${w} memo is ready for signature.`,
}));

beforeAll(async () => {
  site = await startFeedSite();
  for (const s of STORIES) site.routes.set(`/news/${s.slug}`, html(storyPage(s)));
  site.routes.set('/rss', conditional('application/rss+xml', () => rss('Courier', STORIES.map((s) => ({ title: s.title, link: `${site.base}/news/${s.slug}`, guid: s.slug, date: s.date })).reverse())));
  for (const s of QUEUED) site.routes.set(`/news/${s.slug}`, html(storyPage(s)));
  site.routes.set('/rss2', conditional('application/rss+xml', () => rss('Courier 2', QUEUED.map((s) => ({ title: s.title, link: `${site.base}/news/${s.slug}`, guid: s.slug, date: s.date })).reverse())));
  dir = await mkdtemp(join(tmpdir(), 'talks-bot-feeds-crash-'));
  await cp(resolve('corpus'), dir, { recursive: true });
});
afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

async function feed(id: string, approval: boolean, path = '/rss'): Promise<void> {
  await updateState(dir, (s) => {
    s.feeds.push({
      id, name: 'Courier', url: `${site.base}${path}`, keywords: [], approval, backfill: 10, paused: false, addedBy: 't', addedAt: new Date().toISOString(),
      primed: false, seen: [], retries: {}, errorCount: 0, itemErrors: [], imported: 0, queued: 0,
    });
  });
}

async function killedChild(feedId: string, mode: string): Promise<void> {
  const err = await promisify(execFile)(process.execPath, ['--import', 'tsx', resolve('test/feeds-crash-child.ts'), dir, feedId, mode], { cwd: resolve('.') })
    .then(() => null, (e: { signal?: string }) => e);
  expect(err?.signal).toBe('SIGKILL');
}

function deps(post?: FeedDeps['post']): FeedDeps {
  return {
    mctx: { dir, settings: { ...moderationSettings({}), urlTimeoutMs: 2000 } },
    settings: feedSettings({}), now: () => new Date(), log: () => undefined, post,
    addressPolicy: (ip) => (ip === '127.0.0.1' ? null : blockedAddressReason(ip)),
  };
}

async function copiesOf(s: Story): Promise<number> {
  let n = 0;
  for (const name of await readdir(dir)) {
    if (name.startsWith('.') || !name.endsWith('.md')) continue;
    if ((await readFile(join(dir, name), 'utf8')).includes(s.quote)) n++;
  }
  return n;
}

describe('kill -9 during a poll', () => {
  it('auto-add: killed after an add and during a write, the next poll ends with each article exactly once', async () => {
    await feed('fauto', false);
    await killedChild('fauto', 'after-add');
    expect(await copiesOf(STORIES[0]!)).toBe(1);
    expect(await copiesOf(STORIES[1]!)).toBe(1); // stored, though the feed never recorded it
    await killedChild('fauto', 'temp-write');
    // Start-up recovery clears the half-written file, as the bot does when it starts.
    expect((await recoverCorpus(dir)).join('\n')).toMatch(/removed stale temp file/);
    const r = await pollFeed(deps(), 'fauto');
    expect(r.status).toBe('ok');
    for (const s of STORIES) expect(await copiesOf(s), s.slug).toBe(1);
    const { problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    const f = (await loadState(dir)).feeds.find((x) => x.id === 'fauto')!;
    expect(f.seen.sort()).toEqual(['amber', 'birch', 'cedar', 'dune']);
    expect((await pollFeed(deps(), 'fauto')).status).toBe('not-modified');
  }, 30_000);

  it('approval: killed before the card was posted, the restart posts it once and queues nothing twice', async () => {
    await feed('fqueue', true, '/rss2');
    await killedChild('fqueue', 'post');
    const before = (await loadState(dir)).queue.filter((q) => q.feedId === 'fqueue');
    expect(before).toHaveLength(1);
    expect(before[0]!.messageId).toBeUndefined();
    const posted: string[] = [];
    const poller = new FeedPoller({ ...deps(async (_c, body) => { posted.push(JSON.stringify(body)); return String(10_000 + posted.length); }), defaultChannelId: '123' }, 60_000);
    poller.start();
    await poller.checkNow('fqueue');
    poller.stop();
    const after = (await loadState(dir)).queue.filter((q) => q.feedId === 'fqueue');
    // The item queued before the kill got its card at start-up, the second one when it was queued: one card each.
    expect(after.map((q) => q.title)).toEqual([QUEUED[0]!.title, QUEUED[1]!.title]);
    expect(after.map((q) => q.messageId)).toEqual(['10001', '10002']);
    expect(posted).toHaveLength(2);
    expect(posted[0]).toContain('elm memo');
    expect(posted[1]).toContain('fir memo');
    for (const s of QUEUED) expect(await copiesOf(s)).toBe(0); // waiting for review, not in the corpus
  }, 30_000);
});
