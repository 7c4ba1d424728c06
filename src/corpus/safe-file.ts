// Reading a corpus file without trusting what its name points to. A name in the corpus folder may be a
// symlink (to /etc/passwd, to /dev/zero), a FIFO, a device or a huge sparse file: only regular files inside
// the corpus are read, and the size cap is checked on the open file before a byte is read.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Why a corpus file was not read; its message is shown as the file's problem. */
export class UnsafeFileError extends Error {}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever. No effect on regular files.
// O_NOFOLLOW: the path opened is the resolved one; a symlink swapped in after resolving is refused, not followed.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

function inside(root: string, real: string): boolean {
  const rel = path.relative(root, real);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const OUTSIDE = 'it is a link to something outside the corpus folder; skipped';
const NOT_REGULAR = 'it is not a regular file (a folder, pipe or device); skipped';
const tooLarge = (size: number, max: number): UnsafeFileError =>
  new UnsafeFileError(`the file is too large (${Math.round(size / 1e6)} MB; the limit is ${Math.round(max / 1e6)} MB)`);

const isLink = (err: unknown): boolean => (err as NodeJS.ErrnoException).code === 'ELOOP';

/**
 * Opens `file` in `dir` for reading: itself, or (it is a symlink: O_NOFOLLOW fails with ELOOP) the target of
 * a symlink that stays inside the corpus. Trying the plain open first costs nothing extra for a plain file.
 */
async function openInside(dir: string, file: string): Promise<FileHandle> {
  try {
    return await open(file, OPEN_FLAGS);
  } catch (err) {
    if (!isLink(err)) throw err;
  }
  const [root, real] = await Promise.all([realpath(dir), realpath(file)]);
  if (!inside(root, real)) throw new UnsafeFileError(OUTSIDE);
  return open(real, OPEN_FLAGS);
}

function openInsideSync(dir: string, file: string): number {
  try {
    return openSync(file, OPEN_FLAGS);
  } catch (err) {
    if (!isLink(err)) throw err;
  }
  const real = realpathSync(file);
  if (!inside(realpathSync(dir), real)) throw new UnsafeFileError(OUTSIDE);
  return openSync(real, OPEN_FLAGS);
}

/**
 * The bytes of the regular file `name` in the corpus folder `dir`, at most `maxBytes` of them. Throws
 * UnsafeFileError for a symlink out of the corpus, anything but a regular file, or a file over the cap (checked
 * on the open file, and again while reading in case it grows); fs errors (ENOENT…) pass through.
 */
export async function readCorpusFile(dir: string, name: string, maxBytes: number): Promise<Buffer> {
  const handle = await openInside(dir, path.join(dir, name));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnsafeFileError(NOT_REGULAR);
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One read of the stated size (+1 to see the end); a file that grows meanwhile is read on, never past the cap.
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size + 1 - total, 64 * 1024), maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(total, maxBytes);
      if (bytesRead < chunk.length) break; // a short read of a regular file is its end: saves one read per file
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** readCorpusFile on this thread, synchronously (the hasher). */
export function readCorpusFileSync(dir: string, name: string, maxBytes: number): Buffer {
  const fd = openInsideSync(dir, path.join(dir, name));
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new UnsafeFileError(NOT_REGULAR);
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size + 1 - total, 64 * 1024), maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge(total, maxBytes);
      if (n < chunk.length) break; // a short read of a regular file is its end
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** The same rules as plain JavaScript, for worker threads started from a string (no TypeScript loader there). */
export const READ_CORPUS_FILE_SYNC_JS = `
function readCorpusFileSync(dir, name, maxBytes) {
  const fs = require('node:fs');
  const path = require('node:path');
  const file = path.join(dir, name);
  let fd;
  try {
    fd = fs.openSync(file, ${OPEN_FLAGS});
  } catch (err) {
    if (err.code !== 'ELOOP') throw err;
    const real = fs.realpathSync(file);
    const rel = path.relative(fs.realpathSync(dir), real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(${JSON.stringify(OUTSIDE)});
    fd = fs.openSync(real, ${OPEN_FLAGS});
  }
  try {
    const info = fs.fstatSync(fd);
    if (!info.isFile()) throw new Error(${JSON.stringify(NOT_REGULAR)});
    const tooLarge = (size) => new Error('the file is too large (' + Math.round(size / 1e6) + ' MB; the limit is ' + Math.round(maxBytes / 1e6) + ' MB)');
    if (info.size > maxBytes) throw tooLarge(info.size);
    const chunks = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(info.size + 1 - total, 65536), maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge(total);
      if (n < chunk.length) break;
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
`;
