// Whether a process id (from a lock or temp file another process left) belongs to a running process.

/** True when `pid` names a running process, ours included; EPERM means it runs under another user. */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
