// A moderator's decision on a queued item: approve (the stored draft goes into the corpus, as /add-article would)
// or reject. Decided under the feed-state lock, so two clicks (on any shard) cannot both decide, and a crash
// between storing the article and recording the decision is resolved by the duplicate check on the next click.
import type { AuditEntry } from '../moderation/audit.js';
import { isModerationError, ModerationError } from '../moderation/errors.js';
import { addArticle, recordDecision, type ModerationContext, type Moderator } from '../moderation/service.js';
import { loadDraft, updateState, type QueueItem } from './state.js';

export type Decision = 'approve' | 'reject';

export type DecisionResult =
  | { kind: 'decided'; item: QueueItem; article?: string; audit?: AuditEntry }
  | { kind: 'already'; item: QueueItem }
  | { kind: 'unknown' };

export async function decideItem(mctx: ModerationContext, queueId: string, decision: Decision, who: Moderator, now = new Date()): Promise<DecisionResult> {
  return updateState(mctx.dir, async (s): Promise<DecisionResult> => {
    const item = s.queue.find((q) => q.id === queueId);
    if (!item) return { kind: 'unknown' };
    if (item.status !== 'pending') return { kind: 'already', item: { ...item } };
    let article: string | undefined;
    let audit: AuditEntry | undefined;
    if (decision === 'approve') {
      const draft = await loadDraft(mctx.dir, queueId);
      if (!draft) throw new ModerationError('unknown-article', 'The stored text of this item is missing; it cannot be approved. Reject it instead.');
      try {
        const result = await addArticle(mctx, draft, { ...who, label: `feed ${item.feedName}, approved by ${who.id} (${who.name})` });
        article = result.id;
        audit = result.audit;
      } catch (err) {
        // Added meanwhile (by hand, another feed, or this same approval before a crash): the item is in, say where.
        if (isModerationError(err) && err.code === 'duplicate' && typeof err.details?.id === 'string') {
          article = err.details.id;
          item.alreadyInCorpus = true;
        } else throw err;
      }
    } else {
      audit = {
        time: now.toISOString(), moderator: { id: who.id, name: who.name }, action: 'reject', title: item.title,
        detail: `feed item ${item.id} from ${item.feedName}${item.url ? ` (${item.url})` : ''}`,
      };
      // Audited where the store keeps its audit (the folder's log, or the database's table).
      await recordDecision(mctx, audit).catch((err: Error) => mctx.log?.(`feeds: could not record the rejection in the audit log: ${err.message}`));
    }
    item.status = decision === 'approve' ? 'approved' : 'rejected';
    item.decidedBy = `${who.name} (${who.id})`;
    item.decidedAt = now.toISOString();
    item.article = article;
    return { kind: 'decided', item: { ...item }, article, audit };
  });
}
