// Feeds end to end: the real bot against the fake Discord and a local news site. A moderator adds a feed, the
// poller finds a new item and posts a review card, a member's click is refused, a moderator approves, /who-said
// finds the quote; the queue survives a restart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCorpus, file, removeDir, startHarness, USERS, PERMISSIONS, type Harness } from './fake-discord/harness.js';
import type { FakeMessage } from './fake-discord/server.js';
import { snowflake } from './fake-discord/server.js';
import { conditional, html, rss, startFeedSite, storyPage, type FeedSite, type ItemSpec, type Story } from './feeds-server.js';

const GUILD = snowflake();
const GENERAL = snowflake();
const MOD_LOG = snowflake();
const NEWSROOM = snowflake();

let site: FeedSite;
let dir: string;
let h: Harness;
let items: ItemSpec[] = [];

const STORIES: Story[] = [
  { slug: 'old', title: 'Delegations arrive at the lakeside hall', date: '2025-06-01', speaker: 'Mediator Ines Korhonen', quote: 'Everyone is here and the kettle talks can begin.' },
  { slug: 'new', title: 'Envoy proposes a heron corridor', date: '2025-06-02', speaker: 'Envoy Mara Lindqvist', quote: 'A heron corridor for civilians should open before the summer ends.' },
  { slug: 'second', title: 'Ombudsman on the lantern exchange', date: '2025-06-03', speaker: 'Ombudsman Petra Vogel', quote: 'The lantern exchange lists are complete on our side.' },
];
const linkOf = (s: Story) => `${site.base}/news/${s.slug}`;

function env(): Record<string, string> {
  // Polls come round quickly in the test: a new item shows up without anyone running /feeds check.
  return { ALLOW_PRIVATE_URLS: 'true', MOD_LOG_CHANNEL_ID: MOD_LOG, FEED_INTERVAL_MINUTES: '0.01' };
}
const fake = () => ({
  guilds: [{ id: GUILD, name: 'Peace Talks Watchers', channels: [{ id: GENERAL, name: 'general' }, { id: MOD_LOG, name: 'mod-log' }, { id: NEWSROOM, name: 'newsroom' }] }],
});

async function waitFor<T>(what: string, get: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cardFor = (title: string) => [...h.fake.messages.values()].find((m) => m.channel_id === NEWSROOM && JSON.stringify(m.embeds).includes(title)) as FakeMessage | undefined;

beforeAll(async () => {
  site = await startFeedSite();
  for (const s of STORIES) site.routes.set(`/news/${s.slug}`, html(storyPage(s)));
  items = [{ title: STORIES[0]!.title, link: linkOf(STORIES[0]!), guid: 'old', date: STORIES[0]!.date }];
  site.routes.set('/rss', conditional('application/rss+xml', () => rss('Harbour Courier', items)));
  site.routes.set('/broken', (_q, res) => void res.writeHead(200, { 'content-type': 'text/xml' }).end('<rss><channel><item>'));
  process.env.URL_TIMEOUT_MS = '1000';
  dir = await copyCorpus();
  h = await startHarness({ corpusDir: dir, env: env(), fake: fake() });
});

afterAll(async () => {
  await h?.stop();
  await site?.close();
  await removeDir(dir);
  delete process.env.URL_TIMEOUT_MS;
});

describe('/feeds end to end', () => {
  it('is registered for moderators only, and refuses members server-side', async () => {
    const def = (h.fake.commands.get(GUILD) ?? []).find((c) => c.name === 'feeds');
    expect(def?.default_member_permissions).toBe(String(PERMISSIONS.MANAGE_MESSAGES));
    const a = await h.command('feeds list', {}, USERS.alice);
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/⛔ Only moderators/);
    const b = await h.command('feeds add', { url: `${site.base}/rss` }, USERS.bob);
    expect(b.text).toMatch(/⛔/);
  });

  it('add: refuses what is not a feed, then follows one; the first check imports nothing', async () => {
    const bad = await h.command('feeds add', { url: `${site.base}/broken` }, USERS.mod);
    expect(bad.text).toMatch(/⚠️ This is not a feed I can read/);
    const notUrl = await h.command('feeds add', { url: 'file:///etc/passwd' }, USERS.mod);
    expect(notUrl.text).toMatch(/Only http:\/\/ and https:\/\//);
    const a = await h.command('feeds add', { url: `${site.base}/rss`, channel: NEWSROOM }, USERS.mod);
    expect(a.ephemeral).toBe(true);
    expect(a.text).toMatch(/✅ Following \*\*Harbour Courier\*\* \(`f[0-9a-f]{6}`, RSS, 1 item\)\. New items go to the review queue in <#\d+>\./);
    expect(a.text).toMatch(/First check: 1 item already in the feed marked as seen/);
    const again = await h.command('feeds add', { url: `${site.base}/rss?utm_source=x` }, USERS.admin);
    expect(again.text).toMatch(/already followed as \*\*Harbour Courier\*\*/);
    const list = await h.command('feeds list', {}, USERS.mod);
    expect(list.text).toMatch(/Harbour Courier.*✅ active/);
    expect(list.text).toMatch(/approval: on/);
    expect(h.engine.article('2025-06-01-delegations-arrive-at-the-lakeside-hall')).toBeUndefined();
    const choices = await h.autocomplete('feeds remove', { feed: 'harb' }, 'feed', USERS.mod);
    expect(choices.choices?.[0]?.name).toMatch(/^Harbour Courier \(f[0-9a-f]{6}\)$/);
  });

  it('a new item is queued by the poller; a member cannot approve; a moderator approves and /who-said finds it', async () => {
    const s = STORIES[1]!;
    items = [{ title: s.title, link: linkOf(s), guid: 'new', date: s.date }, ...items];
    const card = await waitFor('the review card', () => cardFor(s.title));
    const text = JSON.stringify(card);
    expect(text).toMatch(/heron corridor for civilians/);
    expect(text).toMatch(/Mara Lindqvist/);
    expect(text).toMatch(/2025-06-02/);
    const queue = await h.command('feeds queue', {}, USERS.mod);
    expect(queue.text).toMatch(/Envoy proposes a heron corridor/);
    expect(queue.text).toMatch(/review card/);

    const refused = await h.click(card, 'Approve', USERS.alice);
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toMatch(/⛔ Only moderators/);
    expect(h.engine.article('2025-06-02-envoy-proposes-a-heron-corridor')).toBeUndefined();

    const alert = await h.command('alerts add', { channel: GENERAL, topic: 'heron corridors' }, USERS.mod);
    expect(alert.text).toMatch(/🔔 Alert `a[0-9a-f]{6}` on topic “heron corridors”: new articles with a matching quote are posted in <#\d+>/);
    const bySpeaker = await h.command('alerts add', { channel: GENERAL, speaker: 'Mara Lindqvist' }, USERS.mod);
    expect(bySpeaker.text).toMatch(/speaker Mara Lindqvist \(no quotes by that name yet/);
    expect((await h.command('alerts add', { channel: GENERAL }, USERS.mod)).text).toMatch(/either a `topic:` or a `speaker:`/);
    expect((await h.command('alerts add', { channel: GENERAL, topic: 'x' }, USERS.alice)).text).toMatch(/⛔/);
    const stale = structuredClone(card);
    const approved = await h.click(card, 'Approve', USERS.mod);
    expect(approved.text).toMatch(/✅ Approved by mod \(\d+\).*added as `2025-06-02-envoy-proposes-a-heron-corridor`/);
    expect(approved.buttons).toEqual([]);
    const w = await h.command('who-said', { topic: 'heron corridor' });
    expect(w.text).toMatch(/Mara Lindqvist/);
    const stored = readFileSync(join(dir, '2025-06-02-envoy-proposes-a-heron-corridor.md'), 'utf8');
    expect(stored).toMatch(/added_by: "feed Harbour Courier, approved by \d+ \(mod\)"/);
    const modLog = [...h.fake.messages.values()].filter((m) => m.channel_id === MOD_LOG).map((m) => m.content);
    expect(modLog.some((l) => l.includes('added') && l.includes('2025-06-02-envoy-proposes-a-heron-corridor'))).toBe(true);

    // Each alert posts once for this article, with quote, speaker, citation and link, and mentions nobody.
    const alerts = await waitFor('two alert messages', () => {
      const m = [...h.fake.messages.values()].filter((x) => x.channel_id === GENERAL && x.content.startsWith('🔔 **Alert:'));
      return m.length >= 2 ? m : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect([...h.fake.messages.values()].filter((x) => x.channel_id === GENERAL && x.content.startsWith('🔔 **Alert:'))).toHaveLength(2);
    expect(alerts.map((m) => m.content).join('\n')).toMatch(/topic “heron corridors”[\s\S]*heron corridor for civilians[\s\S]*— \*\*Mara Lindqvist\*\*[\s\S]*Envoy proposes a heron corridor.*Harbour Courier, 2025-06-02.*¶1.*`2025-06-02-envoy-proposes-a-heron-corridor`.*<http:\/\/127\.0\.0\.1:\d+\/news\/new>/);
    expect(alerts.map((m) => m.content).join('\n')).toMatch(/speaker Mara Lindqvist/);
    expect(alerts.map((m) => m.allowed_mentions)).toEqual([{ parse: [] }, { parse: [] }]);
    const listed = await h.command('alerts list', {}, USERS.mod);
    expect(listed.text).toMatch(/Alerts \(2\)/);

    // A second click on the old card (another moderator, a stale client) says it was decided.
    const late = await h.click(stale, 'Reject', USERS.admin);
    expect(late.ephemeral).toBe(true);
    expect(late.text).toMatch(/Already decided: ✅ Approved by mod/);
    expect((await h.command('feeds queue', {}, USERS.mod)).text).toMatch(/The review queue is empty/);

    // A moderator's own /add-article triggers the topic alert too.
    const added = await h.command('add-article', { file: file('heron.txt', 'Mayor backs the corridor\n\nMayor Tove Aalto said: “Our city will welcome the heron corridor and its travellers.”\n') , date: '2025-06-05' }, USERS.mod);
    expect(added.text).toMatch(/✅ Added/);
    const third = await waitFor('the alert for /add-article', () => [...h.fake.messages.values()].find((x) => x.channel_id === GENERAL && x.content.includes('Tove Aalto')));
    expect(third.content).toMatch(/Alert: topic “heron corridors”[\s\S]*Tove Aalto[\s\S]*`2025-06-05-mayor-backs-the-corridor`/);
    expect(h.fake.rejections).toEqual([]);
  });

  it('pause, check, remove; the queue survives a restart', async () => {
    const feedId = /`(f[0-9a-f]{6})`/.exec((await h.command('feeds list', {}, USERS.mod)).text)![1]!;
    const paused = await h.command('feeds pause', { feed: feedId }, USERS.mod);
    expect(paused.text).toMatch(/⏸️ \*\*Harbour Courier\*\* is paused/);
    const s = STORIES[2]!;
    items = [{ title: s.title, link: linkOf(s), guid: 'second', date: s.date }, ...items];
    await new Promise((r) => setTimeout(r, 1500));
    expect(cardFor(s.title)).toBeUndefined(); // paused: not polled
    expect((await h.command('feeds list', {}, USERS.mod)).text).toMatch(/⏸️ paused/);
    const checked = await h.command('feeds check', { feed: 'Harbour Courier' }, USERS.mod);
    expect(checked.text).toMatch(/Harbour Courier\*\*: 1 new item, 1 queued for review\./);
    await waitFor('the second card', () => cardFor(s.title));

    await h.stop();
    h = await startHarness({ corpusDir: dir, env: env(), fake: fake() });
    const q = await h.command('feeds queue', {}, USERS.mod);
    expect(q.text).toMatch(/Review queue \(1 waiting\)/);
    expect(q.text).toMatch(/Ombudsman on the lantern exchange/);
    // A state file broken by hand is reported, and not written over.
    const good = readFileSync(join(dir, '.feeds', 'state.json'), 'utf8');
    writeFileSync(join(dir, '.feeds', 'state.json'), '{ "feeds": [');
    const broken = await h.command('feeds pause', { feed: feedId }, USERS.mod);
    expect(broken.text).toMatch(/⚠️ The feed state file corpus\/\.feeds\/state\.json cannot be read/);
    expect(readFileSync(join(dir, '.feeds', 'state.json'), 'utf8')).toBe('{ "feeds": [');
    writeFileSync(join(dir, '.feeds', 'state.json'), good);
    const unknown = await h.command('feeds remove', { feed: 'nope' }, USERS.mod);
    expect(unknown.text).toMatch(/There is no feed `nope`/);
    const removed = await h.command('feeds remove', { feed: feedId }, USERS.mod);
    expect(removed.text).toMatch(/No longer following \*\*Harbour Courier\*\*.*1 queued item can still be approved/);
    expect((await h.command('feeds list', {}, USERS.mod)).text).toMatch(/No feeds yet/);
  }, 30_000);
});
