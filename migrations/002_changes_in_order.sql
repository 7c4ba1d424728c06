-- Changes become visible in sequence order, and every new one wakes the listening processes.
--
-- A bigserial alone does not give that: two transactions take seq 6 and 7, 7 commits first, a process catches up
-- to 7 and never looks at 6 again. So the number is drawn inside a lock held until commit: one writer of changes
-- at a time, and a reader that has seen seq N has seen every lower seq that will ever commit.
ALTER TABLE changes ALTER COLUMN seq DROP DEFAULT;

CREATE FUNCTION talks_changes_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Same key as src/db/changes.ts CHANGES_LOCK (writers take it first, before any row lock: no deadlock).
  PERFORM pg_advisory_xact_lock(1952541795);
  NEW.seq := nextval(pg_get_serial_sequence('changes', 'seq'));
  NEW.at := now();
  -- Delivered at commit, to every LISTEN talks_changes session; the payload is only a hint (seq).
  PERFORM pg_notify('talks_changes', NEW.seq::text);
  RETURN NEW;
END $$;

CREATE TRIGGER changes_in_order BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION talks_changes_in_order();
