// The parallel rebuild (read + clean + extract on worker threads) must give exactly the serial engine.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../bench/corpus.js';
import { readCorpusExtracted } from '../src/corpus/parallel-read.js';
import { readCorpus } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { rebuild } from '../src/snapshot/open.js';
import { SEEDS } from './shared-data.js';

/** Everything a user can see of an engine, plus its full snapshot (articles, extracted quotes, both indexes). */
function observable(engine: Engine): unknown {
  const topics = ['ceasefire', 'peace talks', 'security guarantees', 'grain', 'sanctions', 'negotiations'];
  return {
    snapshot: JSON.stringify(engine.snapshotContent()),
    sources: engine.sources(),
    speakers: engine.speakers('', 500),
    whoSaid: topics.map((t) => engine.whoSaid(t, { limit: 100 })),
    search: topics.map((t) => engine.search(t, { limit: 20 })),
    quotes: engine.speakers('', 10).map((s) => engine.quotes(s.name, { limit: 50 })),
  };
}

async function serialEngine(dir: string): Promise<Engine> {
  const read = await readCorpus(dir);
  return Engine.build(read.articles, { dir: path.resolve(dir), problems: read.problems });
}

let generated: string;

beforeAll(async () => {
  generated = await mkdtemp(path.join(os.tmpdir(), 'talks-parallel-'));
  await writeCorpus(generated, { articles: 240, seed: 7 });
  for (const name of ['000_a0edae4945652b42.txt', '002_068698ac76fd5961.txt']) {
    await copyFile(path.join(SEEDS, name), path.join(generated, name)).catch(() => undefined);
  }
  // Bad files must be reported the same way, in the same order.
  await writeFile(path.join(generated, 'aaa-empty.txt'), '');
  await writeFile(path.join(generated, 'bbb-binary.txt'), Buffer.from([0x41, 0, 0x42, 0]));
  await writeFile(path.join(generated, 'ccc-no-body.txt'), 'Only a title\n');
  await writeFile(path.join(generated, 'ddd-dup.md'), '---\ntitle: Duplicate id\n---\nA paragraph that says "we want peace," Zelensky said.\n');
  await writeFile(path.join(generated, 'ddd-dup.txt'), 'Duplicate id, text\nAnother paragraph.\n');
}, 60_000);

afterAll(async () => {
  await rm(generated, { recursive: true, force: true });
});

describe('parallel read + extract', () => {
  it('gives the seed corpus exactly as the serial path, with worker threads taking part', async () => {
    // With a time limit only workers read (this thread does not race them through five small files), so they take
    // part however busy the machine is.
    const parallel = await readCorpusExtracted(SEEDS, { minFiles: 1, chunkSize: 1, workers: 2, timeoutMs: 60_000 });
    expect(parallel.workers).toBeGreaterThan(0);
    const serial = await readCorpus(SEEDS);
    expect(parallel.articles).toEqual(serial.articles);
    expect(parallel.problems).toEqual(serial.problems);
    const engine = Engine.build(parallel.articles, { dir: path.resolve(SEEDS), extracted: parallel.extracted, problems: parallel.problems });
    expect(observable(engine)).toEqual(observable(await serialEngine(SEEDS)));
  }, 60_000);

  it('gives a generated corpus with bad files exactly as the serial path', async () => {
    const parallel = await readCorpusExtracted(generated, { chunkSize: 16 });
    expect(parallel.workers).toBeGreaterThan(0);
    const serial = await readCorpus(generated);
    expect(parallel.problems.map((p) => p.file)).toEqual(['aaa-empty.txt', 'bbb-binary.txt', 'ccc-no-body.txt', 'ddd-dup.txt']);
    expect(parallel.problems).toEqual(serial.problems);
    expect(parallel.articles).toEqual(serial.articles);
  }, 60_000);

  it('rebuild (parallel) and the serial build answer identically, speakers included', async () => {
    const engine = await rebuild(generated);
    const serial = await serialEngine(generated);
    expect(engine.sources().quotes).toBeGreaterThan(100);
    expect(engine.sources().speakers).toBeGreaterThan(5);
    expect(observable(engine)).toEqual(observable(serial));
  }, 60_000);

  it('finishes on this thread, with the same result, when workers fail to start or crash mid-way', async () => {
    const serial = await readCorpus(generated);
    const lines: string[] = [];
    const broken = await readCorpusExtracted(generated, {
      chunkSize: 8,
      log: (l) => lines.push(l),
      spawn: () => new Worker('throw new Error("worker broke")', { eval: true }),
    });
    expect(broken.workers).toBe(0);
    expect(lines.some((l) => /worker failed \(worker broke\)/.test(l))).toBe(true);
    expect(broken.articles).toEqual(serial.articles);
    expect(broken.problems).toEqual(serial.problems);
    // Answers its first chunk's message by exiting: the chunk it held goes back to the queue.
    const crashing = await readCorpusExtracted(generated, {
      chunkSize: 8,
      spawn: () => new Worker("require('node:worker_threads').parentPort.once('message', () => process.exit(3))", { eval: true }),
    });
    expect(crashing.articles).toEqual(serial.articles);
    expect(crashing.problems).toEqual(serial.problems);
  }, 60_000);

  it('falls back to this thread when there is no worker to use, and on a missing folder fails as readCorpus', async () => {
    const alone = await readCorpusExtracted(generated, { workers: 0 });
    expect(alone.workers).toBe(0);
    expect(alone.articles.map((a) => a.id)).toEqual((await readCorpus(generated)).articles.map((a) => a.id));
    await expect(readCorpusExtracted(path.join(generated, 'missing'))).rejects.toThrow(/does not exist/);
  }, 60_000);
});
