// The database as the corpus store, against a real PostgreSQL: import a folder (idempotent by content hash, bad
// files skipped with the reason), export it back byte for byte, and the same answers from the database as from
// the folder.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../src/db/articles.js';
import { exportCorpus } from '../src/db/export.js';
import { importCorpus } from '../src/db/import.js';
import { migrate } from '../src/db/migrate.js';
import { openDbEngine } from '../src/db/open.js';
import { Engine } from '../src/engine.js';
import { copySeeds, SEED_EVAL, SEEDS, seedFiles } from './shared-data.js';
import { freshDatabase, NO_DATABASE, noteSkipped, type TestDatabase } from './db-helpers.js';

noteSkipped('db-store');

interface SeedEval {
  quotes: Array<{ who: string }>;
  who_said: Array<{ query: string }>;
  people: Record<string, string[]>;
}

/** Questions a user asks, from the seed evaluation plus a few of our own; each answer as JSON. */
async function answers(engine: Engine): Promise<Record<string, unknown>> {
  const evalData = JSON.parse(await readFile(SEED_EVAL, 'utf8').catch(() => '{"quotes":[],"who_said":[],"people":{}}')) as SeedEval;
  const topics = [...new Set([...evalData.who_said.map((w) => w.query), 'ceasefire', 'Istanbul', 'sanctions', '"peace talks"', 'ultimatums'])];
  const people = [...new Set(Object.values(evalData.people).map((names) => names[0]))].slice(0, 12);
  const out: Record<string, unknown> = {};
  for (const t of topics) {
    out[`who-said ${t}`] = engine.whoSaid(t, { limit: 500 });
    out[`search ${t}`] = engine.search(t, { limit: 50 });
  }
  for (const p of [...people, 'Zelensky', 'Peskov']) out[`quotes ${p}`] = engine.quotes(p, { limit: 500 });
  out.speakers = engine.speakers('', 100);
  out.sources = { ...engine.sources(), problems: [] };
  for (const a of engine.allArticles()) out[`article ${a.id}`] = engine.article(a.id);
  return out;
}

describe.skipIf(NO_DATABASE)('PostgreSQL corpus store', () => {
  let t: TestDatabase;
  let tmp: string;
  beforeAll(async () => {
    t = await freshDatabase();
    await migrate(t.db);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'talks-db-store-'));
  });
  afterAll(async () => {
    await t?.drop();
    await rm(tmp, { recursive: true, force: true });
  });

  it('imports the seed folder once: a second import changes nothing, with a progress line every N files', async () => {
    const lines: string[] = [];
    const first = await importCorpus(t.db, SEEDS, { log: (l) => lines.push(l), progressEvery: 2 });
    expect(first).toMatchObject({ files: seedFiles().length, added: seedFiles().length, replaced: 0, unchanged: 0, problems: [] });
    expect(lines.filter((l) => /^imported \d+\/\d+ files/.test(l))).toHaveLength(Math.floor((seedFiles().length - 1) / 2));
    const changes = await t.db.query<{ op: string }>('SELECT op FROM changes ORDER BY seq');
    expect(changes.rows.map((r) => r.op)).toEqual(seedFiles().map(() => 'add'));
    const again = await importCorpus(t.db, SEEDS);
    expect(again).toMatchObject({ added: 0, replaced: 0, unchanged: seedFiles().length });
    expect((await t.db.query('SELECT 1 FROM changes')).rowCount).toBe(seedFiles().length);
    const audit = await t.db.query<{ action: string; detail: string }>('SELECT action, detail FROM audit');
    expect(audit.rows).toEqual([{ action: 'import', detail: expect.stringMatching(/^5 added, 0 replaced/) }]);
  });

  it('the same questions get the same answers from the database as from the folder', async () => {
    const fromFolder = await answers(await Engine.open(SEEDS));
    const { engine, seq } = await openDbEngine(t.db);
    expect(Number(seq)).toBeGreaterThanOrEqual(seedFiles().length);
    const fromDb = await answers(engine);
    expect(Object.keys(fromDb).length).toBeGreaterThan(20);
    expect(fromDb).toEqual(fromFolder);
    expect((fromDb['who-said ceasefire'] as { total: number }).total).toBeGreaterThan(5);
  });

  it('exports the corpus back as the very files imported, and the exported folder answers the same', async () => {
    const out = path.join(tmp, 'export');
    const report = await exportCorpus(t.db, out);
    expect(report).toMatchObject({ written: seedFiles().length, problems: [] });
    expect((await readdir(out)).sort()).toEqual(seedFiles());
    for (const name of seedFiles()) {
      expect((await readFile(path.join(out, name))).equals(await readFile(path.join(SEEDS, name)))).toBe(true);
    }
    expect(await answers(await Engine.open(out))).toEqual(await answers(await Engine.open(SEEDS)));
  });

  it('export refuses a folder that already holds articles and leaves it as it was', async () => {
    const dir = path.join(tmp, 'occupied');
    await cp(SEEDS, dir, { recursive: true });
    await writeFile(path.join(dir, seedFiles()[0]), 'My own title\n\nMy own paragraph, which must survive.\n');
    await expect(exportCorpus(t.db, dir)).rejects.toThrow(/already holds 5 article file\(s\).*empty or new folder/);
    expect(await readFile(path.join(dir, seedFiles()[0]), 'utf8')).toContain('must survive');
  });

  it('a changed file is replaced (one change row), a new one added; articles only in the database stay', async () => {
    const dir = path.join(tmp, 'edited');
    await rm(dir, { recursive: true, force: true });
    await cp(SEEDS, dir, { recursive: true });
    const edited = seedFiles()[1];
    await writeFile(path.join(dir, edited), `${await readFile(path.join(dir, edited), 'utf8')}\n\n"We will meet again next week," the synthetic envoy said.\n`);
    await rm(path.join(dir, seedFiles()[2]));
    await writeFile(path.join(dir, 'zz_synthetic.md'), '---\ntitle: "Synthetic talks resume"\nsource: "Test Wire"\ndate: "2026-01-02"\n---\n\n"The talks resume on Monday," said Ada Testova.\n');
    const before = Number((await t.db.query<{ n: string }>('SELECT max(seq)::text AS n FROM changes')).rows[0].n);
    const report = await importCorpus(t.db, dir);
    expect(report).toMatchObject({ added: 1, replaced: 1, unchanged: seedFiles().length - 2 });
    const newer = await t.db.query<{ article_id: string; op: string }>('SELECT article_id, op FROM changes WHERE seq > $1 ORDER BY seq', [before]);
    expect(newer.rows).toEqual([
      { article_id: edited.replace(/\.txt$/, ''), op: 'replace' },
      { article_id: 'zz_synthetic', op: 'add' },
    ]);
    const { engine } = await openDbEngine(t.db);
    expect(engine.allArticles().map((a) => a.id)).toContain(seedFiles()[2].replace(/\.txt$/, ''));
    expect(engine.article('zz_synthetic')).toMatchObject({ title: 'Synthetic talks resume', source: 'Test Wire', date: '2026-01-02' });
    expect(engine.whoSaid('resume').results.map((r) => r.speaker)).toContain('Ada Testova');
    expect(engine.search('synthetic envoy').total).toBe(1);
  });

  it('bad files are skipped with the reason; the good ones are imported; nothing stops', async () => {
    const dir = path.join(tmp, 'bad');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    copySeeds(dir);
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    await writeFile(path.join(dir, 'title_only.txt'), 'Only a title\n');
    await writeFile(path.join(dir, 'twice.md'), '---\ntitle: "Twice, md"\n---\n\nThe first of two files with one id.\n');
    await writeFile(path.join(dir, 'twice.txt'), 'Twice, txt\n\nThe second of two files with one id.\n');
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: "never closed"\n\nBody.\n');
    const r = await importCorpus(t.db, dir);
    const reasons = Object.fromEntries(r.problems.map((p) => [p.file, p.error]));
    expect(Object.keys(reasons).sort()).toEqual(['binary.txt', 'broken.md', 'empty.txt', 'title_only.txt', 'twice.txt']);
    expect(reasons['twice.txt']).toMatch(/same article id as twice\.md/);
    expect(reasons['empty.txt']).toMatch(/empty/);
    const ids = (await t.db.query<{ id: string; format: string }>(`SELECT id, format FROM articles WHERE id = 'twice'`)).rows;
    expect(ids).toEqual([{ id: 'twice', format: 'md' }]);
  });

  it('a stored row that no longer parses is reported and skipped; every other article is served', async () => {
    await t.db.query(`INSERT INTO articles (id, title, body, hash, format) VALUES ('hand_edited', 'x', '   ', repeat('b', 64), 'txt')`);
    const stored = await loadArticles(t.db);
    expect(stored.problems).toEqual([{ file: 'hand_edited.txt', error: expect.stringMatching(/no title/) }]);
    const { engine } = await openDbEngine(t.db);
    expect(engine.problems.map((p) => p.file)).toEqual(['hand_edited.txt']);
    expect(engine.whoSaid('ceasefire').total).toBeGreaterThan(5);
    await t.db.query(`DELETE FROM articles WHERE id = 'hand_edited'`);
  });

  it('import of a missing folder says so and writes nothing', async () => {
    const before = (await t.db.query('SELECT 1 FROM changes')).rowCount;
    await expect(importCorpus(t.db, path.join(tmp, 'no-such-folder'))).rejects.toThrow(/does not exist/);
    expect((await t.db.query('SELECT 1 FROM changes')).rowCount).toBe(before);
  });
});
