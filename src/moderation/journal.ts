// A corpus change and its audit line are durable together. Before a change, its intent (what is about to be
// stored or removed, with content hashes) is written and fsynced in corpus/.journal/; then the change; then
// the audit line (fsynced); then the intent is removed. An intent left by a crash is settled against the
// folder: if the change is on disk, its audit line is written (once); if not, the intent is dropped.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DurableIo } from '../corpus/durable.js';
import { readCorpusFile } from '../corpus/safe-file.js';
import { AUDIT_FILE, type AuditAction, type AuditEntry } from './audit.js';
import { sha256, TRASH_DIR } from './store.js';
import { processIsAlive } from '../process-alive.js';

export const JOURNAL_DIR = '.journal';

export interface Intent {
  /** Unique per change; the audit line carries it, so an intent is never audited twice. */
  op: string;
  action: Exclude<AuditAction, 'reindex'>;
  /** The audit line without what only the change decides (the new id, the trash name). */
  entry: AuditEntry;
  /** add: the id the change starts from (base, base-2, … are tried). */
  baseId?: string;
  /** replace/remove: the article changed. */
  id?: string;
  /** add/replace: sha256 of the content being stored. */
  sha256?: string;
  /** replace/remove: sha256 of the live file being replaced or removed. */
  oldSha256?: string;
}

const MAX_AUDIT_BYTES = 512 * 1024 * 1024;
const MAX_ARTICLE_BYTES = 64 * 1024 * 1024;

export function newOp(): string {
  return randomBytes(8).toString('hex');
}

/** Writes the intent durably (file and folder fsynced) and returns its path. */
export async function writeIntent(dir: string, intent: Intent, io: DurableIo): Promise<string> {
  const journal = join(dir, JOURNAL_DIR);
  await io.mkdir(journal);
  const file = join(journal, `${process.pid}-${intent.op}.json`);
  await io.createDurably(file, JSON.stringify(intent));
  await io.syncDir(journal);
  return file;
}

/** After the change: the audit line (fsynced), then the intent goes. */
export async function completeIntent(dir: string, file: string, entry: AuditEntry, io: DurableIo): Promise<void> {
  await io.appendLineDurably(join(dir, AUDIT_FILE), JSON.stringify(entry));
  await io.unlink(file);
}

async function shaOf(dir: string, name: string): Promise<string | undefined> {
  try {
    return sha256(await readCorpusFile(dir, name, MAX_ARTICLE_BYTES));
  } catch {
    return undefined;
  }
}

/** The newest copy in .trash/ of article `id` whose bytes hash to `hash`. */
async function trashedCopy(dir: string, id: string, hash: string | undefined): Promise<string | undefined> {
  if (!hash) return undefined;
  const trash = join(dir, TRASH_DIR);
  const names = (await readdir(trash).catch(() => [] as string[])).filter((n) => n.startsWith(`${id}.`)).sort().reverse();
  for (const name of names) if ((await shaOf(trash, name)) === hash) return `${TRASH_DIR}/${name}`;
  return undefined;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the folder says about an intent: the finished audit entry if the change is on disk, else null. */
async function outcome(dir: string, intent: Intent): Promise<AuditEntry | null> {
  const base: AuditEntry = { ...intent.entry, op: intent.op, recovered: true };
  if (intent.action === 'add' && intent.baseId && intent.sha256) {
    const re = new RegExp(`^${escapeRe(intent.baseId)}(-\\d+)?\\.md$`);
    for (const name of (await readdir(dir)).filter((n) => re.test(n)).sort()) {
      if ((await shaOf(dir, name)) === intent.sha256) return { ...base, article: name.slice(0, -3), sha256: intent.sha256 };
    }
    return null;
  }
  if (!intent.id) return null;
  if (intent.action === 'replace') {
    if ((await shaOf(dir, `${intent.id}.md`)) !== intent.sha256) return null;
    return { ...base, article: intent.id, sha256: intent.sha256, trashed: await trashedCopy(dir, intent.id, intent.oldSha256) };
  }
  // remove: done when no live file has the old bytes any more and .trash/ has them.
  for (const ext of ['.md', '.txt']) if ((await shaOf(dir, `${intent.id}${ext}`)) === intent.oldSha256) return null;
  const trashed = await trashedCopy(dir, intent.id, intent.oldSha256);
  return trashed ? { ...base, article: intent.id, sha256: intent.oldSha256, trashed } : null;
}

async function auditedOps(dir: string): Promise<Set<string>> {
  const ops = new Set<string>();
  let text: string;
  try {
    text = (await readCorpusFile(dir, AUDIT_FILE, MAX_AUDIT_BYTES)).toString('utf8');
  } catch {
    return ops;
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"op"')) continue;
    try {
      const op = (JSON.parse(line) as { op?: unknown }).op;
      if (typeof op === 'string') ops.add(op);
    } catch {
      // a damaged line names no op
    }
  }
  return ops;
}

function parseIntent(text: string): Intent | undefined {
  try {
    const v = JSON.parse(text) as Partial<Intent>;
    return typeof v.op === 'string' && typeof v.action === 'string' && typeof v.entry === 'object' && v.entry !== null
      ? (v as Intent) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Settles one intent file against the folder (see the module comment). Returns what it did, for the log.
 * An unreadable intent was never complete, so its change never started: it is dropped.
 */
export async function settleIntent(dir: string, file: string, io: DurableIo, audited?: Set<string>): Promise<string> {
  const name = basename(file);
  let intent: Intent | undefined;
  try {
    intent = parseIntent((await readCorpusFile(join(dir, JOURNAL_DIR), name, 1024 * 1024)).toString('utf8'));
  } catch {
    intent = undefined;
  }
  if (!intent) {
    await io.unlink(file).catch(() => undefined);
    return `dropped an unreadable journal entry ${name}`;
  }
  const ops = audited ?? (await auditedOps(dir));
  if (ops.has(intent.op)) {
    await io.unlink(file);
    return `journal entry ${name} was already audited`;
  }
  const entry = await outcome(dir, intent);
  if (!entry) {
    await io.unlink(file);
    return `${intent.action} ${intent.id ?? intent.baseId ?? ''} was interrupted before it changed the corpus; nothing to audit`;
  }
  await completeIntent(dir, file, entry, io);
  ops.add(intent.op);
  return `audited the ${intent.action} of ${entry.article} that a crash interrupted`;
}

function writerIsAlive(name: string): boolean {
  const pid = Number(/^(\d+)-/.exec(name)?.[1]);
  return pid !== process.pid && processIsAlive(pid);
}

/** Start-up: settles every intent a dead process left. Run under the corpus write lock. */
export async function recoverJournal(dir: string, io: DurableIo = new DurableIo()): Promise<string[]> {
  const journal = join(dir, JOURNAL_DIR);
  const names = (await readdir(journal).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const done: string[] = [];
  if (names.length === 0) return done;
  const audited = await auditedOps(dir);
  for (const name of names) {
    if (writerIsAlive(name)) continue;
    done.push(await settleIntent(dir, join(journal, name), io, audited));
  }
  return done;
}
