// Several processes on one database, against a real PostgreSQL: a moderator's change through one is served by the
// other; a follower that was away (stopped, or its connection cut) catches up; changes are all-or-nothing, even
// when the writing process is killed -9 before it commits; concurrent changes to one article are serialised.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyArticleChange } from '../src/db/changes.js';
import { openDb, type Db } from '../src/db/connect.js';
import { DatabaseError } from '../src/db/errors.js';
import { applyChangesSince, followChanges, readRowOffThread, type Follower } from '../src/db/follow.js';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import { openDbEngine } from '../src/db/open.js';
import type { Engine } from '../src/engine.js';
import { UserError } from '../src/errors.js';
import { freshDatabase, NO_DATABASE, noteSkipped, type TestDatabase } from './db-helpers.js';
import { parseThread } from '../src/worker/offthread.js';
import { SEEDS } from './shared-data.js';

noteSkipped('db-follow');

const ROOT = path.resolve(__dirname, '..');
const MOD = { moderator: { id: '111111111111111111', name: 'mod' } };

function article(title: string, sentence: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\nsource: "Test Wire"\n---\n\n${sentence}\n`;
}

interface Proc { db: Db; engine: Engine; follower: Follower }

describe.skipIf(NO_DATABASE)('processes sharing one database', () => {
  let t: TestDatabase;
  const procs: Proc[] = [];
  const start = async (): Promise<Proc> => {
    const db = openDb(t.url);
    const { engine, seq } = await openDbEngine(db);
    const follower = followChanges({ url: t.url, engine, fromSeq: seq, pollMs: 60_000, retryMinMs: 50, retryMaxMs: 200 });
    const p = { db, engine, follower };
    procs.push(p);
    return p;
  };
  const speakers = (p: Proc, topic: string): Array<string | null> => {
    try {
      return p.engine.whoSaid(topic).results.map((r) => r.speaker);
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    t = await freshDatabase();
    await migrate(t.db);
    await importCorpus(t.db, SEEDS);
  });
  afterAll(async () => {
    for (const p of procs) await p.follower.stop();
    for (const db of new Set(procs.map((p) => p.db))) await db.end();
    await t?.drop();
  });

  it('an add through one process is found through the other; a remove through the other is gone from the first', async () => {
    const [a, b] = [await start(), await start()];
    const added = await applyArticleChange(a.db, { op: 'add', id: 'zz_grain', text: article('Grain corridor talks', '"The grain corridor reopens on Friday," said Ada Testova.') }, MOD);
    await b.follower.waitFor(added.seq);
    expect(speakers(b, 'grain corridor')).toContain('Ada Testova');
    const replaced = await applyArticleChange(b.db, { op: 'replace', id: 'zz_grain', text: article('Grain corridor talks', '"The grain corridor stays shut," said Ada Testova.'), expectHash: added.hash }, MOD);
    await a.follower.waitFor(replaced.seq);
    expect(a.engine.search('shut').total).toBe(1);
    expect(a.engine.search('reopens').total).toBe(0);
    const removed = await applyArticleChange(b.db, { op: 'remove', id: 'zz_grain' }, MOD);
    await a.follower.waitFor(removed.seq);
    expect(a.engine.getArticle('zz_grain')).toBeUndefined();
    expect(speakers(a, 'grain corridor')).not.toContain('Ada Testova');
    const audit = await t.db.query<{ action: string; article: string }>(`SELECT action, article FROM audit WHERE article = 'zz_grain' ORDER BY seq`);
    expect(audit.rows.map((r) => r.action)).toEqual(['add', 'replace', 'remove']);
  });

  it('a process that was stopped catches up from its last change number when it starts again', async () => {
    const a = await start();
    await a.follower.stop();
    const at = a.follower.seq;
    const x = await applyArticleChange(t.db, { op: 'add', id: 'zz_away1', text: article('Away one', '"Prisoner swap agreed," said Bea Away.') }, MOD);
    await applyArticleChange(t.db, { op: 'add', id: 'zz_away2', text: article('Away two', '"Second swap agreed," said Cy Away.') }, MOD);
    await applyArticleChange(t.db, { op: 'remove', id: 'zz_away2' }, MOD);
    expect(a.engine.getArticle('zz_away1')).toBeUndefined();
    const again = followChanges({ url: t.url, engine: a.engine, fromSeq: at, pollMs: 60_000 });
    procs.push({ ...a, follower: again });
    await again.waitFor(String(BigInt(x.seq) + 2n));
    expect(a.engine.getArticle('zz_away1')?.title).toBe('Away one');
    expect(a.engine.getArticle('zz_away2')).toBeUndefined();
  });

  it('a cut connection: changes made meanwhile are applied once it reconnects', async () => {
    const a = await start();
    await a.follower.waitFor(a.follower.seq);
    await new Promise((r) => setTimeout(r, 200));
    expect(a.follower.connected).toBe(true);
    // Cut every follower connection to this database, then change something while they are down.
    await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'talks-bot-follow' AND datname = current_database()`);
    const c = await applyArticleChange(t.db, { op: 'add', id: 'zz_cut', text: article('Cut line', '"The line was cut," said Di Wire.') }, MOD);
    await a.follower.waitFor(c.seq, 15_000);
    expect(a.engine.getArticle('zz_cut')?.title).toBe('Cut line');
    expect(a.follower.connected).toBe(true);
  });

  it('a stored row that does not parse reaches a follower as a skipped article, logged, never served', async () => {
    const lines: string[] = [];
    const db = openDb(t.url);
    const { engine, seq } = await openDbEngine(db);
    const follower = followChanges({ url: t.url, engine, fromSeq: seq, pollMs: 60_000, log: (l) => lines.push(l) });
    procs.push({ db, engine, follower });
    const good = await applyArticleChange(t.db, { op: 'add', id: 'zz_hand', text: article('Hand edited', '"Before the edit," said Ivy Hand.') }, MOD);
    await follower.waitFor(good.seq);
    expect(engine.getArticle('zz_hand')).toBeDefined();
    // Someone edits the row by hand into something the reader refuses.
    await t.db.query(`UPDATE articles SET body = '   ', hash = repeat('c', 64) WHERE id = 'zz_hand'`);
    const { seq: bad } = (await t.db.query(`INSERT INTO changes (article_id, op) VALUES ('zz_hand', 'replace') RETURNING seq::text AS seq`)).rows[0];
    await follower.waitFor(bad);
    expect(engine.getArticle('zz_hand')).toBeUndefined();
    expect(lines.join('\n')).toMatch(/skipped zz_hand\.md: .*no title/);
    expect(engine.whoSaid('ceasefire').total).toBeGreaterThan(5);
  });

  it('changed rows are read on the parse thread: one too slow to read within the limit is skipped and logged, the others applied', async () => {
    // The followers of the tests above would read the slow row too, on this process's one parse thread.
    for (const p of procs) await p.follower.stop();
    const lines: string[] = [];
    const db = openDb(t.url);
    const { engine, seq } = await openDbEngine(db);
    procs.push({ db, engine, follower: { stop: async () => undefined } as Follower });
    // Stored by hand, as another version or a script might: no reader checked them on the way in.
    const store = async (id: string, body: string): Promise<void> => {
      await t.db.query("INSERT INTO articles (id, title, body, hash, format) VALUES ($1, $1, $2, encode(sha256(convert_to($2, 'UTF8')), 'hex'), 'md')", [id, body]);
      await t.db.query("INSERT INTO changes (article_id, op) VALUES ($1, 'add')", [id]);
    };
    await store('zz_quick', article('Quick read', '"Short and clear," said Ada Quick.'));
    await store('zz_slow', article('Slow read', Array.from({ length: 60_000 }, (_, i) => `"Point ${i} of the filibuster," said Ned Long.`).join('\n\n')));
    await store('zz_after', article('After the slow one', '"Still served," said Bo After.'));
    // The thread is started (and its tagger loaded) first, so the limit measures reading alone.
    await parseThread().run('quotes', { paragraphs: ['"Warm," said Al Warm.'], title: 'Warm' }, 30_000);
    const caught = await applyChangesSince(t.db, engine, seq, (l) => lines.push(l), readRowOffThread(1_000));
    expect(caught.changes).toBe(3);
    expect(engine.getArticle('zz_quick')?.title).toBe('Quick read');
    expect(engine.getArticle('zz_after')?.title).toBe('After the slow one');
    expect(engine.getArticle('zz_slow')).toBeUndefined();
    expect(lines.join('\n')).toMatch(/skipped zz_slow\.md: reading it took longer than/);
    for (const id of ['zz_quick', 'zz_slow', 'zz_after']) await t.db.query('DELETE FROM articles WHERE id = $1', [id]);
  }, 60_000);

  it('two adds of one id at once: one is stored, the other is told; one audit row, one change row', async () => {
    const [p, q] = [openDb(t.url), openDb(t.url)];
    try {
      const results = await Promise.allSettled([
        applyArticleChange(p, { op: 'add', id: 'zz_race', text: article('Race one', '"First," said Ed Race.') }, MOD),
        applyArticleChange(q, { op: 'add', id: 'zz_race', text: article('Race two', '"Second," said Flo Race.') }, MOD),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(DatabaseError);
      expect(refused.reason.message).toMatch(/already exists/);
      expect((await t.db.query(`SELECT 1 FROM audit WHERE article = 'zz_race'`)).rowCount).toBe(1);
      expect((await t.db.query(`SELECT 1 FROM changes WHERE article_id = 'zz_race'`)).rowCount).toBe(1);
    } finally {
      await Promise.all([p.end(), q.end()]);
    }
  });

  it('a replace based on a version someone else already replaced is refused and changes nothing', async () => {
    const first = await applyArticleChange(t.db, { op: 'add', id: 'zz_stale', text: article('Stale v1', '"Version one," said Gus Stale.') }, MOD);
    await applyArticleChange(t.db, { op: 'replace', id: 'zz_stale', text: article('Stale v2', '"Version two," said Gus Stale.'), expectHash: first.hash }, MOD);
    await expect(applyArticleChange(t.db, { op: 'replace', id: 'zz_stale', text: article('Stale v3', '"Version three," said Gus Stale.'), expectHash: first.hash }, MOD))
      .rejects.toThrow(/changed by another moderator/);
    expect((await t.db.query(`SELECT title FROM articles WHERE id = 'zz_stale'`)).rows[0].title).toBe('Stale v2');
    await expect(applyArticleChange(t.db, { op: 'remove', id: 'zz_never' }, MOD)).rejects.toThrow(/no article with id zz_never/);
  });

  it('text the reader would refuse, or an id that is a path, is refused before anything is written', async () => {
    const before = (await t.db.query('SELECT 1 FROM changes')).rowCount;
    await expect(applyArticleChange(t.db, { op: 'add', id: 'zz_empty', text: '---\ntitle: "Only a title"\n---\n' }, MOD)).rejects.toBeInstanceOf(UserError);
    await expect(applyArticleChange(t.db, { op: 'add', id: '../escape', text: article('Escape', 'Words.') }, MOD)).rejects.toBeInstanceOf(UserError);
    expect((await t.db.query('SELECT 1 FROM changes')).rowCount).toBe(before);
  });

  it('a process killed -9 in the middle of an add leaves no article, no audit row, no change; the id stays free', async () => {
    // node itself (not the tsx wrapper, whose child would survive the kill) is the process killed.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/db-crash-child.ts', t.url, 'zz_crash'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
        child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      // The rows are written, not committed: invisible to others until then.
      expect((await t.db.query(`SELECT 1 FROM articles WHERE id = 'zz_crash'`)).rowCount).toBe(0);
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const b = await start();
    expect(b.engine.getArticle('zz_crash')).toBeUndefined();
    expect((await t.db.query(`SELECT 1 FROM audit WHERE article = 'zz_crash'`)).rowCount).toBe(0);
    expect((await t.db.query(`SELECT 1 FROM changes WHERE article_id = 'zz_crash'`)).rowCount).toBe(0);
    // The server notices the dead connection and releases its locks: the next writer is not blocked.
    const ok = await applyArticleChange(t.db, { op: 'add', id: 'zz_crash', text: article('After the crash', '"Stored at last," said Hal Crash.') }, MOD);
    await b.follower.waitFor(ok.seq);
    expect(b.engine.getArticle('zz_crash')?.title).toBe('After the crash');
  });
});
