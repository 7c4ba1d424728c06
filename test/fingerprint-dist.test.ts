// The compiled build (dist/, what `npm start` runs) works on its own: its worker threads start from the compiled
// .js files, and its snapshot fingerprint follows the compiled code, so a changed extractor invalidates snapshots.
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiled } from './compiled.js';
import { REPO_ROOT, SEED_CORPUS, removeDir } from './fake-discord/harness.js';

const run = promisify(execFile);
let copy: string;
let scripts = 0;

/** Runs `code` (an ES module body) with plain node; `$dist` in it is the file URL of the copied build's src/. */
async function node(code: string): Promise<string> {
  // A script file, not `-e`: worker threads inherit the parent's flags, and --input-type would stop them.
  const script = join(copy, `script-${++scripts}.mjs`);
  await writeFile(script, code.replaceAll('$dist', pathToFileURL(join(copy, 'src')).href));
  const { stdout } = await run(process.execPath, [script], { cwd: REPO_ROOT });
  return stdout.trim();
}

beforeAll(async () => {
  compiled('src/main.ts'); // built?
  // A copy inside dist/, so that the copied modules still find node_modules; edited below without touching dist/src.
  copy = await mkdtemp(join(REPO_ROOT, 'dist', '.test-build-'));
  await cp(join(REPO_ROOT, 'dist', 'src'), join(copy, 'src'), { recursive: true });
});
afterAll(async () => {
  await removeDir(copy);
});

describe('the compiled build', () => {
  it('reads a corpus on worker threads started from the compiled worker module', async () => {
    const out = await node(`
      const { readCorpusExtracted } = await import('$dist/corpus/parallel-read.js');
      const r = await readCorpusExtracted(${JSON.stringify(SEED_CORPUS)}, { minFiles: 1, chunkSize: 1, workers: 2 });
      console.log(JSON.stringify({ workers: r.workers, articles: r.articles.length }));`);
    const r = JSON.parse(out) as { workers: number; articles: number };
    expect(r.workers).toBeGreaterThan(0);
    expect(r.articles).toBeGreaterThan(0);
  });

  it('fingerprints its own code: a change to the compiled extractor gives another fingerprint', async () => {
    const fingerprint = () => node(`const { termFingerprint } = await import('$dist/snapshot/fingerprint.js'); console.log(termFingerprint());`);
    const before = await fingerprint();
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    expect(await fingerprint()).toBe(before);
    await appendFile(join(copy, 'src', 'quotes', 'extract.js'), '\n// a changed extractor\n');
    expect(await fingerprint()).not.toBe(before);
  });
});
