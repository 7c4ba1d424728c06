// The moderation use cases, end to end but without Discord: read a source into a draft, then add,
// replace or remove an article — under the corpus lock, atomically, audited, and indexed live.
import { ArticleParseError, parseArticle } from '../corpus/read.js';
import { appendAudit, type AuditEntry } from './audit.js';
import { draftFromFields, draftFromSource, type ArticleDraft, type DraftOverrides } from './draft.js';
import { assertNotDuplicate, readExistingArticles } from './duplicates.js';
import { ModerationError } from './errors.js';
import { fetchUrl } from './fetch-url.js';
import { baseArticleId, resolveArticleFile } from './ids.js';
import { checkDeclaredSize, decodeSource } from './input.js';
import { formatBytes, type ModerationSettings } from './settings.js';
import {
  recoverCorpus, renderArticle, replaceArticleFile, trashArticleFile, withCorpusLock, writeNewArticle,
  type WriteHooks, type WriteResult,
} from './store.js';

export interface Moderator {
  id: string;
  name: string;
  /** What the article's added_by says instead of "id (name)", e.g. "feed Kyiv Wire". */
  label?: string;
}

/** What moderation needs from the engine: re-read one file (or drop it when the file is gone). */
export interface LiveIndex {
  reloadArticle(id: string): Promise<void>;
}

export interface ModerationContext {
  dir: string;
  settings: ModerationSettings;
  index?: LiveIndex;
  now?: () => Date;
  hooks?: WriteHooks;
  log?: (line: string) => void;
  /** Told of each newly added (and indexed) article, without being waited for: alerts. */
  onArticleAdded?: (id: string) => void | Promise<void>;
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
      return draftFromSource({ ...decoded, url: req.url, overrides });
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
      return draftFromSource({ ...decoded, overrides });
    }
    case 'url': {
      const doc = await fetchUrl(req.url, { timeoutMs: s.urlTimeoutMs, maxBytes: s.maxUrlBytes, allowPrivate: s.allowPrivateUrls });
      const decoded = decodeSource({ bytes: doc.bytes, filename: new URL(doc.url).pathname, contentType: doc.contentType }, s.maxUrlBytes);
      const typed = req.url.trim();
      return draftFromSource({ ...decoded, url: typed, altUrls: doc.url !== typed ? [doc.url] : [], overrides });
    }
  }
}

/** Refuses content the corpus reader would reject or read as empty (e.g. nothing but boilerplate). */
function assertReadable(id: string, content: string): void {
  try {
    parseArticle(id, content, 'md');
  } catch (err) {
    if (err instanceof ArticleParseError) {
      throw new ModerationError('no-paragraphs', `Nothing would be left to quote: ${err.message} once site boilerplate is removed.`);
    }
    throw new ModerationError('no-paragraphs', `The article could not be read back: ${(err as Error).message}.`);
  }
}

function addedBy(ctx: ModerationContext, who: Moderator): { added_by: string; added_at: string } {
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

async function audit(ctx: ModerationContext, entry: AuditEntry): Promise<AuditEntry> {
  try {
    await appendAudit(ctx.dir, entry);
  } catch (err) {
    ctx.log?.(`moderation: could not append to the audit log: ${(err as Error).message}`);
  }
  ctx.log?.(`moderation: ${JSON.stringify(entry)}`);
  return entry;
}

export async function addArticle(ctx: ModerationContext, draft: ArticleDraft, who: Moderator): Promise<ChangeResult> {
  const by = addedBy(ctx, who);
  const content = renderArticle(draft, by);
  assertReadable(baseArticleId(draft), content);
  const result = await withCorpusLock(ctx.dir, async () => {
    assertNotDuplicate(draft, await readExistingArticles(ctx.dir));
    return writeNewArticle(ctx.dir, baseArticleId(draft), content, ctx.hooks);
  });
  await reindexOne(ctx, result.id);
  if (ctx.onArticleAdded) {
    Promise.resolve(result.id).then(ctx.onArticleAdded).catch((err: Error) => ctx.log?.(`moderation: article-added listener failed: ${err.message}`));
  }
  const entry = await audit(ctx, { time: by.added_at, moderator: who, action: 'add', article: result.id, sha256: result.sha256, title: draft.title });
  return { ...result, action: 'add', title: draft.title, audit: entry };
}

export async function replaceArticle(ctx: ModerationContext, rawId: string, draft: ArticleDraft, who: Moderator): Promise<ChangeResult> {
  const by = addedBy(ctx, who);
  const content = renderArticle(draft, by);
  assertReadable(baseArticleId(draft), content);
  const result = await withCorpusLock(ctx.dir, async () => {
    const { id } = await resolveArticleFile(ctx.dir, rawId);
    assertNotDuplicate(draft, await readExistingArticles(ctx.dir), id);
    return replaceArticleFile(ctx.dir, id, content, { ...ctx.hooks, now: ctx.now?.() });
  });
  await reindexOne(ctx, result.id);
  const entry = await audit(ctx, {
    time: by.added_at, moderator: who, action: 'replace', article: result.id, sha256: result.sha256, title: draft.title,
    trashed: result.trashed ? relativeTrash(result.trashed) : undefined,
  });
  return { ...result, action: 'replace', title: draft.title, audit: entry };
}

export async function removeArticle(ctx: ModerationContext, rawId: string, who: Moderator): Promise<ChangeResult> {
  const now = ctx.now?.() ?? new Date();
  const result = await withCorpusLock(ctx.dir, async () => {
    const { id } = await resolveArticleFile(ctx.dir, rawId).catch(async (err: unknown) => {
      // The file was deleted by hand but may still be indexed: drop it from the index too.
      if (err instanceof ModerationError && err.code === 'unknown-article') await reindexOne(ctx, rawId.trim());
      throw err;
    });
    return trashArticleFile(ctx.dir, id, now);
  });
  await reindexOne(ctx, result.id);
  const entry = await audit(ctx, {
    time: now.toISOString(), moderator: who, action: 'remove', article: result.id, sha256: result.sha256,
    trashed: result.trashed ? relativeTrash(result.trashed) : undefined,
  });
  return { ...result, action: 'remove', audit: entry };
}

/** Call once at start, before reading the corpus: clears crash leftovers. */
export async function startModeration(ctx: ModerationContext): Promise<string[]> {
  const done = await withCorpusLock(ctx.dir, () => recoverCorpus(ctx.dir));
  for (const line of done) ctx.log?.(`moderation: ${line}`);
  return done;
}

function relativeTrash(file: string): string {
  const i = file.lastIndexOf('.trash');
  return i >= 0 ? file.slice(i) : file;
}
