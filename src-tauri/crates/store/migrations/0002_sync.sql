-- Keukentafel store, schema version 2: what merging export files needs.

-- Per op: the highest clock of the same record the writer's store held (to tell an edit made
-- without knowing of an archive from one made after it), the ops a conflict resolution decides
-- between, and fields from a newer minor file version, kept to pass on unchanged.
ALTER TABLE ops ADD COLUMN entity_base_hlc TEXT;
ALTER TABLE ops ADD COLUMN resolves TEXT;   -- JSON list of op ids, NULL when none
ALTER TABLE ops ADD COLUMN extra TEXT;      -- JSON object, NULL when none
CREATE INDEX ops_field ON ops (entity, entity_id, field);
-- ops_field also serves every lookup by (entity, entity_id); one index less to keep up on merge.
DROP INDEX ops_entity;

-- How many heads (ops no other op has seen) each field has; 1 in the usual case. Lets a merge
-- apply an edit that builds on the sole head without planning the field's whole history.
ALTER TABLE field_clocks ADD COLUMN heads INTEGER NOT NULL DEFAULT 1;

-- Ops dated too far in the future (a wrong laptop clock): stored, not applied, until a
-- coordinator accepts them. Same columns as ops.
CREATE TABLE held_ops (
    op_id           TEXT PRIMARY KEY,
    replica         TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    hlc             TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    field           TEXT NOT NULL,
    value           TEXT NOT NULL,
    base_hlc        TEXT,
    author          TEXT NOT NULL,
    entity_base_hlc TEXT,
    resolves        TEXT,
    extra           TEXT,
    reason          TEXT NOT NULL
) STRICT;

-- Concurrent edits that a person should look at. Derived from the ops: recomputed for every
-- field an import touches, so every store that holds the same ops has the same open conflicts.
CREATE TABLE conflicts (
    kind        TEXT NOT NULL,           -- 'field' or 'edit_vs_archive'
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    winner_op   TEXT NOT NULL REFERENCES ops (op_id),
    loser_op    TEXT NOT NULL REFERENCES ops (op_id),
    resolved_by TEXT REFERENCES ops (op_id),
    PRIMARY KEY (kind, entity, entity_id, field, winner_op, loser_op)
) STRICT, WITHOUT ROWID;

-- Other installations we exchanged files with.
CREATE TABLE peers (
    replica     TEXT PRIMARY KEY,
    author      TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL DEFAULT '',
    recipient   TEXT NOT NULL DEFAULT '',  -- age public key of that installation
    received    TEXT NOT NULL DEFAULT '{}',-- JSON: replica id -> highest contiguous seq it holds
    last_import TEXT                       -- clock of our last import of its file
) STRICT;

-- The combined-visit checklist: which template a visit uses, and its answers. An answer is a
-- record of its own, one per (visit, step), with a stable id derived from both, so two
-- volunteers answering the same step on two laptops edit the same field.
ALTER TABLE visits ADD COLUMN template_id TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN template_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE answers (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT REFERENCES visits (id),
    step_id     TEXT NOT NULL DEFAULT '',
    value       TEXT NOT NULL DEFAULT 'null',   -- JSON
    answered_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX answers_visit ON answers (visit_id);
