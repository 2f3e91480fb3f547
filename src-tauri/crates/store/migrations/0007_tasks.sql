-- Keukentafel store: tasks after a visit (referrals, agreements, follow-up contacts), tracked
-- until done. A record like any other: one op per field, synced. `visit_id` is the visit it came
-- from (NULL: made by hand), `step_id` the checklist step ('' by hand); closing a visit makes a
-- task's id from both (UUIDv5), so closing again makes nothing new. `consent_scope` names the
-- consent the household must have given before data goes to `party` (NULL: none needed).
CREATE TABLE tasks (
    id            TEXT PRIMARY KEY,
    household_id  TEXT REFERENCES households (id),
    visit_id      TEXT REFERENCES visits (id),
    step_id       TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT 'agreement',
    what          TEXT NOT NULL DEFAULT '',
    party         TEXT NOT NULL DEFAULT '',
    consent_scope TEXT,
    owner_kind    TEXT NOT NULL DEFAULT 'volunteer',
    owner_name    TEXT NOT NULL DEFAULT '',
    due           TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open',
    outcome       TEXT NOT NULL DEFAULT '',
    closed_on     TEXT,
    archived      INTEGER NOT NULL DEFAULT 0
) STRICT;
-- The household page and a visit's tasks; Mijn taken (open tasks by owner and due date).
CREATE INDEX tasks_household ON tasks (household_id);
CREATE INDEX tasks_visit ON tasks (visit_id);
CREATE INDEX tasks_open ON tasks (status, due);
