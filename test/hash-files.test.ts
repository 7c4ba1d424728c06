// Start-up hashes the corpus on a worker thread: its hashes must be exactly those the rest of the code uses,
// and a file it cannot read must be reported, not crash the start.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../src/corpus/read.js';
import { hashFiles } from '../src/snapshot/hash-files.js';

describe('hashFiles', () => {
  let dir: string;
  const texts: Record<string, string> = {
    'a.txt': 'Peace talks resume in Istanbul.\n',
    'b.md': '---\ntitle: Ceasefire — “no deal”\n---\nKremlin spokesperson Dmitry Peskov said…\n',
    'c.txt': '',
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'talks-hash-'));
    for (const [name, text] of Object.entries(texts)) await writeFile(path.join(dir, name), text);
    await symlink(path.join(dir, 'missing.txt'), path.join(dir, 'dangling.txt'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives contentHash of each file, in order, on a worker thread and on this one alike', async () => {
    const names = ['c.txt', 'a.txt', 'b.md'];
    const want = names.map((n) => ({ hash: contentHash(Buffer.from(texts[n])) }));
    expect(await hashFiles(dir, names, { worker: true })).toEqual(want);
    expect(await hashFiles(dir, names, { worker: false })).toEqual(want);
  });

  it('reports a file that cannot be read instead of failing the whole start', async () => {
    for (const worker of [true, false]) {
      const [a, broken] = await hashFiles(dir, ['a.txt', 'dangling.txt'], { worker });
      expect(a).toEqual({ hash: contentHash(Buffer.from(texts['a.txt'])) });
      expect(broken).toMatchObject({ error: expect.stringContaining('ENOENT') });
    }
  });
});
