-- Keukentafel store: the report's cache of each visit's key figures (0010) keeps them as compact
-- bytes instead of JSON: a report reads ten thousand rows, and parsing their JSON was the
-- largest part of its time. The table is a local, derived cache (never synced, never in a
-- dump), so it is made again empty: the next report evaluates the visits once and fills it.
-- Keyed by the visit alone, without a rowid. The triggers of 0010 and the erasure's delete
-- (`erase.rs`) name the table, not its layout, and keep working.
DROP TABLE visit_figures;
CREATE TABLE visit_figures (
    visit_id     TEXT PRIMARY KEY,
    household_id TEXT NOT NULL,
    version      TEXT NOT NULL,
    figures      BLOB NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX visit_figures_household ON visit_figures (household_id);
