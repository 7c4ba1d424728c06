// One corpus change at a time across processes (shards share the folder): the duplicate check and the write
// happen while this process holds `.corpus.lock`, a dot-file in the corpus folder made by an exclusive create.
// A lock whose holder died (kill -9, power cut) is broken: the holder's pid is gone, or the lock is older than
// any change could take (a pid reused after a restart).
import { randomBytes } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readCorpusFile } from '../corpus/safe-file.js';
import { ModerationError } from './errors.js';
import { processIsAlive } from '../process-alive.js';

export const LOCK_FILE = '.corpus.lock';
/** Held for the few microseconds of breaking a stale lock, so that two breakers never remove a fresh lock. */
const BREAK_FILE = '.corpus.lock.break';

export interface FileLockOptions {
  /** How long to wait for another process's change before refusing. */
  timeoutMs?: number;
  /** A lock older than this is stale whoever holds it: no change takes that long. */
  staleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_STALE_MS = 10 * 60_000;
/** The break lock is held for one read and one unlink: older than this, its holder is dead. */
const BREAK_STALE_MS = 10_000;

/** Tokens of the locks this process holds now (the same folder may be named by two paths). */
const held = new Set<string>();

interface Holder {
  pid: number;
  token: string;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const v = JSON.parse(text) as Partial<Holder>;
    return typeof v.pid === 'number' && typeof v.token === 'string' ? { pid: v.pid, token: v.token } : undefined;
  } catch {
    return undefined;
  }
}

/** Exclusive create with `content`; false when the file exists. A create whose write fails leaves nothing behind. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await fh.writeFile(content, 'utf8');
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
    throw err;
  }
  await fh.close();
  return true;
}

async function ageMs(file: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Whether the lock as read (`seen`) belongs to nobody alive. Our own pid with a token we do not hold is from an
 * earlier process that had our pid (a container restarted).
 */
function isStale(seen: string, age: number, staleMs: number): boolean {
  if (age > staleMs) return true;
  const holder = parseHolder(seen);
  // Unreadable: a holder between its create and its write, unless that was long ago.
  if (!holder) return age > BREAK_STALE_MS;
  if (holder.pid === process.pid) return !held.has(holder.token);
  return !processIsAlive(holder.pid);
}

/** Removes the lock if it is still exactly the stale one we saw; under the break lock, so no fresh lock is ever removed. */
async function breakStale(dir: string, seen: string): Promise<void> {
  const breakFile = join(dir, BREAK_FILE);
  if (!(await createExclusive(breakFile, JSON.stringify({ pid: process.pid })))) {
    const age = await ageMs(breakFile);
    if (age !== undefined && age > BREAK_STALE_MS) await unlink(breakFile).catch(() => undefined);
    return;
  }
  try {
    const now = await readLock(dir, LOCK_FILE);
    if (now === seen) await unlink(join(dir, LOCK_FILE)).catch(() => undefined);
  } finally {
    await unlink(breakFile).catch(() => undefined);
  }
}

/**
 * The lock's text; null when there is none. Read like an untrusted corpus file (a FIFO or a link put there
 * must not hang the bot): anything but a small regular file reads as '' (unreadable, so stale after a while).
 */
async function readLock(dir: string, name: string): Promise<string | null> {
  try {
    return (await readCorpusFile(dir, name, 4096)).toString('utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : '';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` while holding the corpus folder's cross-process lock. Callers serialize within the process first. */
export async function withFileLock<T>(dir: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  const file = join(dir, LOCK_FILE);
  const token = randomBytes(12).toString('hex');
  const mine = JSON.stringify({ pid: process.pid, token, at: new Date().toISOString() });
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  // Counted as held from before the create: another caller here must never see it as an earlier process's.
  held.add(token);
  try {
    await acquire(dir, file, mine, deadline, staleMs);
    return await fn();
  } finally {
    // Only our own lock: if it was broken as stale meanwhile, the file is someone else's now.
    if ((await readLock(dir, LOCK_FILE)) === mine) await unlink(file).catch(() => undefined);
    held.delete(token);
  }
}

async function acquire(dir: string, file: string, mine: string, deadline: number, staleMs: number): Promise<void> {
  for (let wait = 5; !(await createExclusive(file, mine)); wait = Math.min(wait * 2, 100)) {
    const seen = await readLock(dir, LOCK_FILE);
    if (seen === null) continue; // released in between: try again at once
    const age = await ageMs(file);
    if (age !== undefined && isStale(seen, age, staleMs)) {
      await breakStale(dir, seen);
      continue;
    }
    if (Date.now() > deadline) {
      throw new ModerationError('write-failed', 'Another change to the corpus is still running; try again in a minute.');
    }
    await sleep(wait + Math.random() * wait);
  }
}
