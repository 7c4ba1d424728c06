// The audit trail: one JSON line per corpus change in corpus/.audit.jsonl (a dot-file the reader skips).
import { join } from 'node:path';
import { DurableIo } from '../corpus/durable.js';

export const AUDIT_FILE = '.audit.jsonl';

export type AuditAction = 'add' | 'replace' | 'remove' | 'reindex' | 'reject';

export interface AuditEntry {
  time: string;
  moderator: { id: string; name: string };
  action: AuditAction;
  article?: string;
  /** sha256 of the stored (add/replace) or removed file contents. */
  sha256?: string;
  title?: string;
  /** Where the previous version went (replace/remove). */
  trashed?: string;
  detail?: string;
  /** The change's id in corpus/.journal/ (so a change interrupted by a crash is audited exactly once). */
  op?: string;
  /** Written at start-up for a change a crash interrupted after it reached the disk. */
  recovered?: boolean;
}

/** Appends one entry, fsynced; a failed write (full disk) leaves no half line. */
export async function appendAudit(dir: string, entry: AuditEntry, io: DurableIo = new DurableIo()): Promise<void> {
  await io.appendLineDurably(join(dir, AUDIT_FILE), JSON.stringify(entry));
}

/**
 * One readable line for the mod-log channel. `escape` is applied to free text (names, titles, details) so a
 * title cannot format or mention anything; ids are [a-z0-9_-] and sit in inline code.
 */
export function formatAuditLine(e: AuditEntry, escape: (text: string) => string = (t) => t): string {
  const who = `${escape(e.moderator.name)} (${e.moderator.id})`;
  const what = e.action === 'add' ? 'added' : e.action === 'replace' ? 'replaced' : e.action === 'remove' ? 'removed'
    : e.action === 'reject' ? 'rejected a feed item' : 'reindexed the corpus';
  const art = e.article ? ` \`${e.article}\`` : '';
  const title = e.title ? ` — ${escape(e.title)}` : '';
  const hash = e.sha256 ? ` (sha256 ${e.sha256.slice(0, 12)})` : '';
  const detail = e.detail ? `: ${escape(e.detail)}` : '';
  return `${who} ${what}${art}${title}${hash}${detail}`;
}
