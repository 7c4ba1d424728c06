-- A moderator's rejection of a queued feed item changes no article but is audited all the same, in the database
-- like every other moderator action (the folder store's .audit.jsonl has a line for it too).
ALTER TABLE audit DROP CONSTRAINT audit_action_check;
ALTER TABLE audit ADD CONSTRAINT audit_action_check CHECK (action IN ('add', 'replace', 'remove', 'reindex', 'import', 'reject'));
