// The parse thread's entry (started by offthread.ts): runs one task per message and answers with its result.
import { parentPort, workerData } from 'node:worker_threads';
import { ArticleParseError } from '../corpus/read.js';
import { ModerationError } from '../moderation/errors.js';
import { THREAD_MARK } from './offthread.js';
import { TASKS, type ThreadError, type ThreadReply, type ThreadRequest } from './tasks.js';

function toThreadError(err: unknown): ThreadError {
  if (err instanceof ModerationError) return { kind: 'moderation', code: err.code, reason: err.reason };
  if (err instanceof ArticleParseError) return { kind: 'parse', message: err.message };
  return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
}

// Only when started by offthread.ts: a test runner's own worker thread must never answer these messages.
const port = (workerData as { mark?: string } | undefined)?.mark === THREAD_MARK ? parentPort : null;
port?.on('message', async (req: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const run = TASKS[req.task] as (args: unknown) => unknown;
    reply = { id: req.id, ok: true, value: await run(req.args) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: toThreadError(err) };
  }
  port.postMessage(reply);
});
port?.postMessage({ ready: true } satisfies ThreadReply);
