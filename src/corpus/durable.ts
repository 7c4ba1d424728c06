// Durability helper shared by every atomic write (articles, snapshots).
import { open, type FileHandle } from 'node:fs/promises';

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
