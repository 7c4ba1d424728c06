// The moderation use cases, end to end but without Discord: read a source into a draft, then add,
// replace or remove an article — under the corpus lock, atomically, audited, and indexed live.
import { ArticleParseError } from '../corpus/read.js';
import { DurableIo } from '../corpus/durable.js';
import { OffThreadTimeout, formatMs, parseThread } from '../worker/offthread.js';
import { appendAudit, type AuditEntry } from './audit.js';
import { draftFromFields, type ArticleDraft, type DraftInput, type DraftOverrides } from './draft.js';
import { assertNotDuplicate, readExistingArticles } from './duplicates.js';
import { ModerationError } from './errors.js';
import { fetchUrl } from './fetch-url.js';
import { baseArticleId, resolveArticleFile } from './ids.js';
import { checkDeclaredSize, decodeSource } from './input.js';
import { completeIntent, newOp, recoverJournal, settleIntent, writeIntent, type Intent } from './journal.js';
import { formatBytes, type ModerationSettings } from './settings.js';
import {
  readLiveFile, recoverCorpus, renderArticle, replaceArticleFile, sha256, trashArticleFile, withCorpusWriteLock,
  writeNewArticle, type WriteHooks, type WriteResult,
} from './store.js';

export interface Moderator {
  id: string;
  name: string;
  /** What the article's added_by says instead of "id (name)", e.g. "feed Kyiv Wire". */
  label?: string;
}

/** What moderation needs from the engine: re-read one file (or drop it when the file is gone). */
export interface LiveIndex {
  reloadArticle(id: string): Promise<unknown>;
}

export interface ModerationContext {
  dir: string;
  /** Where changes are stored: the corpus folder when unset (the default), or the store chosen at start. */
  store?: ArticleStore;
  settings: ModerationSettings;
  index?: LiveIndex;
  now?: () => Date;
  hooks?: WriteHooks;
  log?: (line: string) => void;
  /** Told of each newly added (and indexed) article, without being waited for: alerts. */
  onArticleAdded?: (id: string) => void | Promise<void>;
}

/**
 * Where moderators' changes go. The bot picks one at start (src/store/choose.ts): the corpus folder below, or the
 * database. Each method does the whole change, audited, and returns once this process's index serves it.
 */
export interface ArticleStore {
  readonly kind: 'folder' | 'database';
  add(ctx: ModerationContext, draft: ArticleDraft, who: Moderator): Promise<ChangeResult>;
  replace(ctx: ModerationContext, rawId: string, draft: ArticleDraft, who: Moderator): Promise<ChangeResult>;
  remove(ctx: ModerationContext, rawId: string, who: Moderator): Promise<ChangeResult>;
  /** Audits a decision that changes no article (a queued feed item rejected), where this store keeps its audit. */
  record(ctx: ModerationContext, entry: AuditEntry): Promise<void>;
}

export type SourceRequest =
  /** A Discord attachment: the url comes from Discord, so only size/time limits apply to it. */
  | { kind: 'attachment'; url: string; filename: string; contentType?: string; size?: number }
  /** A link the moderator typed: fetched with every network guard. */
  | { kind: 'url'; url: string }
  /** The modal's fields. */
  | { kind: 'fields'; title: string; body: string; source?: string; url?: string; date?: string }
  /** Bytes already in hand (tests, tools). */
  | { kind: 'bytes'; bytes: Uint8Array; filename?: string; contentType?: string; url?: string };

export interface ChangeResult extends WriteResult {
  action: 'add' | 'replace' | 'remove';
  title?: string;
  audit: AuditEntry;
}

/** Reads any source into a draft; throws ModerationError with a readable reason on bad input. */
export async function readSource(ctx: ModerationContext, req: SourceRequest, overrides: DraftOverrides = {}): Promise<ArticleDraft> {
  const s = ctx.settings;
  switch (req.kind) {
    case 'fields':
      return draftFromFields({
        title: overrides.title || req.title,
        body: req.body,
        source: overrides.source || req.source,
        url: overrides.url || req.url,
        date: overrides.date || req.date,
      });
    case 'bytes': {
      const decoded = decodeSource(req, s.maxAttachmentBytes);
      return draftOffThread(ctx, { ...decoded, url: req.url, overrides });
    }
    case 'attachment': {
      checkDeclaredSize(req.size, s.maxAttachmentBytes);
      const doc = await fetchUrl(req.url, { timeoutMs: s.urlTimeoutMs, maxBytes: s.maxAttachmentBytes, allowPrivate: true })
        .catch((err: unknown) => {
          if (err instanceof ModerationError && err.code === 'too-large') {
            throw new ModerationError('too-large', `The file is larger than the ${formatBytes(s.maxAttachmentBytes)} limit.`);
          }
          throw err;
        });
      const decoded = decodeSource({ bytes: doc.bytes, filename: req.filename, contentType: req.contentType ?? doc.contentType }, s.maxAttachmentBytes);
      return draftOffThread(ctx, { ...decoded, overrides });
    }
    case 'url': {
      const doc = await fetchUrl(req.url, { timeoutMs: s.urlTimeoutMs, maxBytes: s.maxUrlBytes, allowPrivate: s.allowPrivateUrls });
      const decoded = decodeSource({ bytes: doc.bytes, filename: new URL(doc.url).pathname, contentType: doc.contentType }, s.maxUrlBytes);
      const typed = req.url.trim();
      return draftOffThread(ctx, { ...decoded, url: typed, altUrls: doc.url !== typed ? [doc.url] : [], overrides });
    }
  }
}

function articleTimeout(ctx: ModerationContext): number {
  return ctx.settings.articleTimeoutMs;
}

/** The refusal for a source that takes too long to read: the bot keeps answering, the article is not added. */
export function tooSlow(err: OffThreadTimeout): ModerationError {
  return new ModerationError('timeout',
    `Reading this article took longer than the ${formatMs(err.timeoutMs)} limit, so nothing was changed. `
    + 'Its markup may be unusually deep or malformed: save the article\'s text as a .txt or .md file and attach that instead.');
}

/** A source's text → a draft, parsed on the parse thread (a page or file can be built to be slow to parse). */
export async function draftOffThread(ctx: ModerationContext, input: DraftInput): Promise<ArticleDraft> {
  try {
    return await parseThread().run('draft', input, articleTimeout(ctx));
  } catch (err) {
    if (err instanceof OffThreadTimeout) throw tooSlow(err);
    throw err;
  }
}

/**
 * Refuses content the corpus reader would reject or read as empty (e.g. nothing but boilerplate), or that takes
 * too long to read and extract: checked on the parse thread as the index will read it, before anything is written.
 */
export async function assertReadable(ctx: ModerationContext, id: string, content: string): Promise<void> {
  try {
    await parseThread().run('check', { id, content }, articleTimeout(ctx));
  } catch (err) {
    if (err instanceof OffThreadTimeout) throw tooSlow(err);
    if (err instanceof ArticleParseError) {
      throw new ModerationError('no-paragraphs', `Nothing would be left to quote: ${err.message} once site boilerplate is removed.`);
    }
    throw new ModerationError('no-paragraphs', `The article could not be read back: ${(err as Error).message}.`);
  }
}

export function addedBy(ctx: ModerationContext, who: Moderator): { added_by: string; added_at: string } {
  return { added_by: who.label ?? `${who.id} (${who.name})`, added_at: (ctx.now?.() ?? new Date()).toISOString() };
}

async function reindexOne(ctx: ModerationContext, id: string): Promise<void> {
  try {
    await ctx.index?.reloadArticle(id);
  } catch (err) {
    // The file is safely stored; /reindex will pick it up. Say so in the log.
    ctx.log?.(`moderation: stored ${id} but could not index it: ${(err as Error).message}`);
  }
}

/** A full disk or quota is the moderator's to hear about (nothing was changed), not a generic failure. */
function diskFull(err: unknown): ModerationError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return undefined;
  return new ModerationError('disk-full', code === 'EDQUOT'
    ? 'The disk quota of the bot\'s server is used up, so nothing was changed. Ask its admin to free some space, then try again.'
    : 'The disk is full on the bot\'s server, so nothing was changed. Ask its admin to free some space, then try again.');
}

/**
 * Runs one change under the cross-process write lock, journaled: intent (fsynced) → change → audit line
 * (fsynced) → intent removed. A change that fails midway is settled against the folder at once, so what
 * reached the disk is audited and nothing else is.
 */
async function journaled(
  ctx: ModerationContext, plan: () => Promise<{ intent: Omit<Intent, 'op'>; change: () => Promise<WriteResult> }>,
  finish: (result: WriteResult, entry: AuditEntry) => AuditEntry,
): Promise<{ result: WriteResult; entry: AuditEntry }> {
  const io = new DurableIo(ctx.hooks);
  try {
    return await withCorpusWriteLock(ctx.dir, async () => {
      const { intent, change } = await plan();
      const op = newOp();
      const file = await writeIntent(ctx.dir, { ...intent, op }, io);
      let result: WriteResult;
      try {
        result = await change();
      } catch (err) {
        await settleIntent(ctx.dir, file, new DurableIo()).catch(() => undefined);
        throw err;
      }
      const entry = finish(result, { ...intent.entry, op });
      try {
        await completeIntent(ctx.dir, file, entry, io);
      } catch (err) {
        // The change is stored and its intent is durable: the next start-up writes the audit line.
        ctx.log?.(`moderation: could not append to the audit log (the next start will): ${(err as Error).message}`);
      }
      ctx.log?.(`moderation: ${JSON.stringify(entry)}`);
      return { result, entry };
    });
  } catch (err) {
    throw diskFull(err) ?? err;
  }
}

export function addArticle(ctx: ModerationContext, draft: ArticleDraft, who: Moderator): Promise<ChangeResult> {
  return (ctx.store ?? folderStore).add(ctx, draft, who);
}

export function replaceArticle(ctx: ModerationContext, rawId: string, draft: ArticleDraft, who: Moderator): Promise<ChangeResult> {
  return (ctx.store ?? folderStore).replace(ctx, rawId, draft, who);
}

export function removeArticle(ctx: ModerationContext, rawId: string, who: Moderator): Promise<ChangeResult> {
  return (ctx.store ?? folderStore).remove(ctx, rawId, who);
}

async function addToFolder(ctx: ModerationContext, draft: ArticleDraft, who: Moderator): Promise<ChangeResult> {
  const by = addedBy(ctx, who);
  const content = renderArticle(draft, by);
  const baseId = baseArticleId(draft);
  await assertReadable(ctx, baseId, content);
  const { result, entry } = await journaled(ctx, async () => {
    assertNotDuplicate(draft, await readExistingArticles(ctx.dir));
    return {
      intent: { action: 'add', baseId, sha256: sha256(content), entry: { time: by.added_at, moderator: who, action: 'add', title: draft.title } },
      change: () => writeNewArticle(ctx.dir, baseId, content, ctx.hooks),
    };
  }, (r, e) => ({ ...e, article: r.id, sha256: r.sha256 }));
  await reindexOne(ctx, result.id);
  if (ctx.onArticleAdded) {
    Promise.resolve(result.id).then(ctx.onArticleAdded).catch((err: Error) => ctx.log?.(`moderation: article-added listener failed: ${err.message}`));
  }
  return { ...result, action: 'add', title: draft.title, audit: entry };
}

async function replaceInFolder(ctx: ModerationContext, rawId: string, draft: ArticleDraft, who: Moderator): Promise<ChangeResult> {
  const by = addedBy(ctx, who);
  const content = renderArticle(draft, by);
  await assertReadable(ctx, baseArticleId(draft), content);
  const { result, entry } = await journaled(ctx, async () => {
    const { id, file } = await resolveArticleFile(ctx.dir, rawId);
    assertNotDuplicate(draft, await readExistingArticles(ctx.dir), id);
    const oldSha256 = sha256(await readLiveFile(file));
    return {
      intent: {
        action: 'replace', id, sha256: sha256(content), oldSha256,
        entry: { time: by.added_at, moderator: who, action: 'replace', article: id, title: draft.title },
      },
      change: () => replaceArticleFile(ctx.dir, id, content, { ...ctx.hooks, now: ctx.now?.() }),
    };
  }, (r, e) => ({ ...e, article: r.id, sha256: r.sha256, trashed: r.trashed ? relativeTrash(r.trashed) : undefined }));
  await reindexOne(ctx, result.id);
  return { ...result, action: 'replace', title: draft.title, audit: entry };
}

async function removeFromFolder(ctx: ModerationContext, rawId: string, who: Moderator): Promise<ChangeResult> {
  const now = ctx.now?.() ?? new Date();
  const { result, entry } = await journaled(ctx, async () => {
    const { id, file } = await resolveArticleFile(ctx.dir, rawId).catch(async (err: unknown) => {
      // The file was deleted by hand but may still be indexed: drop it from the index too.
      if (err instanceof ModerationError && err.code === 'unknown-article') await reindexOne(ctx, rawId.trim());
      throw err;
    });
    const oldSha256 = sha256(await readLiveFile(file));
    return {
      intent: { action: 'remove', id, oldSha256, entry: { time: now.toISOString(), moderator: who, action: 'remove', article: id } },
      change: () => trashArticleFile(ctx.dir, id, now, ctx.hooks),
    };
  }, (r, e) => ({ ...e, article: r.id, sha256: r.sha256, trashed: r.trashed ? relativeTrash(r.trashed) : undefined }));
  await reindexOne(ctx, result.id);
  return { ...result, action: 'remove', audit: entry };
}

/** The corpus folder as the store: files written durably under the write lock, journaled, audited in the folder. */
export const folderStore: ArticleStore = {
  kind: 'folder', add: addToFolder, replace: replaceInFolder, remove: removeFromFolder, record: (ctx, entry) => appendAudit(ctx.dir, entry),
};

/** Audits a decision that changes no article in the store `ctx` writes through (see ArticleStore.record). */
export function recordDecision(ctx: ModerationContext, entry: AuditEntry): Promise<void> {
  return (ctx.store ?? folderStore).record(ctx, entry);
}

/** Call once at start, before reading the corpus: clears crash leftovers. */
export async function startModeration(ctx: ModerationContext): Promise<string[]> {
  // Leftover temp files and half-done replaces first, so the journal is settled against a tidy folder.
  const done = await withCorpusWriteLock(ctx.dir, async () => [...await recoverCorpus(ctx.dir), ...await recoverJournal(ctx.dir)]);
  for (const line of done) ctx.log?.(`moderation: ${line}`);
  return done;
}

function relativeTrash(file: string): string {
  const i = file.lastIndexOf('.trash');
  return i >= 0 ? file.slice(i) : file;
}
