// Writing the corpus safely. Every change is: temp file (a dot-file the reader ignores) → fsync →
// link/rename → fsync the directory, so a crash at any moment leaves the old corpus or the new one.
// Removed and replaced versions move to corpus/.trash/ under timestamped names; nothing is deleted.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { DurableIo, type DurableHooks } from '../corpus/durable.js';
import { formatFrontMatter } from '../corpus/frontmatter.js';
import { readCorpusFile } from '../corpus/safe-file.js';
import { withFileLock } from './corpus-lock.js';
import type { ArticleDraft } from './draft.js';
import { ModerationError } from './errors.js';
import { idCandidates, idInUse, resolveArticleFile } from './ids.js';
import { processIsAlive } from '../process-alive.js';

export const TRASH_DIR = '.trash';
const TEMP_MARK = '.tmp-';

export interface AddedBy {
  /** "123456789 (alice)" */
  added_by: string;
  /** ISO timestamp */
  added_at: string;
}

/** Test seams: `afterTempWrite` runs after the temp file is durable and before it becomes visible; the
 * DurableHooks see (and may fail) every step that touches the disk. */
export interface WriteHooks extends DurableHooks {
  afterTempWrite?: (tempFile: string) => void | Promise<void>;
}

/** Largest file a change reads back (the reader refuses larger ones anyway). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

/** The bytes of a live corpus file, read as the corpus reader reads (never a FIFO, a device or a link out). */
export function readLiveFile(file: string): Promise<Buffer> {
  return readCorpusFile(dirname(file), basename(file), MAX_READ_BYTES);
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The `.md` text stored for a draft. */
export function renderArticle(draft: ArticleDraft, by: AddedBy): string {
  return formatFrontMatter(
    { title: draft.title, source: draft.source, url: draft.url, date: draft.date, added_by: by.added_by, added_at: by.added_at },
    draft.paragraphs.join('\n\n'),
  );
}

// ---- in-process lock: one corpus change at a time per directory (duplicate check + write together)

const locks = new Map<string, Promise<unknown>>();

export function withCorpusLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(dir) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(dir, tail);
  void tail.then(() => {
    if (locks.get(dir) === tail) locks.delete(dir);
  });
  return run;
}

/**
 * One corpus change at a time across processes too (shards share the folder): in-process queue first, then
 * the folder's lock file. The duplicate check, the write and its audit line all happen inside.
 */
export function withCorpusWriteLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  return withCorpusLock(dir, () => withFileLock(dir, fn));
}

// ---- low-level durable file operations

/** Writes `content` to a new dot-temp file next to `forName`, durably. Returns its path. */
async function writeTemp(io: DurableIo, dir: string, forName: string, content: string): Promise<string> {
  const temp = join(dir, `.${forName}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
  await io.createDurably(temp, content); // a failed write (full disk) leaves no temp file
  return temp;
}

/** Makes `from` visible as `to` without ever replacing an existing `to` (hard link: atomic, no clobber). */
async function linkNoClobber(io: DurableIo, from: string, to: string): Promise<void> {
  try {
    await io.link(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw err;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      // No hard links here: fall back to check-then-rename (safe: every change holds withCorpusWriteLock).
      const exists = await lstat(to).then(() => true, () => false);
      if (exists) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
      await io.rename(from, to);
      return;
    }
    throw err;
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** Puts a copy of a live file into .trash/ under a fresh timestamped name; the live file is untouched. */
async function linkIntoTrash(io: DurableIo, dir: string, file: string, now: Date): Promise<string> {
  const trash = join(dir, TRASH_DIR);
  await io.mkdir(trash);
  const ext = extname(file);
  const id = basename(file, ext);
  for (let n = 1; n < 1000; n++) {
    const target = join(trash, `${id}.${stamp(now)}${n > 1 ? `-${n}` : ''}${ext}`);
    try {
      await linkNoClobber(io, file, target);
      await io.syncDir(trash);
      return target;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new ModerationError('write-failed', 'Could not find a free name in .trash/.');
}

// ---- the three corpus changes

export interface WriteResult {
  id: string;
  file: string;
  sha256: string;
  /** Where the previous version went (replace/remove). */
  trashed?: string;
}

export interface NewArticleOptions extends WriteHooks {
  /** Ids taken elsewhere (e.g. articles the engine knows without a file). */
  isTaken?: (id: string) => boolean;
}

/** Writes a new article under the first free id from `baseId` (base, base-2, …). Safe against concurrent adds. */
export async function writeNewArticle(dir: string, baseId: string, content: string, opts: NewArticleOptions = {}): Promise<WriteResult> {
  const io = new DurableIo(opts);
  const temp = await writeTemp(io, dir, `${baseId}.md`, content);
  try {
    await opts.afterTempWrite?.(temp);
    for (const id of idCandidates(baseId)) {
      if (opts.isTaken?.(id) || (await idInUse(dir, id))) continue;
      const file = join(dir, `${id}.md`);
      try {
        await linkNoClobber(io, temp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue; // another writer got it first
        throw err;
      }
      await io.syncDir(dir);
      return { id, file, sha256: sha256(content) };
    }
    throw new ModerationError('write-failed', `Too many articles are already called ${baseId}.`);
  } finally {
    await io.unlink(temp).catch(() => undefined);
  }
}

/** Replaces the live article `id` with `content` (as `id.md`); the previous file goes to .trash/ first. */
export async function replaceArticleFile(dir: string, id: string, content: string, opts: WriteHooks & { now?: Date } = {}): Promise<WriteResult> {
  const old = await resolveArticleFile(dir, id);
  const file = join(dir, `${id}.md`);
  const io = new DurableIo(opts);
  const temp = await writeTemp(io, dir, `${id}.md`, content);
  let swapped = false;
  try {
    await opts.afterTempWrite?.(temp);
    const trashed = await linkIntoTrash(io, dir, old.file, opts.now ?? new Date());
    await io.rename(temp, file); // atomic swap of the .md
    swapped = true;
    // A .txt seed becomes .md; its copy is in .trash/ (another shard's start-up recovery may have unlinked it already).
    if (old.file !== file) await io.unlink(old.file).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') throw err; });
    await io.syncDir(dir);
    return { id, file, sha256: sha256(content), trashed };
  } finally {
    if (!swapped) await io.unlink(temp).catch(() => undefined);
  }
}

/** Moves the live article `id` to .trash/ (never deletes it). */
export async function trashArticleFile(dir: string, id: string, now = new Date(), hooks: DurableHooks = {}): Promise<WriteResult> {
  const io = new DurableIo(hooks);
  const old = await resolveArticleFile(dir, id);
  const content = await readLiveFile(old.file);
  const trashed = await linkIntoTrash(io, dir, old.file, now);
  await io.unlink(old.file);
  await io.syncDir(dir);
  return { id, file: old.file, sha256: sha256(content), trashed };
}

/** Whether the temp file `name` (`.<file>.tmp-<pid>-<random>`) belongs to another process that is still running. */
function writerIsAlive(name: string): boolean {
  const pid = Number(/\.tmp-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
  return pid !== process.pid && processIsAlive(pid);
}

/**
 * Startup recovery: removes temp files a crash left behind, and finishes a .txt→.md replace that was
 * interrupted after the new .md appeared (the old .txt is already in .trash/). Returns what it did.
 */
export async function recoverCorpus(dir: string): Promise<string[]> {
  const done: string[] = [];
  for (const d of [dir, join(dir, TRASH_DIR)]) {
    let names: string[];
    try {
      names = await readdir(d);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.startsWith('.') && name.includes(TEMP_MARK)) {
        // Under ShardingManager several processes share the folder: leave another live process's write alone.
        if (writerIsAlive(name)) continue;
        await rm(join(d, name), { force: true });
        done.push(`removed stale temp file ${name}`);
      }
    }
  }
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return done;
  }
  const trashNames = await readdir(join(dir, TRASH_DIR)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith('.txt') || name.startsWith('.')) continue;
    const id = name.slice(0, -4);
    if (!names.includes(`${id}.md`)) continue;
    const txt = await readLiveFile(join(dir, name)).catch(() => undefined);
    if (!txt) continue; // not a regular file in the corpus: the reader reports it
    const hash = sha256(txt);
    for (const t of trashNames.filter((n) => n.startsWith(`${id}.`) && n.endsWith('.txt'))) {
      const copy = await readLiveFile(join(dir, TRASH_DIR, t)).catch(() => undefined);
      if (copy && sha256(copy) === hash) {
        await rm(join(dir, name));
        done.push(`finished replacing ${id} (old ${name} is in ${TRASH_DIR}/${t})`);
        break;
      }
    }
  }
  if (done.length) await new DurableIo().syncDir(dir);
  return done;
}
