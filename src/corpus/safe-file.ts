// Reading a corpus file without trusting what its name points to. A name in the corpus folder may be a
// symlink (to /etc/passwd, to /dev/zero), a FIFO, a device or a huge sparse file: only regular files inside
// the corpus are read, and the size cap is checked on the open file before a byte is read.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
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

/** The path to open for `file` in `dir`: itself, or the target of a symlink that stays inside the corpus. */
async function resolveInside(dir: string, file: string): Promise<string> {
  if (!(await lstat(file)).isSymbolicLink()) return file;
  const [root, real] = await Promise.all([realpath(dir), realpath(file)]);
  if (!inside(root, real)) throw new UnsafeFileError(OUTSIDE);
  return real;
}

function resolveInsideSync(dir: string, file: string): string {
  if (!lstatSync(file).isSymbolicLink()) return file;
  const real = realpathSync(file);
  if (!inside(realpathSync(dir), real)) throw new UnsafeFileError(OUTSIDE);
  return real;
}

/**
 * The bytes of the regular file `name` in the corpus folder `dir`, at most `maxBytes` of them. Throws
 * UnsafeFileError for a symlink out of the corpus, anything but a regular file, or a file over the cap (checked
 * on the open file, and again while reading in case it grows); fs errors (ENOENT…) pass through.
 */
export async function readCorpusFile(dir: string, name: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(await resolveInside(dir, path.join(dir, name)), OPEN_FLAGS);
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
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** readCorpusFile on this thread, synchronously (the hasher). */
export function readCorpusFileSync(dir: string, name: string, maxBytes: number): Buffer {
  const fd = openSync(resolveInsideSync(dir, path.join(dir, name)), OPEN_FLAGS);
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
    }
    return Buffer.concat(chunks, total);
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
  let target = file;
  if (fs.lstatSync(file).isSymbolicLink()) {
    const real = fs.realpathSync(file);
    const rel = path.relative(fs.realpathSync(dir), real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(${JSON.stringify(OUTSIDE)});
    target = real;
  }
  const fd = fs.openSync(target, ${OPEN_FLAGS});
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
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
`;
