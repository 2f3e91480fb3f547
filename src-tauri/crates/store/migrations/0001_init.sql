-- Keukentafel store, schema version 1.
-- Released migrations are never edited: add a new numbered file instead.
-- Every column of an entity table has a default, so a change can be applied field by field
-- (see src/ops.rs); the ops table is the append-only change log those changes come from.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT 'energy_coach'
) STRICT;

CREATE TABLE households (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL DEFAULT '',
    street_address        TEXT NOT NULL DEFAULT '',
    postcode              TEXT NOT NULL DEFAULT '',
    city                  TEXT NOT NULL DEFAULT '',
    wijk                  TEXT NOT NULL DEFAULT '',
    adults                INTEGER NOT NULL DEFAULT 1,
    children              INTEGER NOT NULL DEFAULT 0,
    tenure                TEXT,
    landlord              TEXT NOT NULL DEFAULT '',
    energy_supplier       TEXT NOT NULL DEFAULT '',
    contract_type         TEXT,
    heating               TEXT,
    under_bewind          INTEGER NOT NULL DEFAULT 0,
    administrator_name    TEXT NOT NULL DEFAULT '',
    administrator_contact TEXT NOT NULL DEFAULT '',
    notes                 TEXT NOT NULL DEFAULT '',
    archived              INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX households_wijk ON households (wijk);

CREATE TABLE consent_events (
    id           TEXT PRIMARY KEY,
    household_id TEXT REFERENCES households (id),
    scope        TEXT NOT NULL DEFAULT '',
    given        INTEGER NOT NULL DEFAULT 0,
    text_version TEXT NOT NULL DEFAULT '',
    date         TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX consent_events_household ON consent_events (household_id);

CREATE TABLE visits (
    id           TEXT PRIMARY KEY,
    household_id TEXT REFERENCES households (id),
    planned_date TEXT NOT NULL DEFAULT '',
    planned_time TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'combined',
    volunteers   TEXT NOT NULL DEFAULT '[]',
    status       TEXT NOT NULL DEFAULT 'planned',
    summary      TEXT NOT NULL DEFAULT '',
    archived     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX visits_household ON visits (household_id);
CREATE INDEX visits_planned ON visits (planned_date);

-- The change log. One row per changed field, written in the same transaction as the change.
CREATE TABLE ops (
    op_id     TEXT PRIMARY KEY,          -- UUIDv7
    replica   TEXT NOT NULL,             -- installation that made the op
    seq       INTEGER NOT NULL,          -- per-replica sequence number, from 1, no gaps
    hlc       TEXT NOT NULL,             -- hybrid logical clock (sortable text)
    entity    TEXT NOT NULL,             -- 'household', 'consent', 'visit', 'user'
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,             -- new value, JSON
    base_hlc  TEXT,                      -- clock of the value the editor saw; NULL if none
    author    TEXT NOT NULL,             -- user id
    UNIQUE (replica, seq)
) STRICT;
CREATE INDEX ops_hlc ON ops (hlc);
CREATE INDEX ops_entity ON ops (entity, entity_id);

CREATE TRIGGER ops_no_update BEFORE UPDATE ON ops
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER ops_no_delete BEFORE DELETE ON ops
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

-- The current winner per field: which op set the value the tables hold.
CREATE TABLE field_clocks (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    op_id     TEXT NOT NULL REFERENCES ops (op_id),
    PRIMARY KEY (entity, entity_id, field)
) STRICT, WITHOUT ROWID;
