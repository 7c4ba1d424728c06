// The audit trail: one JSON line per corpus change in corpus/.audit.jsonl (a dot-file the reader skips).
import { open } from 'node:fs/promises';
import { join } from 'node:path';

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
}

export async function appendAudit(dir: string, entry: AuditEntry): Promise<void> {
  const fh = await open(join(dir, AUDIT_FILE), 'a', 0o644);
  try {
    await fh.write(`${JSON.stringify(entry)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
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
