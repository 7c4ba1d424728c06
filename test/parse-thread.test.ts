// The parse thread: results and refusals come back as the same errors, a task over its time limit is stopped
// (and the thread replaced), and corpus syncs report such a file as a problem instead of waiting for it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusExtracted } from '../src/corpus/parallel-read.js';
import { ArticleParseError } from '../src/corpus/read.js';
import { Engine } from '../src/engine.js';
import { ModerationError } from '../src/moderation/errors.js';
import { OffThreadTimeout, ParseThread } from '../src/worker/offthread.js';

const thread = new ParseThread();
afterAll(() => thread.close());

/** A thread that says it is ready, then never finishes a task: the only way to see a limit enforced for sure. */
function stuckWorker(): Worker {
  return new Worker(`const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ ready: true });
parentPort.on('message', () => { for (;;) {} });`, { eval: true });
}

describe('ParseThread', () => {
  it('returns a task result and rebuilds the refusals thrown on the thread', async () => {
    const draft = await thread.run('draft', { text: '# Envoys meet again in Geneva\n\nThe mediator said: “We will meet on Monday.”\n', format: 'markdown' }, 30_000);
    expect(draft).toMatchObject({ title: 'Envoys meet again in Geneva', paragraphs: ['The mediator said: “We will meet on Monday.”'] });
    const refused = await thread.run('draft', { text: '', format: 'markdown' }, 30_000).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ModerationError);
    expect((refused as ModerationError).code).toBe('no-paragraphs');
    const unreadable = await thread.run('check', { id: 'x', content: '---\ntitle: "Only a title here"\n---\n' }, 30_000).catch((err: unknown) => err);
    expect(unreadable).toBeInstanceOf(ArticleParseError);
  }, 60_000);

  it('stops a task that runs over its limit, and the next task gets a fresh thread', async () => {
    let spawned = 0;
    const stuck = new ParseThread(() => (spawned++, stuckWorker()));
    try {
      const first = await stuck.run('check', { id: 'x', content: 'a' }, 200).catch((err: unknown) => err);
      expect(first).toBeInstanceOf(OffThreadTimeout);
      expect((first as Error).message).toBe('took longer than the 200 ms limit');
      expect(await stuck.run('check', { id: 'x', content: 'a' }, 200).catch((err: unknown) => err)).toBeInstanceOf(OffThreadTimeout);
      expect(spawned).toBe(2);
    } finally {
      await stuck.close();
    }
  });

  it('reports a file a sync could not read in time as a problem and keeps the rest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'talks-parse-thread-'));
    try {
      await writeFile(path.join(dir, 'fine.txt'), 'Envoys meet again in Geneva\n\nThe mediator said: “We will meet on Monday in Geneva.”\n');
      await writeFile(path.join(dir, 'slow.txt'), `Envoys keep talking\n\nThe envoy said ${'…'.repeat(60_000)}\n`);
      const engine = Engine.fromArticles([], dir);
      const report = await engine.sync({ files: [{ name: 'fine.txt' }, { name: 'slow.txt' }] }, { timeoutMs: 1_000 });
      expect(report.added).toContain('fine');
      // A quote extractor fast on this text adds it; a slow one has it refused, never waited for.
      if (!report.added.includes('slow')) expect(report.problems).toEqual([{ file: 'slow.txt', error: 'reading it took longer than the 1 s limit; skipped' }]);
      expect(engine.whoSaid('Monday').total).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('skips a file a rebuild worker spends too long on, replacing the worker, and reads the rest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'talks-parse-thread-'));
    try {
      for (let n = 0; n < 30; n++) await writeFile(path.join(dir, `a${String(n).padStart(2, '0')}.txt`), `Title ${n}\n\nBody ${n}.\n`);
      // Answers every file with a made-up error, except that it never finishes a02.txt.
      const worker = (): Worker => new Worker(`const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  for (const { i, name } of req.items) {
    if (name === 'a02.txt') for (;;) {}
    parentPort.postMessage({ chunk: req.chunk, i, result: { error: 'made up ' + name } });
  }
  parentPort.postMessage({ chunk: req.chunk, done: true });
});
parentPort.postMessage({ ready: true });`, { eval: true });
      let spawned = 0;
      const lines: string[] = [];
      const read = await readCorpusExtracted(dir, { minFiles: 1, chunkSize: 4, workers: 1, timeoutMs: 1_000, spawn: () => (spawned++, worker()), log: (l) => lines.push(l) });
      expect(read.problems).toHaveLength(30);
      expect(read.problems[2]).toEqual({ file: 'a02.txt', error: 'reading it took longer than the 1 s limit; skipped' });
      expect(read.problems.filter((p) => p.error.startsWith('made up '))).toHaveLength(29);
      expect(spawned).toBe(2);
      expect(lines.join('\n')).toMatch(/a02\.txt took longer than 1 s; skipped, worker replaced/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
