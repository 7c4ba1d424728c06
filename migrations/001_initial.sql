-- The corpus, its audit trail and its change log. `schema_version` is created by the migration runner itself.

-- One row per article. `body` is the article's whole text in its format (for `md` the front matter included), so
-- export writes back the very file that was imported; title/source/url/date/added_by/added_at are copies of its
-- metadata for queries. `hash` is the sha256 of the file's bytes, as the folder store computes it.
CREATE TABLE articles (
  id        text PRIMARY KEY
            -- The id becomes a file name on export: never a path, never a hidden file.
            CHECK (id <> '' AND length(id) <= 200 AND id !~ '[/\\[:cntrl:]]' AND left(id, 1) <> '.'),
  title     text NOT NULL,
  source    text,
  url       text,
  date      text,
  added_by  text,
  added_at  text,
  body      text NOT NULL,
  hash      text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  format    text NOT NULL CHECK (format IN ('md', 'txt')),
  stored_at timestamptz NOT NULL DEFAULT now()
);

-- Moderators' changes, one row each (the folder store's .audit.jsonl lines).
CREATE TABLE audit (
  seq            bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  moderator_id   text NOT NULL,
  moderator_name text NOT NULL,
  action         text NOT NULL CHECK (action IN ('add', 'replace', 'remove', 'reindex', 'import')),
  article        text,
  sha256         text,
  title          text,
  detail         text
);
CREATE INDEX audit_article ON audit (article);

-- Every change to `articles`, in order: a process that applied changes up to seq N catches up with seq > N.
CREATE TABLE changes (
  seq        bigserial PRIMARY KEY,
  article_id text NOT NULL,
  op         text NOT NULL CHECK (op IN ('add', 'replace', 'remove')),
  at         timestamptz NOT NULL DEFAULT now()
);
