// A process started on the database loads its index snapshot instead of re-indexing every article, and a change
// made while it was down is there after the start (applied from the snapshot's change number on).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyArticleChange } from '../src/db/changes.js';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import { openDatabaseStore } from '../src/store/database.js';
import { SEED_CORPUS } from './fake-discord/harness.js';
import { freshDatabase, NO_DATABASE, noteSkipped, type TestDatabase } from './db-helpers.js';

noteSkipped('db-snapshot');

const ADDED = `---
title: Envoys meet on grain corridor
source: Test Wire
date: 2026-11-30
---
"We agreed on a grain corridor inspection plan," said Envoy Halvorsen after the meeting.
`;

describe.skipIf(NO_DATABASE)('index snapshot of the database store', () => {
  let t: TestDatabase;
  let other: TestDatabase;
  let tmp: string;
  let file: string;
  const who = { moderator: { id: '1', name: 'mod' } };

  async function start(url = t.url) {
    const lines: string[] = [];
    const opened = await openDatabaseStore({ url, snapshotFile: file, log: (l) => lines.push(l), pollMs: 60_000 });
    return { opened, lines };
  }

  beforeAll(async () => {
    t = await freshDatabase();
    other = await freshDatabase();
    for (const d of [t, other]) {
      await migrate(d.db);
      await importCorpus(d.db, SEED_CORPUS);
    }
    tmp = await mkdtemp(path.join(os.tmpdir(), 'talks-db-snapshot-'));
    file = path.join(tmp, 'db-index.snapshot');
  });
  afterAll(async () => {
    await t?.drop();
    await other?.drop();
    await rm(tmp, { recursive: true, force: true });
  });

  it('the first start indexes every article and writes the snapshot; the next loads it as is', async () => {
    const first = await start();
    const articles = first.opened.engine.allArticles().length;
    await first.opened.stop();
    expect(first.opened.report).toMatchObject({ source: 'rebuild', reason: 'no snapshot of this database yet' });

    const second = await start();
    await second.opened.stop();
    expect(second.opened.report).toMatchObject({ source: 'snapshot', changes: 0 });
    expect(second.lines.join('\n')).toMatch(/index snapshot of the database loaded at change \d+/);
    expect(second.opened.engine.allArticles()).toHaveLength(articles);
  });

  it('a change made while the process was down is served after the next start, from the snapshot plus that change', async () => {
    const before = await start();
    const seq = before.opened.follower.seq;
    await before.opened.stop();
    const stored = await applyArticleChange(t.db, { op: 'add', id: 'grain-corridor', text: ADDED }, who);
    const removed = before.opened.engine.allArticles()[0].id;
    await applyArticleChange(t.db, { op: 'remove', id: removed }, who);

    const after = await start();
    await after.opened.stop();
    expect(after.opened.report).toMatchObject({ source: 'snapshot+changes', snapshotSeq: seq, changes: 2 });
    expect(BigInt(after.opened.follower.seq)).toBeGreaterThanOrEqual(BigInt(stored.seq));
    expect(after.opened.engine.getArticle('grain-corridor')).toBeDefined();
    expect(after.opened.engine.getArticle(removed)).toBeUndefined();
    expect(JSON.stringify(after.opened.engine.whoSaid('grain corridor'))).toMatch(/Halvorsen/);

    // The snapshot was brought up to date: the start after that has nothing to apply.
    const again = await start();
    await again.opened.stop();
    expect(again.opened.report).toMatchObject({ source: 'snapshot', changes: 0 });
    expect(again.opened.engine.getArticle('grain-corridor')).toBeDefined();
  });

  it('is not used for another database, nor when its key does not match the file', async () => {
    const elsewhere = await start(other.url);
    await elsewhere.opened.stop();
    expect(elsewhere.opened.report).toMatchObject({ source: 'rebuild', reason: 'snapshot is of another database' });
    expect(elsewhere.opened.engine.getArticle('grain-corridor')).toBeUndefined();

    // The key names a change the file was not written at (e.g. another process replaced the file in between).
    const back = await start();
    await back.opened.stop();
    await writeFile(`${file}.key`, JSON.stringify({ fingerprint: 'x|store:y|change:1' }));
    const stale = await start();
    await stale.opened.stop();
    expect(stale.opened.report).toMatchObject({ source: 'rebuild', reason: 'snapshot was built with other code' });
    expect(stale.opened.engine.getArticle('grain-corridor')).toBeDefined();
  });
});
