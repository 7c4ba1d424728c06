// The index snapshot is a cache: used when it matches the corpus, patched when a few files changed, rebuilt
// when missing, corrupt, inconsistent or made by other text processing; written atomically.
import { copyFile, mkdtemp, readdir, readFile, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/corpus.js';
import { Engine } from '../src/engine.js';
import { MINISEARCH_OPTIONS } from '../src/search/index.js';
import { readSnapshot, SnapshotError, writeSnapshot } from '../src/snapshot/file.js';
import { termFingerprint } from '../src/snapshot/fingerprint.js';
import { openWithSnapshot, snapshotFileFor } from '../src/snapshot/open.js';
import type { TextDoc } from '../src/snapshot/postings.js';
import { snapshotSettings } from '../src/settings.js';
import type { Options } from 'minisearch';
import { SEEDS, seedFiles } from './shared-data.js';

const options = MINISEARCH_OPTIONS as Options<TextDoc>;

let tmp: string;
let corpus: string;
let file: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'talks-snapshot-'));
  corpus = path.join(tmp, 'corpus');
  file = path.join(tmp, 'cache', 'index.snapshot');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(corpus);
  for (const name of seedFiles()) await copyFile(path.join(SEEDS, name), path.join(corpus, name));
  for (const a of generateArticles({ articles: 12, seed: 5 })) await writeFile(path.join(corpus, a.file), a.text);
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** What a user sees from an engine, for comparing two engines. */
function answers(engine: Engine): unknown {
  return {
    whoSaid: engine.whoSaid('ceasefire', { limit: 100 }),
    whoSaidTalks: engine.whoSaid('peace talks', { limit: 100 }),
    search: engine.search('Putin Istanbul', { limit: 50 }),
    prefix: engine.search('negot', { limit: 50 }),
    typo: engine.search('ceasfire', { limit: 50 }),
    phrase: engine.search('"peace talks"', { limit: 50 }),
    whoSaidPhrase: engine.whoSaid('"security guarantees"', { limit: 50 }),
    // Nothing found: "did you mean" comes from the word counts the snapshot carries.
    nothing: engine.whoSaid('ceazfiyre negotiashuns'),
    phrases: engine.search('"the war" "security guarantees"', { limit: 50 }),
    quotes: engine.quotes('Zelensky'),
    speakers: engine.speakers(''),
    sources: { ...engine.sources(), problems: undefined },
  };
}

async function open(): Promise<Awaited<ReturnType<typeof openWithSnapshot>>> {
  return openWithSnapshot(corpus, { snapshotFile: file });
}

describe('start-up with a snapshot', () => {
  it('writes a snapshot on first start, loads it on the next and answers exactly as a rebuild does', async () => {
    const first = await open();
    expect(first.report.source).toBe('rebuild');
    expect(first.report.reason).toMatch(/no snapshot/);
    expect((await stat(file)).size).toBeGreaterThan(1000);

    const second = await open();
    expect(second.report.source).toBe('snapshot');
    expect(second.report.wrote).toBeUndefined();
    const rebuilt = await Engine.open(corpus);
    expect(answers(second.engine)).toEqual(answers(rebuilt));
    expect(second.engine.search('"peace talks"').total).toBeGreaterThan(0);
    expect(second.engine.search('"talks peace"').total).toBe(0);
    expect(second.engine.whoSaid('ceazfiyre negotiashuns').suggestions).toContain('ceasefire');
    expect(second.engine.whoSaid('ceasefire').speakers.map((s) => s.speaker)).toContain('Andriy Yermak');
    // Articles loaded from the snapshot still know their file (moderation and reload need it).
    expect(second.engine.getArticle('000_a0edae4945652b42')?.file).toBe(path.join(corpus, '000_a0edae4945652b42.txt'));
  });

  it('sees changed, added and removed files and answers from the current corpus', async () => {
    await open();
    const changedFile = path.join(corpus, '000_a0edae4945652b42.txt');
    const original = await readFile(changedFile, 'utf8');
    await writeFile(changedFile, original.replace('only in Istanbul', 'only in Reykjavik'));
    await writeFile(path.join(corpus, 'new-article.txt'), 'Talks resume in Geneva\n\nForeign Minister Andrii Sybiha said: “The Quokkaville format is dead.”\n');
    await unlink(path.join(corpus, '004_10c24a268c9e1f96.txt'));

    const { engine, report } = await open();
    expect(report).toMatchObject({ source: 'snapshot+changes', changed: 1, added: 1, removed: 1 });
    expect(engine.search('Reykjavik').total).toBeGreaterThan(0);
    expect(engine.search('Quokkaville').results[0]?.article).toBe('new-article');
    expect(engine.whoSaid('Quokkaville').results[0]?.speaker).toBe('Andrii Sybiha');
    expect(engine.article('004_10c24a268c9e1f96')).toBeUndefined();
    // The same passages and quotes, with the same scores, as a rebuild of the current files (rows with equal
    // scores may come in another order: patched articles were indexed last).
    const rebuilt = await Engine.open(corpus);
    const rows = (answer: { total: number; results: Array<{ article: string; paragraph: number; score: number }> }): unknown => ({
      total: answer.total,
      rows: answer.results.map((r) => `${r.article}#${r.paragraph} ${r.score.toFixed(6)}`).sort(),
    });
    expect(engine.search('"only in Reykjavik"').total).toBe(1);
    expect(engine.search('"only in Istanbul"').total).toBe(rebuilt.search('"only in Istanbul"').total);
    for (const q of ['Reykjavik', 'ceasefire', 'Putin Istanbul', 'negot', 'ceasfire', '"peace talks"', '"only in Istanbul"']) {
      expect(rows(engine.search(q, { limit: 500 }))).toEqual(rows(rebuilt.search(q, { limit: 500 })));
      expect(rows(engine.whoSaid(q, { limit: 500 }))).toEqual(rows(rebuilt.whoSaid(q, { limit: 500 })));
    }
    expect(engine.sources().articles).toBe(rebuilt.sources().articles);
    // The patched snapshot was saved: the next start needs no work.
    expect(report.wrote).toHaveProperty('bytes');
    expect((await open()).report.source).toBe('snapshot');
  });

  it('keeps reporting an unreadable file without rewriting the snapshot on every start', async () => {
    await writeFile(path.join(corpus, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
    const first = await open();
    expect(first.engine.problems.map((p) => p.file)).toContain('broken.txt');
    const second = await open();
    expect(second.report.source).toBe('snapshot');
    expect(second.engine.problems.map((p) => p.file)).toContain('broken.txt');
  });

  it('reports a folder named like an article, and a second file of an id, after a snapshot load as on a rebuild', async () => {
    const { mkdir } = await import('node:fs/promises');
    await open();
    await mkdir(path.join(corpus, 'a-folder.md'));
    await writeFile(path.join(corpus, 'a-folder.txt'), 'Envoys meet again\n\nThe mediator said the folder was not an article.\n');
    await writeFile(path.join(corpus, 'twice.md'), '---\ntitle: "Twice"\n---\nThe envoy said this file came first.\n');
    await writeFile(path.join(corpus, 'twice.txt'), 'Twice\n\nThe envoy said this file came second.\n');
    const rebuilt = await openWithSnapshot(corpus, { snapshotFile: null });
    const loaded = await open();
    expect(loaded.report.source).not.toBe('rebuild');
    const files = (e: Engine): string[] => e.problems.map((p) => p.file);
    expect(files(rebuilt.engine)).toEqual(['a-folder.md', 'twice.txt']);
    expect(loaded.engine.problems).toEqual(rebuilt.engine.problems);
    expect(loaded.engine.getArticle('a-folder')?.paragraphs).toEqual(rebuilt.engine.getArticle('a-folder')?.paragraphs);
    expect(loaded.engine.sources().problems).toEqual(rebuilt.engine.sources().problems);
    expect(loaded.engine.whoSaid('came first').total).toBe(1);
    expect(loaded.engine.whoSaid('came second').total).toBe(0);
    const again = await open();
    expect(again.report.source).toBe('snapshot');
    expect(again.engine.problems).toEqual(rebuilt.engine.problems);
  });

  it.each([
    ['truncated', async () => truncate(file, Math.floor((await stat(file)).size / 2)), /truncated/],
    ['cut at a line end', async () => {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    }, /truncated/],
    ['a changed digit', async () => {
      const buf = await readFile(file);
      const at = buf.indexOf('[', Math.floor(buf.length * 0.7));
      buf[at + 1] = buf[at + 1] === 0x31 ? 0x32 : 0x31;
      await writeFile(file, buf);
    }, /checksum|truncated|malformed/],
    ['garbage', async () => writeFile(file, 'hello, not a snapshot\n'), /truncated|not a talks-bot/],
    ['empty', async () => writeFile(file, ''), /truncated/],
    ['a directory', async () => {
      await rm(file);
      const { mkdir } = await import('node:fs/promises');
      await mkdir(file);
    }, /cannot be read/],
  ])('rebuilds from the corpus when the snapshot is %s', async (_name, damage, why) => {
    const good = answers((await open()).engine);
    await damage();
    const { engine, report } = await open();
    expect(report.source).toBe('rebuild');
    expect(report.reason).toMatch(why);
    expect(answers(engine)).toEqual(good);
  });

  it('refuses a snapshot made with other text processing', async () => {
    const { engine } = await open();
    await writeSnapshot(file, engine.snapshotContent(), { fingerprint: 'some-other-tokenizer' });
    await expect(readSnapshot(file, termFingerprint(), options)).rejects.toMatchObject({ reason: 'fingerprint' });
    const again = await open();
    expect(again.report.source).toBe('rebuild');
    expect(again.report.reason).toMatch(/other text processing/);
    expect((await open()).report.source).toBe('snapshot');
  });

  it('refuses a well-formed snapshot whose indexes do not match its articles', async () => {
    const { engine } = await open();
    const other = Engine.fromArticles(engine.allArticles().slice(0, 3));
    const content = engine.snapshotContent();
    await writeSnapshot(file, { ...content, passages: other.snapshotContent().passages }, { fingerprint: termFingerprint() });
    const again = await open();
    expect(again.report.source).toBe('rebuild');
    expect(again.report.reason).toMatch(/inconsistent/);
    expect(answers(again.engine)).toEqual(answers(engine));
  });

  it('writes atomically: a write that fails midway leaves the previous snapshot intact and no temp file', async () => {
    const { engine } = await open();
    const before = await readFile(file);
    await expect(writeSnapshot(file, engine.snapshotContent(), {
      fingerprint: termFingerprint(),
      beforeWrite: (bytes) => {
        if (bytes > 0) throw new Error('disk full');
      },
    })).rejects.toThrow('disk full');
    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(path.dirname(file))).toEqual(['index.snapshot']);
    expect((await open()).report.source).toBe('snapshot');
  });

  it('a failed snapshot write never stops the start', async () => {
    // The snapshot folder is a file: the snapshot cannot be written, the engine still opens.
    await writeFile(path.join(tmp, 'blocked'), 'x');
    const { engine, report } = await openWithSnapshot(corpus, { snapshotFile: path.join(tmp, 'blocked', 'index.snapshot') });
    expect(report.wrote).toHaveProperty('error');
    expect(engine.sources().articles).toBe(17);
  });

  it('reports a missing corpus folder as a bad corpus, not a snapshot problem', async () => {
    await expect(openWithSnapshot(path.join(tmp, 'nope'), { snapshotFile: file })).rejects.toMatchObject({ code: 'bad-corpus' });
  });
});

describe('readSnapshot', () => {
  it('reads lines that span many blocks (lines far longer than a block) exactly as one read', async () => {
    const { engine } = await open();
    const whole = await readSnapshot(file, termFingerprint(), options);
    const small = await readSnapshot(file, termFingerprint(), options, { blockSize: 100 });
    expect(small.articles).toEqual(whole.articles);
    expect(small.phrases).toEqual(whole.phrases);
    expect(small.passages.toJSON()).toEqual(whole.passages.toJSON());
    expect(small.quotes.toJSON()).toEqual(whole.quotes.toJSON());
    expect(whole.articles.length).toBe(engine.sources().articles);
  });

  it('says "missing" when there is no file', async () => {
    const err = await readSnapshot(path.join(tmp, 'none'), termFingerprint(), options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).reason).toBe('missing');
  });
});

describe('snapshotFileFor', () => {
  it("keeps the bot's own corpus's snapshot in <corpus>/.cache, follows SNAPSHOT_DIR, and can be turned off", () => {
    const own = { CORPUS_DIR: '/data/corpus', HOME: '/home/u' };
    expect(snapshotFileFor('/data/corpus', snapshotSettings(own))).toBe('/data/corpus/.cache/index.snapshot');
    expect(snapshotFileFor('/data/corpus', snapshotSettings({ ...own, SNAPSHOT_DIR: '/var/cache/talks' }))).toBe('/var/cache/talks/index.snapshot');
    expect(snapshotFileFor('/data/corpus', snapshotSettings({ ...own, SNAPSHOT_DIR: 'off' }))).toBeNull();
  });

  it('puts the snapshot of any other folder in the per-user cache, one per real path, never inside the folder', async () => {
    const other = snapshotFileFor(corpus, snapshotSettings({ CORPUS_DIR: '/data/corpus', XDG_CACHE_HOME: '/xdg' }))!;
    expect(other).toMatch(/^\/xdg\/talks-bot\/[0-9a-f]{16}\/index\.snapshot$/);
    expect(snapshotFileFor(corpus, snapshotSettings({ HOME: '/home/u' }))).toMatch(/^\/home\/u\/\.cache\/talks-bot\/[0-9a-f]{16}\//);
    // The same folder through a symlink is the same cache; another folder is another.
    const { symlink } = await import('node:fs/promises');
    await symlink(corpus, path.join(tmp, 'link'));
    expect(snapshotFileFor(path.join(tmp, 'link'), snapshotSettings({ XDG_CACHE_HOME: '/xdg' }))).toBe(other);
    expect(snapshotFileFor(tmp, snapshotSettings({ XDG_CACHE_HOME: '/xdg' }))).not.toBe(other);
  });
});
