// Feeds, review queue and alerts in PostgreSQL: two bot processes (each its own folder, one database) see one
// state; two moderators approving the same queued item at once on different processes: one wins, the other is
// told it was already decided, and the article is stored once.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlerts, updateAlerts } from '../src/alerts/state.js';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import { decideItem } from '../src/feeds/review.js';
import { loadState, saveDraft, updateState, type QueueItem } from '../src/feeds/state.js';
import type { ModerationContext } from '../src/moderation/service.js';
import { moderationSettings } from '../src/settings.js';
import { openDatabaseStore, type OpenedDatabaseStore } from '../src/store/database.js';
import { SEED_CORPUS } from './fake-discord/harness.js';
import { freshDatabase, NO_DATABASE, noteSkipped, type TestDatabase } from './db-helpers.js';

noteSkipped('db-bot-state');

describe.skipIf(NO_DATABASE)('feed, review-queue and alert state in the database', () => {
  let t: TestDatabase;
  const dirs: string[] = [];
  const hosts: OpenedDatabaseStore[] = [];
  const mctx = (i: number): ModerationContext => ({ dir: dirs[i], store: hosts[i].store, settings: moderationSettings({}) });

  beforeAll(async () => {
    t = await freshDatabase();
    await migrate(t.db);
    await importCorpus(t.db, SEED_CORPUS);
    for (let i = 0; i < 2; i++) {
      dirs.push(await mkdtemp(path.join(os.tmpdir(), `talks-db-state-${i}-`)));
      hosts.push(await openDatabaseStore({ url: t.url, stateDir: dirs[i], pollMs: 60_000 }));
    }
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop();
    await t?.drop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a feed added on one process is seen by the other, and nothing is written to either folder', async () => {
    await updateState(dirs[0], (s) => {
      s.feeds.push({
        id: 'f00001', name: 'Test wire', url: 'https://example.org/feed.xml', keywords: [], approval: true, backfill: 0, paused: false,
        addedBy: 'mod', addedAt: '2026-12-01T00:00:00.000Z', primed: true, seen: [], retries: {}, errorCount: 0, itemErrors: [], imported: 0, queued: 0,
      });
    });
    await updateAlerts(dirs[1], (s) => { s.alerts.push({ id: 'a1', topic: 'ceasefire', channelId: '42', addedBy: 'mod', addedAt: '2026-12-01T00:00:00.000Z' }); });
    expect((await loadState(dirs[1])).feeds.map((f) => f.name)).toEqual(['Test wire']);
    expect((await loadAlerts(dirs[0])).alerts.map((a) => a.topic)).toEqual(['ceasefire']);
    for (const d of dirs) expect(await readdir(d)).toEqual([]);
  });

  it('two processes approving one queued item at once: one stores the article, the other is told it was decided', async () => {
    const item: QueueItem = {
      id: 'q1', feedId: 'f00001', feedName: 'Test wire', title: 'Mediators propose a Black Sea shipping pause', quotes: [],
      queuedAt: '2026-12-01T00:00:00.000Z', status: 'pending',
    };
    await updateState(dirs[0], (s) => { s.queue.push(item); });
    await saveDraft(dirs[0], 'q1', {
      title: item.title, source: 'Test wire', date: '2026-12-01',
      paragraphs: ['"A shipping pause is on the table for the Black Sea," mediator Ilse Brandvold told reporters on Monday.'],
    });
    const results = await Promise.all([0, 1].map((i) => decideItem(mctx(i), 'q1', 'approve', { id: `${i}`, name: `mod${i}` })));
    expect(results.map((r) => r.kind).sort()).toEqual(['already', 'decided']);
    const decided = results.find((r) => r.kind === 'decided');
    const article = decided?.kind === 'decided' ? decided.article : undefined;
    expect(article).toBeTruthy();
    const rows = await t.db.query<{ action: string }>("SELECT action FROM audit WHERE article = $1 AND action <> 'import'", [article]);
    expect(rows.rows.map((r) => r.action)).toEqual(['add']);
    expect((await loadState(dirs[1])).queue.find((q) => q.id === 'q1')).toMatchObject({ status: 'approved', article });
    // Both processes serve it.
    for (const h of hosts) await expect.poll(() => h.engine.getArticle(article!) !== undefined, { timeout: 5_000 }).toBe(true);
  });

  it('a rejected item is audited in the database, like every moderator action, and no folder gets an audit file', async () => {
    const item: QueueItem = {
      id: 'q2', feedId: 'f00001', feedName: 'Test wire', title: 'Rumour of a Baltic summit', quotes: [], url: 'https://example.org/q2',
      queuedAt: '2026-12-01T00:00:00.000Z', status: 'pending',
    };
    await updateState(dirs[0], (s) => { s.queue.push(item); });
    const r = await decideItem(mctx(1), 'q2', 'reject', { id: '7', name: 'mod7' });
    expect(r.kind).toBe('decided');
    const rows = await t.db.query<{ action: string; moderator_id: string; title: string; detail: string }>("SELECT action, moderator_id, title, detail FROM audit WHERE action = 'reject'");
    expect(rows.rows).toEqual([{ action: 'reject', moderator_id: '7', title: 'Rumour of a Baltic summit', detail: 'feed item q2 from Test wire (https://example.org/q2)' }]);
    expect((await loadState(dirs[0])).queue.find((q) => q.id === 'q2')).toMatchObject({ status: 'rejected' });
    for (const d of dirs) expect((await readdir(d)).filter((n) => n.includes('audit'))).toEqual([]);
  });
});
