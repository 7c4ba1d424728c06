// Durable files in corpus/.feeds/: atomic JSON writes (temp → fsync → rename → fsync folder) and a lock that
// works across processes, because under ShardingManager every shard may change the feed state (commands and
// buttons arrive on any shard) while shard 0 polls.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncDir } from '../corpus/durable.js';
import { processIsAlive } from '../process-alive.js';

export const FEEDS_DIR = '.feeds';

export function feedsDir(corpusDir: string): string {
  return join(corpusDir, FEEDS_DIR);
}

/** Writes `value` as JSON to `file` so that a crash leaves the old file or the new one, never a mix. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fh = await open(temp, 'wx', 0o644);
  try {
    await fh.writeFile(`${JSON.stringify(value, null, 1)}\n`, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

/** The parsed JSON in `file`, or undefined when there is no such file. A broken file throws. */
export async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(text);
}

const inProcess = new Map<string, Promise<unknown>>();

async function acquireFileLock(file: string, timeoutMs: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fh = await open(file, 'wx', 0o644);
      await fh.writeFile(String(process.pid));
      await fh.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    // A holder killed with -9 leaves its lock behind: take it over once its process is gone. A lock naming this very
    // process is stale too (a restarted container reuses the pid): in-process callers are serialized before this.
    const holder = Number(await readFile(file, 'utf8').catch(() => ''));
    if (holder === process.pid || !processIsAlive(holder)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`the feed state is locked by process ${holder}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Runs `fn` holding the feed-state lock of `corpusDir`: one at a time in this process and across processes. */
export function withFeedsLock<T>(corpusDir: string, fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const lockFile = join(feedsDir(corpusDir), 'lock');
  const prev = inProcess.get(lockFile) ?? Promise.resolve();
  const run = prev.then(async () => {
    await acquireFileLock(lockFile, timeoutMs);
    try {
      return await fn();
    } finally {
      await unlink(lockFile).catch(() => undefined);
    }
  });
  const tail = run.catch(() => undefined);
  inProcess.set(lockFile, tail);
  void tail.then(() => { if (inProcess.get(lockFile) === tail) inProcess.delete(lockFile); });
  return run;
}

/** Removes temp files a killed process left in corpus/.feeds/ (those of live processes stay). Returns their names. */
export async function removeStaleTemps(corpusDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const sub of ['', 'drafts']) {
    const d = join(feedsDir(corpusDir), sub);
    const names = await readdir(d).catch(() => [] as string[]);
    for (const name of names) {
      const pid = Number(/^\.tmp-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
      if (!pid || pid === process.pid || processIsAlive(pid)) continue;
      await unlink(join(d, name)).catch(() => undefined);
      removed.push(name);
    }
  }
  return removed;
}
