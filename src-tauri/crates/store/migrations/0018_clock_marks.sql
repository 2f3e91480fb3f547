-- Keukentafel store: the change log loses its clock index (issue 12). `ops_hlc` was keyed on
-- the 66-character text clock and served one question only, "the highest clock in the log"
-- (`log::last_hlc`, at the start of every local write); keeping it up made every import
-- rewrite most of its pages (11.4 GB written for a 746 MB store). The answer is now kept as
-- it changes:
-- - `meta.clock_high`: the highest clock among the ops that were within a day of this laptop's
--   clock when they entered the log (every op a writer or a plain import adds);
-- - `clocks_ahead`: the clocks of ops dated further ahead when they entered (an op a
--   coordinator accepted from a laptop with a wrong clock, or relayed by the coordinator):
--   rare, and left out when a writer continues its clock (`log::last_hlc_until`).
-- Neither shrinks when ops are forgotten: the clock continues above them, as before with
-- `forgotten_clock_floor`. A clock holds a time, an installation and a counter, no data of a
-- household.
CREATE TABLE clocks_ahead (
    hlc TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- The split as of this migration (the text clock starts with the time in 18 digits; a day is
-- 86,400,000 ms, `keukentafel_domain::MAX_AHEAD_MILLIS`), while the old index still answers.
INSERT INTO clocks_ahead (hlc)
SELECT hlc FROM ops
WHERE hlc >= printf('%018d', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + 86400000 + 1);

INSERT INTO meta (key, value)
SELECT 'clock_high', MAX(hlc) FROM ops
WHERE hlc < printf('%018d', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) + 86400000 + 1)
HAVING MAX(hlc) IS NOT NULL;

DROP INDEX ops_hlc;
