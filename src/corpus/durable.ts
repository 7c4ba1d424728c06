// Durability helpers shared by every atomic write (articles, audit, snapshots), and the one layer through which
// corpus changes touch the disk: each completed step is reported (tests kill the process at step N, or check
// that every fsync comes before what depends on it) and the write itself can be replaced (a full disk in tests).
import { link, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';

/** Flushes a folder so a rename into it survives a crash; some file systems cannot open a folder, which is then not needed. */
export async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the rename itself is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A change to the disk, reported once it has completed. */
export type DurableOp = 'fsync' | 'fsync-dir' | 'link' | 'rename' | 'unlink' | 'mkdir';

export interface DurableHooks {
  /** Called after each step, in order, with the file (or folder) it touched. */
  step?: (op: DurableOp, file: string) => void | Promise<void>;
  /** Writes `data` to an open file (default: fh.write until done). */
  write?: (fh: FileHandle, data: string, file: string) => Promise<void>;
}

async function writeAll(fh: FileHandle, data: string): Promise<void> {
  await fh.writeFile(data, 'utf8');
}

/** The disk operations of corpus changes, each followed by its step report. */
export class DurableIo {
  constructor(private readonly hooks: DurableHooks = {}) {}

  private async done(op: DurableOp, file: string): Promise<void> {
    await this.hooks.step?.(op, file);
  }

  /** fsync and its report are one call: a test that checks the steps notices a dropped fsync. */
  private async fsync(fh: FileHandle, file: string): Promise<void> {
    await fh.sync();
    await this.done('fsync', file);
  }

  /**
   * Creates `file` (exclusively) with `data` and fsyncs it. On any failure (a full disk…) nothing is left:
   * the partial file is removed before the error is passed on.
   */
  async createDurably(file: string, data: string): Promise<void> {
    const fh = await open(file, 'wx', 0o644);
    try {
      await (this.hooks.write ?? writeAll)(fh, data, file);
      await this.fsync(fh, file);
    } catch (err) {
      await fh.close().catch(() => undefined);
      await unlink(file).catch(() => undefined);
      throw err;
    }
    await fh.close();
  }

  /**
   * Appends one line and fsyncs it. A write that fails (a full disk) is cut back off, so the file never holds
   * half a line; a file whose last line lacks its newline (an older crash) gets one first.
   */
  async appendLineDurably(file: string, line: string): Promise<void> {
    const fh = await open(file, 'a+', 0o644);
    try {
      const { size } = await fh.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== 10) prefix = '\n';
      }
      try {
        await (this.hooks.write ?? writeAll)(fh, `${prefix}${line}\n`, file);
        await this.fsync(fh, file);
      } catch (err) {
        await fh.truncate(size).catch(() => undefined);
        throw err;
      }
    } finally {
      await fh.close();
    }
  }

  async syncDir(dir: string): Promise<void> {
    await syncDir(dir);
    await this.done('fsync-dir', dir);
  }

  async link(from: string, to: string): Promise<void> {
    await link(from, to);
    await this.done('link', to);
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(from, to);
    await this.done('rename', to);
  }

  async unlink(file: string): Promise<void> {
    await unlink(file);
    await this.done('unlink', file);
  }

  async mkdir(dir: string): Promise<void> {
    const made = await mkdir(dir, { recursive: true });
    if (made) await this.done('mkdir', dir);
  }
}
