-- Keukentafel store, schema version 3: decisions on held-back ops, and delivery slots.

-- A person's decision on an op that was held back (`held_ops`): accepted (merged) or rejected
-- (dropped). Rejected op ids are remembered so the op is never held again when the same file
-- is imported again; an accepted op keeps a note of the (replica, seq) it arrived with. A
-- rejected op's value is not kept.
CREATE TABLE held_decisions (
    op_id      TEXT PRIMARY KEY,
    decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    reason     TEXT NOT NULL,            -- why it was held: 'future_clock' or 'duplicate_sequence'
    replica    TEXT NOT NULL,            -- the op's (replica, seq) and clock as it arrived
    seq        INTEGER NOT NULL,
    hlc        TEXT NOT NULL,
    stored_seq INTEGER,                  -- an accepted copy: its number in this store's own stream
    decided_at TEXT NOT NULL             -- RFC 3339, this laptop's clock
) STRICT;

-- Slots of the change log, (replica, seq), that count as delivered although no row of `ops`
-- has them: the slot of a rejected op, and the slot an op arrived under when this store holds
-- it under another one (an accepted copy travels in the accepting store's stream). `received`
-- counts them, so no sender sends them again and again.
CREATE TABLE settled_slots (
    replica TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    op_id   TEXT NOT NULL,
    PRIMARY KEY (replica, seq)
) STRICT, WITHOUT ROWID;
