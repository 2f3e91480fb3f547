-- Keukentafel store: erasure of a household (AVG art. 17) and the retention period.
--
-- `erased` is on every store: the households erased on the coordinator's word. They are also
-- in `forgotten` (their records' ids), so no older file brings them back; this table says
-- more: an erased household is never taken back, whatever a return file lists. `own_slots` (JSON
-- `[[seq, "op id"], …]`) are the slots of this installation's own ops that the erasure removed:
-- a volunteer's laptop names them when it confirms the erasure, so the coordinator counts them
-- as delivered (its changes the coordinator never had are gone, and must not stall what it
-- confirms). Only ids and numbers, no value.
CREATE TABLE erased (
    household TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL,
    own_slots TEXT NOT NULL DEFAULT '[]'
) STRICT, WITHOUT ROWID;

-- The coordinator's account of each erasure it made (local, never sent): why, when it was
-- asked, when it was done. No name, address or other value of the household.
CREATE TABLE erasures (
    household TEXT PRIMARY KEY,
    reason    TEXT NOT NULL,
    requested TEXT NOT NULL,
    erased_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The coordinator: per erasure, every other installation that held the household (assigned to
-- it, or that wrote any of its changes), and when its confirmation arrived (NULL: not yet).
CREATE TABLE erasure_laptops (
    household    TEXT NOT NULL REFERENCES erasures (household),
    peer         TEXT NOT NULL,
    confirmed_at TEXT,
    PRIMARY KEY (household, peer)
) STRICT, WITHOUT ROWID;
