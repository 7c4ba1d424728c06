// A moderator's add, replace or remove as one transaction: the article row, its `changes` row and its audit row
// are stored together or not at all. Writers take one lock first, so changes to one article are serialised and
// the second is told what happened instead of overwriting it.
import type pg from 'pg';
import { contentHash, parseArticle, type ArticleFormat } from '../corpus/read.js';
import { UserError } from '../errors.js';
import { inTransaction, type Db } from './connect.js';
import { DatabaseError } from './errors.js';
import { isSafeArticleId } from './articles.js';

/** pg_advisory_xact_lock key every writer of `changes` takes first (migrations/002_changes_in_order.sql). */
export const CHANGES_LOCK = 1952541795;

export type ArticleChange =
  | { op: 'add'; id: string; text: string; format?: ArticleFormat }
  /** `expectHash`: the version the moderator saw; the change is refused if another one was stored since. */
  | { op: 'replace'; id: string; text: string; format?: ArticleFormat; expectHash?: string }
  | { op: 'remove'; id: string; expectHash?: string };

export interface ChangeOptions {
  moderator: { id: string; name: string };
  /** Test seam: runs inside the transaction, after every row is written and before COMMIT. */
  beforeCommit?: () => Promise<void>;
}

export interface StoredChange {
  op: ArticleChange['op'];
  id: string;
  /** The change number: a process that has applied it serves this change. */
  seq: string;
  /** sha256 of the stored text (add/replace) or of the removed one (remove). */
  hash: string;
  title?: string;
}

/** Takes the writers' lock: call first in any transaction that writes `changes`. */
export async function lockChanges(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
}

function conflict(message: string): DatabaseError {
  return new DatabaseError(message, 'db-conflict');
}

export async function applyArticleChange(db: Db, change: ArticleChange, opts: ChangeOptions): Promise<StoredChange> {
  const id = change.id.trim();
  if (!isSafeArticleId(id)) throw new UserError(`"${id.slice(0, 60)}" cannot be an article id.`);
  const format: ArticleFormat = change.op === 'remove' ? 'md' : change.format ?? 'md';
  // Parsed before anything is written: text the reader would refuse is never stored.
  const article = change.op === 'remove' ? null : (() => {
    try {
      return parseArticle(id, change.text, format);
    } catch (err) {
      throw new UserError(`The article cannot be stored: ${(err as Error).message}.`);
    }
  })();
  return inTransaction(db, async (client) => {
    await lockChanges(client);
    const current = (await client.query<{ hash: string; title: string }>('SELECT hash, title FROM articles WHERE id = $1 FOR UPDATE', [id])).rows[0];
    if (change.op === 'add' && current) throw conflict(`An article with id ${id} already exists (stored by another change); nothing was added.`);
    if (change.op !== 'add' && !current) throw conflict(`There is no article with id ${id} (it may have just been removed); nothing was changed.`);
    if (change.op !== 'add' && change.expectHash && current.hash !== change.expectHash) {
      throw conflict(`Article ${id} was changed by another moderator since you looked at it; nothing was changed. Look at it again and retry.`);
    }
    let hash: string;
    if (article && change.op !== 'remove') {
      hash = contentHash(change.text);
      const values = [id, article.title, article.source ?? null, article.url ?? null, article.date ?? null, article.added_by ?? null, article.added_at ?? null, change.text, hash, format];
      await client.query(change.op === 'add'
        ? 'INSERT INTO articles (id, title, source, url, date, added_by, added_at, body, hash, format) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)'
        : `UPDATE articles SET title = $2, source = $3, url = $4, date = $5, added_by = $6, added_at = $7, body = $8, hash = $9, format = $10, stored_at = now() WHERE id = $1`,
      values);
    } else {
      hash = current.hash;
      await client.query('DELETE FROM articles WHERE id = $1', [id]);
    }
    const { seq } = (await client.query<{ seq: string }>('INSERT INTO changes (article_id, op) VALUES ($1, $2) RETURNING seq::text', [id, change.op])).rows[0];
    const title = article?.title ?? current?.title;
    await client.query('INSERT INTO audit (moderator_id, moderator_name, action, article, sha256, title) VALUES ($1, $2, $3, $4, $5, $6)', [
      opts.moderator.id, opts.moderator.name, change.op, id, hash, title,
    ]);
    await opts.beforeCommit?.();
    return { op: change.op, id, seq, hash, title };
  });
}
