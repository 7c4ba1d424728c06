// Keeps every shard's index the same after a moderator changes the corpus. Each shard process holds its
// own Engine over the one shared corpus folder; the shard where the change happened has already written the file and
// re-indexed it, and then tells the others through discord.js's own broadcastEval to re-read those files.
// "Re-read file X" is idempotent and order-free: whatever order messages arrive in, each shard ends with what is on disk.
import type { Client } from 'discord.js';
import type { Engine } from '../engine.js';
import { Events } from 'discord.js';
import { articleIdFromFile } from '../corpus/read.js';
import { reindexCorpus } from '../moderation/reindex.js';
import { withCorpusLock } from '../moderation/store.js';
import { hashCorpus } from '../snapshot/open.js';
import { describeError } from './router.js';

/** Which articles changed on disk: their ids, or 'all' after /reindex. */
export type CorpusChange = readonly string[] | 'all';

/** Sent to every shard; `from` lets the originating shard skip its own (already applied) change. */
export interface SyncRequest {
  ids: string[] | 'all';
  from: number[];
  /** Makes each broadcast's script unique: discord.js matches replies to requests by the script text. */
  nonce: string;
}

/** One shard's answer. */
export interface SyncReply {
  shard: number[];
  applied: boolean;
  error?: string;
}

/** The property through which broadcastEval reaches this process's engine (the evaluated script sees only the client). */
interface SyncHost {
  talksBotCorpusSync?: (req: SyncRequest) => Promise<SyncReply>;
}

/** How long the moderator's reply waits for the other shards before going ahead (and logging who did not answer). */
export const SYNC_TIMEOUT_MS = 15_000;

/** Re-reads the changed files into `engine` (or everything for 'all'), serialized with this process's moderation. */
export async function applyCorpusChange(engine: Engine, ids: string[] | 'all'): Promise<void> {
  const dir = engine.dir;
  if (!dir) throw new Error('this engine has no corpus folder');
  await withCorpusLock(dir, async () => {
    if (ids === 'all') await reindexCorpus(engine, dir);
    else await engine.syncIds(ids);
  });
}

/**
 * Re-reads every article whose file changed, appeared or disappeared since `engine` was loaded (content hashes),
 * and returns their ids. A shard runs this once it is logged in: a change another shard made while this one was
 * starting (after it hashed the folder, before it could receive broadcasts) is picked up instead of missed.
 * Files that never parse stay reported problems, not re-read each time.
 */
export async function catchUpWithCorpus(engine: Engine, log: (line: string) => void = () => undefined): Promise<string[]> {
  const dir = engine.dir;
  if (!dir) return [];
  return withCorpusLock(dir, async () => {
    const before = new Map(engine.problems.map((p) => [p.file, p.error]));
    const report = await engine.sync(await hashCorpus(dir));
    const failed = report.problems.filter((p) => before.get(p.file) !== p.error);
    for (const p of failed) log(`corpus sync: could not re-read ${articleIdFromFile(p.file)}: ${p.error}`);
    return [...new Set([...report.added, ...report.updated, ...report.removed, ...failed.map((p) => articleIdFromFile(p.file))])];
  });
}

/**
 * Wires `client` for cross-shard sync and returns the hook moderation calls after each change (a no-op outside
 * ShardingManager). The returned promise resolves once every other shard has applied the change or SYNC_TIMEOUT_MS
 * passed; it never rejects (a shard that missed a change catches up at its next start or /reindex).
 */
export function setupCorpusSync(client: Client, engine: Engine, log: (line: string) => void, timeoutMs = SYNC_TIMEOUT_MS): (change: CorpusChange) => Promise<void> {
  const util = client.shard;
  if (!util) return async () => undefined;
  const mine = util.ids;
  const catchUp = () => {
    catchUpWithCorpus(engine, log).then(
      (ids) => { if (ids.length) log(`corpus sync: caught up with ${ids.length} article(s) changed while this shard started: ${ids.join(', ')}`); },
      (err: unknown) => log(`corpus sync: catching up with the corpus folder failed: ${describeError(err)}`),
    );
  };
  // The bot logs in while the index loads, so it may be logged in already: the catch-up cannot wait for the event.
  if (client.isReady()) catchUp();
  else client.once(Events.ClientReady, catchUp);
  (client as Client & SyncHost).talksBotCorpusSync = async (req) => {
    if (req.from.some((id) => mine.includes(id))) return { shard: mine, applied: false };
    try {
      await applyCorpusChange(engine, req.ids);
      log(`corpus sync: applied ${req.ids === 'all' ? 'a full reindex' : req.ids.join(', ')} from shard ${req.from.join(',')}`);
      return { shard: mine, applied: true };
    } catch (err) {
      log(`corpus sync: could not apply ${JSON.stringify(req.ids)} from shard ${req.from.join(',')}: ${describeError(err)}`);
      return { shard: mine, applied: false, error: (err as Error).message };
    }
  };

  return async (change) => {
    if (util.count <= 1) return;
    const req: SyncRequest = { ids: change === 'all' ? 'all' : [...change], from: mine, nonce: `${Date.now()}-${Math.random().toString(36).slice(2)}` };
    if (req.ids !== 'all' && req.ids.length === 0) return;
    // Keep this script trivial: it is sent as text and evaluated in each shard, where only `c` and `r` exist
    // (no imports, and no named inner functions: tsx would wrap them in a helper the shard cannot see).
    const broadcast = util.broadcastEval(
      (c, r) => (c as unknown as SyncHost).talksBotCorpusSync?.(r) ?? null,
      { context: req },
    ) as Promise<Array<SyncReply | null>>;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    try {
      const replies = await Promise.race([broadcast, timeout]);
      if (replies === 'timeout') {
        log(`corpus sync: not every shard confirmed ${JSON.stringify(req.ids)} within ${timeoutMs} ms; they catch up at their next start or /reindex`);
        return;
      }
      const missed = replies.filter((r) => !r || r.error).length;
      if (missed) log(`corpus sync: ${missed} shard(s) could not apply ${JSON.stringify(req.ids)} (not ready or failed); they catch up at their next start or /reindex`);
    } catch (err) {
      log(`corpus sync: broadcast of ${JSON.stringify(req.ids)} failed: ${describeError(err)}`);
    } finally {
      clearTimeout(timer);
      broadcast.catch(() => undefined);
    }
  };
}
