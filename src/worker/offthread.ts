// Runs the parsing of untrusted text (tasks.ts) on one long-lived worker thread, one task at a time, each under
// a time limit: the bot's thread only waits, so it keeps answering everyone else. A task that runs over its
// limit has the thread terminated (a runaway regex or DOM walk cannot be interrupted any other way); the next
// task starts a fresh one.
import type { Worker } from 'node:worker_threads';
import { ArticleParseError } from '../corpus/read.js';
import { spawnSiblingWorker } from './spawn.js';
import { ModerationError, type ModerationErrorCode } from '../moderation/errors.js';
import type { TaskArgs, TaskName, TaskResult, ThreadError, ThreadReply } from './tasks.js';

export const THREAD_MARK = 'talks-bot:parse-thread';
export { DEFAULT_ARTICLE_TIMEOUT_MS } from '../moderation/settings.js';
/** Starting the thread (loading the parsers) is not the task's time; it only has to happen at all. */
const START_TIMEOUT_MS = 60_000;

/** A task that ran over its time limit (the thread was stopped). */
export class OffThreadTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`took longer than the ${formatMs(timeoutMs)} limit`);
    this.name = 'OffThreadTimeout';
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

function revive(error: ThreadError): Error {
  if (error.kind === 'moderation') return new ModerationError(error.code as ModerationErrorCode, error.reason);
  if (error.kind === 'parse') return new ArticleParseError(error.message);
  return new Error(error.message);
}

export class ParseThread {
  private worker: Promise<Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  constructor(private readonly spawn: () => Worker = () => spawnSiblingWorker(import.meta.url, 'thread', { mark: THREAD_MARK })) {}

  /** Runs `task` on the thread once the tasks queued before it are done; rejects with OffThreadTimeout after `timeoutMs`. */
  run<K extends TaskName>(task: K, args: TaskArgs<K>, timeoutMs: number): Promise<TaskResult<K>> {
    const job = this.queue.then(() => this.exec(task, args, timeoutMs));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Stops the thread (tests; a process exits without it since an idle thread is unref'd). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.then((w) => w.terminate(), () => undefined);
  }

  private start(): Promise<Worker> {
    const starting: Promise<Worker> = new Promise<Worker>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = this.spawn();
      } catch (err) {
        reject(err);
        return;
      }
      const timer = setTimeout(() => fail(new Error('the parse thread did not start')), START_TIMEOUT_MS);
      // Only our own listeners are removed: a Worker's removeAllListeners() also drops its internal ones and
      // it never delivers a message again.
      const onError = (err: Error): void => fail(err);
      const onExit = (code: number): void => fail(new Error(`the parse thread stopped while starting (exit code ${code})`));
      const off = (): void => {
        clearTimeout(timer);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.off('message', onReady);
      };
      const fail = (err: Error): void => {
        off();
        worker.on('error', () => undefined);
        void worker.terminate();
        reject(err);
      };
      const onReady = (msg: ThreadReply): void => {
        off();
        if (!('ready' in msg)) return fail(new Error('the parse thread answered before it was ready'));
        worker.on('error', () => undefined);
        // Forget a thread that dies on its own: the next task starts another.
        worker.once('exit', () => {
          if (this.worker === starting) this.worker = null;
        });
        worker.unref();
        resolve(worker);
      };
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.on('message', onReady);
    });
    return starting;
  }

  private async exec<K extends TaskName>(task: K, args: TaskArgs<K>, timeoutMs: number): Promise<TaskResult<K>> {
    const started = this.worker ?? this.startTracked();
    const worker = await started.catch((err: unknown) => {
      if (this.worker === started) this.worker = null;
      throw err;
    });
    const id = ++this.nextId;
    return new Promise<TaskResult<K>>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.unref();
      };
      const onMessage = (msg: ThreadReply): void => {
        if (!('id' in msg) || msg.id !== id) return;
        done();
        if (msg.ok) resolve(msg.value as TaskResult<K>);
        else reject(revive(msg.error));
      };
      const onExit = (code: number): void => {
        done();
        reject(new Error(`the parse thread stopped (exit code ${code})`));
      };
      const timer = setTimeout(() => {
        done();
        if (this.worker === started) this.worker = null;
        void worker.terminate();
        reject(new OffThreadTimeout(timeoutMs));
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      // Keeps the process alive while a task is in flight (an idle thread does not).
      worker.ref();
      worker.postMessage({ id, task, args });
    });
  }

  private startTracked(): Promise<Worker> {
    this.worker = this.start();
    return this.worker;
  }
}

let shared: ParseThread | null = null;

/** The process's parse thread (started on first use). */
export function parseThread(): ParseThread {
  return (shared ??= new ParseThread());
}
