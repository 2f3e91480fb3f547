-- Keukentafel store: the organisation's stock of energy-box materials, and the coordinator's
-- settings.
--
-- `stock_items` are the things handed out (an item for each measure a visit can install, with
-- the id `domain::stock_item_for_measure`, plus items the coordinator adds), with their cost per
-- unit in euro cents and the level at which the stock is low. A record like any other.
--
-- `stock_movements` change the stock: received (+), handed out in a visit (−), corrected (±, the
-- difference with a count), written off (−). The stock of an item is the sum of its `delta`s,
-- never a number one laptop overwrites, so movements from several laptops add up instead of
-- conflicting. A movement is written once; a visit's handing-out has the id
-- `domain::stock_out_id` (visit, measure), so closing the visit again, or importing its file
-- twice, books it once.
CREATE TABLE stock_items (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL DEFAULT '',
    measure         TEXT NOT NULL DEFAULT '',
    unit_cost_cents INTEGER NOT NULL DEFAULT 0,
    low_at          INTEGER NOT NULL DEFAULT 0,
    archived        INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE stock_movements (
    id           TEXT PRIMARY KEY,
    item_id      TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'received',
    delta        INTEGER NOT NULL DEFAULT 0,
    date         TEXT NOT NULL DEFAULT '',
    household_id TEXT REFERENCES households (id),
    visit_id     TEXT REFERENCES visits (id),
    note         TEXT NOT NULL DEFAULT '',
    recorded_by  TEXT NOT NULL DEFAULT ''
) STRICT;
-- The level per item (sum of deltas) and the materials of one household.
CREATE INDEX stock_movements_item ON stock_movements (item_id, date);
CREATE INDEX stock_movements_household ON stock_movements (household_id);

-- This installation's settings (the coordinator's choices: when a volunteer's silence stands
-- out, the budget per household). Local: not synced.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
