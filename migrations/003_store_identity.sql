-- Which database this is: an index snapshot says "store <id> at change N", so a snapshot made from another
-- database (or from this one before it was dropped and created again) is never taken for this one's.
CREATE TABLE store_identity (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  id       text NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text)
);
INSERT INTO store_identity DEFAULT VALUES;
