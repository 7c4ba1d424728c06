// Worker side of parallel-read.ts: reads, cleans and extracts the quotes of each chunk of files it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { readAndExtract, WORKER_MARK, type ChunkRequest, type ChunkResult, type FileResult } from './parallel-read.js';

// Only when started by parallel-read.ts: a test runner's own worker thread must never answer its messages.
const port = (workerData as { mark?: string } | undefined)?.mark === WORKER_MARK ? parentPort : null;
port?.on('message', async (req: ChunkRequest) => {
  const results: FileResult[] = [];
  for (const name of req.names) results.push(await readAndExtract(req.dir, name));
  const reply: ChunkResult = { chunk: req.chunk, results };
  port.postMessage(reply);
});
