// Content hashes of corpus files, on a worker thread when there are many.
//
// Start-up hashes every article (the snapshot is never trusted blindly) while the snapshot is parsed. Both run
// on the main thread otherwise, one after the other (~250 ms of reads and sha256 for 10k files, all
// synchronous); on a second thread the hashing costs the start nothing on a 2-core machine.
import { Worker } from 'node:worker_threads';
import { contentHash, MAX_ARTICLE_FILE_BYTES } from '../corpus/read.js';
import { READ_CORPUS_FILE_SYNC_JS, readCorpusFileSync } from '../corpus/safe-file.js';

export type HashResult = { hash: string } | { error: string };

/** Below this many files a thread costs more to start than it saves. */
export const WORKER_MIN_FILES = 200;

// Plain JavaScript (a worker started from a string needs no TypeScript loader); must hash as contentHash does and
// read as the corpus reader does (only regular files inside the corpus, size cap before reading).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
${READ_CORPUS_FILE_SYNC_JS}
parentPort.postMessage(workerData.names.map((name) => {
  try {
    return { hash: createHash('sha256').update(readCorpusFileSync(workerData.dir, name, workerData.maxBytes)).digest('hex') };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}));
`;

function hashHere(dir: string, name: string): HashResult {
  try {
    return { hash: contentHash(readCorpusFileSync(dir, name, MAX_ARTICLE_FILE_BYTES)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Hashes on this thread in batches, letting the event loop turn between them. */
async function hashInBatches(dir: string, names: readonly string[]): Promise<HashResult[]> {
  const out: HashResult[] = [];
  for (let i = 0; i < names.length; i++) {
    out.push(hashHere(dir, names[i]));
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/**
 * sha256 of each file's bytes (contentHash), in the order given, or the read error. Uses a worker thread for
 * many files and falls back to this thread if the worker cannot run.
 */
export async function hashFiles(dir: string, names: readonly string[], opts: { worker?: boolean } = {}): Promise<HashResult[]> {
  if (!(opts.worker ?? names.length >= WORKER_MIN_FILES)) return hashInBatches(dir, names);
  try {
    return await new Promise<HashResult[]>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dir, names, maxBytes: MAX_ARTICLE_FILE_BYTES } });
      worker.once('message', (results: HashResult[]) => {
        resolve(results);
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`hashing worker exited with code ${code}`)));
    });
  } catch {
    return hashInBatches(dir, names);
  }
}
