// A shard that was starting while another shard changed the corpus must not miss the change: once logged in it
// compares the folder with what it loaded and re-reads what differs (catchUpWithCorpus).
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchUpWithCorpus } from '../src/bot/corpus-sync.js';
import { Engine } from '../src/engine.js';
import { copyCorpus } from './fake-discord/harness.js';

let dir: string;

beforeEach(async () => {
  dir = await copyCorpus();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('catchUpWithCorpus', () => {
  it('re-reads articles changed, added and removed on disk since the engine loaded, and only those', async () => {
    const engine = await Engine.open(dir);
    const changed = path.join(dir, '000_a0edae4945652b42.txt');
    await writeFile(changed, (await readFile(changed, 'utf8')).replace('only in Istanbul', 'only in Reykjavik'));
    await writeFile(path.join(dir, 'late-article.txt'), 'Talks resume in Geneva\n\nForeign Minister Andrii Sybiha said: “The Quokkaville format is dead.”\n');
    await unlink(path.join(dir, '004_10c24a268c9e1f96.txt'));
    await writeFile(path.join(dir, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
    expect(engine.search('Reykjavik').total).toBe(0);

    const lines: string[] = [];
    const ids = await catchUpWithCorpus(engine, (l) => lines.push(l));
    expect(ids.sort()).toEqual(['000_a0edae4945652b42', '004_10c24a268c9e1f96', 'broken', 'late-article']);
    expect(engine.search('Reykjavik').total).toBeGreaterThan(0);
    expect(engine.whoSaid('Quokkaville').results[0]?.speaker).toBe('Andrii Sybiha');
    expect(engine.article('004_10c24a268c9e1f96')).toBeUndefined();
    // The unreadable file is reported, not fatal, and the answers equal a fresh read of the folder.
    expect(lines.join('\n')).toMatch(/could not re-read broken/);
    const fresh = await Engine.open(dir);
    expect(engine.sources().articles).toBe(fresh.sources().articles);
    expect(engine.search('ceasefire', { limit: 100 }).results.map((r) => `${r.article}#${r.paragraph}`).sort())
      .toEqual(fresh.search('ceasefire', { limit: 100 }).results.map((r) => `${r.article}#${r.paragraph}`).sort());
  });

  it('does nothing when the folder is as loaded', async () => {
    const engine = await Engine.open(dir);
    const before = engine.sources();
    expect(await catchUpWithCorpus(engine)).toEqual([]);
    expect(engine.sources()).toEqual(before);
  });
});
