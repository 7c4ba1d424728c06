// Worker side of parallel-read.ts: reads, cleans and extracts the quotes of each chunk of files it is sent,
// answering file by file (so the main thread can tell which file runs over a time limit).
import { parentPort, workerData } from 'node:worker_threads';
import { readAndExtract, WORKER_MARK, type ChunkRequest, type WorkerReply } from './parallel-read.js';

// Only when started by parallel-read.ts: a test runner's own worker thread must never answer its messages.
const port = (workerData as { mark?: string } | undefined)?.mark === WORKER_MARK ? parentPort : null;
port?.on('message', async (req: ChunkRequest) => {
  for (const { i, name } of req.items) port.postMessage({ chunk: req.chunk, i, result: await readAndExtract(req.dir, name) } satisfies WorkerReply);
  port.postMessage({ chunk: req.chunk, done: true } satisfies WorkerReply);
});
port?.postMessage({ ready: true } satisfies WorkerReply);
