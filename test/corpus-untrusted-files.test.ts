// What a name in the corpus folder points to is not trusted: links out of the corpus, /dev/zero, FIFOs and huge
// (sparse) files are reported and skipped by the reader, the start-up hasher and the snapshot reader, without
// reading them, blocking on them or holding them in memory. Also: text encodings and line endings the reader accepts.
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, readArticleFile, readCorpus } from '../src/corpus/read.js';
import { hashFiles } from '../src/snapshot/hash-files.js';
import { openWithSnapshot } from '../src/snapshot/open.js';
import { addArticle, moderationSettings, startModeration } from '../src/moderation/index.js';

const ARTICLE = 'Talks resume in Geneva\nThe envoy said the talks would resume on Monday in Geneva.\n';

let root: string;
let dir: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'talks-untrusted-'));
  dir = path.join(root, 'corpus');
  outside = path.join(root, 'secret.txt');
  await writeFile(outside, 'Secret title\nThis paragraph lives outside the corpus and must never be served.\n');
  execFileSync('mkdir', [dir]);
  await writeFile(path.join(dir, 'good.txt'), ARTICLE);
  await symlink('good.txt', path.join(dir, 'alias.txt')); // a link that stays inside: allowed
  await symlink(outside, path.join(dir, 'passwd.txt'));
  await symlink('../secret.txt', path.join(dir, 'relative.txt'));
  await symlink('/dev/zero', path.join(dir, 'zero.txt'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  // 1.5 GB that takes no disk: only the size is real.
  const huge = await open(path.join(dir, 'huge.txt'), 'w');
  await huge.truncate(1.5 * 1024 ** 3);
  await huge.close();
});
afterAll(() => rm(root, { recursive: true, force: true }));

const UNSAFE = ['huge.txt', 'passwd.txt', 'pipe.txt', 'relative.txt', 'zero.txt'];

describe('the corpus reader', () => {
  it('reads only regular files inside the corpus and reports the rest by name', async () => {
    const before = process.memoryUsage().rss;
    const { articles, problems } = await readCorpus(dir);
    expect(articles.map((a) => a.id)).toEqual(['alias', 'good']);
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p.error]));
    expect(Object.keys(byFile).sort()).toEqual(UNSAFE);
    expect(byFile['passwd.txt']).toMatch(/outside the corpus/);
    expect(byFile['relative.txt']).toMatch(/outside the corpus/);
    expect(byFile['zero.txt']).toMatch(/outside the corpus/);
    expect(byFile['pipe.txt']).toMatch(/not a regular file/);
    expect(byFile['huge.txt']).toMatch(/too large/);
    // Nothing of the 1.5 GB file (or of /dev/zero) was held in memory.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(JSON.stringify(articles)).not.toContain('outside the corpus and must never');
  });

  it('refuses a device even when a link to it would count as inside (the file type is checked on the open file)', async () => {
    const devDir = path.join(root, 'dev-corpus');
    execFileSync('mkdir', [devDir]);
    execFileSync('mknod', [path.join(devDir, 'null.txt'), 'c', '1', '3']);
    await expect(readArticleFile(path.join(devDir, 'null.txt'))).rejects.toThrow(/not a regular file/);
  });

  it('opens a corpus with such files at start-up without hanging, snapshot path a FIFO too', async () => {
    const fifo = path.join(root, 'snapshot.fifo');
    execFileSync('mkfifo', [fifo]);
    const { engine, report } = await openWithSnapshot(dir, { snapshotFile: fifo });
    expect(report.source).toBe('rebuild');
    expect(engine.allArticles().map((a) => a.id).sort()).toEqual(['alias', 'good']);
    expect(engine.problems.map((p) => p.file).sort()).toEqual(UNSAFE);
  });
});

describe('moderation in a corpus holding such files', () => {
  it('starts (recovery) and adds without waiting on a FIFO or reading /dev/zero', async () => {
    const d = await mkdtemp(path.join(root, 'mod-'));
    await writeFile(path.join(d, 'good.txt'), ARTICLE);
    execFileSync('mkfifo', [path.join(d, 'pipe.txt')]);
    await writeFile(path.join(d, 'pipe.md'), '---\ntitle: Same id as the pipe\n---\nA paragraph the envoy wrote.\n');
    await symlink('/dev/zero', path.join(d, 'zero.md'));
    const ctx = { dir: d, settings: moderationSettings({}) };
    await startModeration(ctx);
    const res = await addArticle(ctx, {
      title: 'A new round of talks', date: '2025-05-21', paragraphs: ['The mediator said a new round of talks would open in Vienna.'],
    }, { id: '1', name: 'mod' });
    expect(res.id).toBe('2025-05-21-a-new-round-of-talks');
  });
});

describe('the start-up hasher', () => {
  for (const worker of [true, false]) {
    it(`hashes by the reader's rules (${worker ? 'worker thread' : 'this thread'})`, async () => {
      const names = ['good.txt', 'alias.txt', ...UNSAFE];
      const results = await hashFiles(dir, names, { worker });
      expect(results.slice(0, 2)).toEqual([{ hash: contentHash(Buffer.from(ARTICLE)) }, { hash: contentHash(Buffer.from(ARTICLE)) }]);
      const errors = Object.fromEntries(names.slice(2).map((n, i) => [n, (results[i + 2] as { error?: string }).error]));
      expect(errors).toEqual({
        'huge.txt': expect.stringMatching(/too large/),
        'passwd.txt': expect.stringMatching(/outside the corpus/),
        'pipe.txt': expect.stringMatching(/not a regular file/),
        'relative.txt': expect.stringMatching(/outside the corpus/),
        'zero.txt': expect.stringMatching(/outside the corpus/),
      });
    });
  }
});

describe('encodings and line endings', () => {
  const text = 'Ceasefire talks — “day two”\nThe mediator said: “Everyone is still at the table.”\n\nA second paragraph follows.\n';
  const utf16be = (s: string): Buffer => {
    const le = Buffer.from(s, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
  };

  it('decodes UTF-16 with a byte-order mark (LE and BE) instead of calling it binary', async () => {
    const d = await mkdtemp(path.join(root, 'enc-'));
    await writeFile(path.join(d, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await writeFile(path.join(d, 'be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]));
    await writeFile(path.join(d, 'utf8.txt'), text);
    const { articles, problems } = await readCorpus(d);
    expect(problems).toEqual([]);
    const [be, le, utf8] = articles;
    expect(le.title).toBe(utf8.title);
    expect(be.title).toBe(utf8.title);
    expect(le.paragraphs).toEqual(utf8.paragraphs);
    expect(be.paragraphs).toEqual(utf8.paragraphs);
  });

  it('splits paragraphs on CR-only line endings as on LF and CRLF', async () => {
    const d = await mkdtemp(path.join(root, 'cr-'));
    await writeFile(path.join(d, 'lf.txt'), text);
    await writeFile(path.join(d, 'cr.txt'), text.replace(/\n/g, '\r'));
    await writeFile(path.join(d, 'crlf.txt'), text.replace(/\n/g, '\r\n'));
    await writeFile(path.join(d, 'crmd.md'), '---\rtitle: Front matter with CR\r---\rOne paragraph here.\r\rAnother one here.\r');
    const { articles, problems } = await readCorpus(d);
    expect(problems).toEqual([]);
    const byId = Object.fromEntries(articles.map((a) => [a.id, a]));
    expect(byId.lf.paragraphs).toHaveLength(2);
    expect(byId.cr.title).toBe(byId.lf.title);
    expect(byId.cr.paragraphs).toEqual(byId.lf.paragraphs);
    expect(byId.crlf.paragraphs).toEqual(byId.lf.paragraphs);
    expect(byId.crmd).toMatchObject({ title: 'Front matter with CR', paragraphs: ['One paragraph here.', 'Another one here.'] });
  });
});
