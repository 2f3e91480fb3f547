-- Keukentafel store: who may see which household.
--
-- Assignments are records like any other (one op per field, synced): the coordinator gives a
-- household to a volunteer installation (`volunteer` is its replica id). One record per
-- (household, volunteer), id UUIDv5 of both; `until` is empty while it holds.
CREATE TABLE assignments (
    id           TEXT PRIMARY KEY,
    household_id TEXT REFERENCES households (id),
    volunteer    TEXT NOT NULL DEFAULT '',
    since        TEXT NOT NULL DEFAULT '',
    until        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX assignments_household ON assignments (household_id);
CREATE INDEX assignments_volunteer ON assignments (volunteer);

-- A coordinator's delivery bookkeeping per volunteer installation (local, not ops). One row per
-- household the volunteer's return files carry ('' for records of no household: profiles):
-- from which return file on it was carried (`since_file`; 0: taken off the volunteer), up to
-- which op (`acked`, the rowid of `ops`) the volunteer confirmed holding its ops, and whether
-- the volunteer's own ops go back to it (`carry_own`: given back after its laptop forgot it).
-- See `store/src/deliver.rs`.
CREATE TABLE delivery_scope (
    peer       TEXT NOT NULL,
    household  TEXT NOT NULL,
    since_file INTEGER NOT NULL,
    acked      INTEGER NOT NULL DEFAULT 0,
    carry_own  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (peer, household)
) STRICT, WITHOUT ROWID;

-- Every return file written per volunteer installation: its number (the volunteer names the
-- newest it imported in its next file) and the op rowid up to which it carried everything.
CREATE TABLE return_files (
    peer       TEXT NOT NULL,
    number     INTEGER NOT NULL,
    upto       INTEGER NOT NULL,
    written_at TEXT NOT NULL,
    PRIMARY KEY (peer, number)
) STRICT, WITHOUT ROWID;

-- A volunteer's laptop: the records of households it forgot (taken off this volunteer). Only
-- ids: the values are gone from the tables and from the change log. An op that names one of
-- these records is not stored again (an older file cannot bring a household back), unless the
-- coordinator gives the household back.
CREATE TABLE forgotten (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    household TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX forgotten_household ON forgotten (household);

-- The change log stays append-only, with one exception: the ops of a forgotten record are
-- removed (their slots stay settled, see `settled_slots`, so sequence numbers never repeat).
DROP TRIGGER ops_no_delete;
CREATE TRIGGER ops_no_delete BEFORE DELETE ON ops
WHEN NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.entity = OLD.entity AND f.entity_id = OLD.entity_id)
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
