// The audit trail: one JSON line per corpus change in corpus/.audit.jsonl (a dot-file the reader skips).
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export const AUDIT_FILE = '.audit.jsonl';

export type AuditAction = 'add' | 'replace' | 'remove' | 'reindex' | 'refused';

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

/** One readable line for the mod-log channel. */
export function formatAuditLine(e: AuditEntry): string {
  const who = `${e.moderator.name} (${e.moderator.id})`;
  const what = e.action === 'add' ? 'added' : e.action === 'replace' ? 'replaced' : e.action === 'remove' ? 'removed'
    : e.action === 'reindex' ? 'reindexed the corpus' : 'was refused';
  const art = e.article ? ` \`${e.article}\`` : '';
  const title = e.title ? ` — ${e.title}` : '';
  const hash = e.sha256 ? ` (sha256 ${e.sha256.slice(0, 12)})` : '';
  const detail = e.detail ? `: ${e.detail}` : '';
  return `${who} ${what}${art}${title}${hash}${detail}`;
}
