-- The feeds (with their review queue) and the alerts, shared by every bot process on every host. Each is one
-- document changed read-modify-write under its row lock (SELECT … FOR UPDATE), exactly as the folder store
-- changes its JSON file under the feeds lock: two processes deciding one queue item are serialised, and the second
-- sees the first's decision.
CREATE TABLE bot_state (
  name       text PRIMARY KEY CHECK (name IN ('feeds', 'alerts')),
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The text of a queued feed item, stored when it is queued and read when a moderator approves it.
CREATE TABLE feed_drafts (
  queue_id  text PRIMARY KEY,
  draft     jsonb NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
