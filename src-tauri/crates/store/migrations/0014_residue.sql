-- Keukentafel store: the statistical residue of erased households (AVG art. 89), on the
-- coordinator's store only. When the coordinator erases a household, the same transaction
-- keeps what the municipal report counts of it (see `store/src/residue.rs`): its wijk, its done
-- and planned visits with their report figures, its referrals and the materials handed out.
-- Every id here is fresh and random (UUIDv4, not derived from any id of the household), and
-- the tables have no rowid, so rows sit in the order of those random ids, not in the order
-- they were written (which would line them up with `erasures`). Local: never an op, never in a
-- dump, an export or a return file. No name, address, postcode, free text, income, debt,
-- answer, author or installation id.

CREATE TABLE residue_households (
    id   TEXT PRIMARY KEY,
    wijk TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- `figures`: the visit's report figures as the cache (`visit_figures`) holds them, JSON;
-- NULL when the report takes none of this visit (not done, or no checklist).
CREATE TABLE residue_visits (
    id        TEXT PRIMARY KEY,
    household TEXT NOT NULL REFERENCES residue_households (id),
    kind      TEXT NOT NULL,
    status    TEXT NOT NULL,
    date      TEXT NOT NULL,
    figures   TEXT
) STRICT, WITHOUT ROWID;

-- Referral tasks made at one of the residue's visits (`step_id`: the kind of referral).
CREATE TABLE residue_referrals (
    id        TEXT PRIMARY KEY,
    household TEXT NOT NULL REFERENCES residue_households (id),
    visit     TEXT NOT NULL REFERENCES residue_visits (id),
    step_id   TEXT NOT NULL,
    status    TEXT NOT NULL,
    closed_on TEXT
) STRICT, WITHOUT ROWID;

-- Materials handed out in the household (the anonymous stock movements that replace them
-- name no household, so the report's materials table counts these instead).
CREATE TABLE residue_materials (
    id        TEXT PRIMARY KEY,
    household TEXT NOT NULL REFERENCES residue_households (id),
    item_id   TEXT NOT NULL,
    date      TEXT NOT NULL,
    quantity  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The report's RESIDUE_MATERIALS: what was handed out in a period, from the index alone.
CREATE INDEX residue_materials_by_date ON residue_materials (date, household, item_id, quantity);
