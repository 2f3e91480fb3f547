-- Keukentafel store: indexes that let the coordinator's overview and the municipal report read
-- only what they count, from the index alone (no row of the table is read). Each names the
-- query that uses it; `plans_use_indexes` (store/src/records/overview.rs) checks the plans.
-- Partial on `archived = 0`: archived rows are never counted, so they are not in the index.

-- VISITS_BETWEEN (visits done in a month or quarter, planned ahead, overdue): the visits of one
-- status in a date range, in date order, with their kind and household. The report's VISITS
-- (done and planned visits up to the end of the period, with their template) reads it too.
CREATE INDEX visits_by_status
    ON visits (status, planned_date, planned_time, id, kind, household_id, template_id, template_version, archived)
    WHERE archived = 0;

-- CASES (where each household stands) and the report's first visits: does this household
-- have a done visit, a planned one, a planned follow-up before today.
CREATE INDEX visits_cases ON visits (household_id, status, kind, planned_date, archived)
    WHERE archived = 0;

-- CASES: does this household have an open task, an overdue one.
CREATE INDEX tasks_cases ON tasks (household_id, status, due, archived)
    WHERE archived = 0 AND status IN ('open', 'in_progress');

-- CASES: the households that are not archived, by wijk and id.
CREATE INDEX households_cases ON households (archived, wijk, id);

-- VISITS_BETWEEN, OPEN_TASKS: is the household of this visit or task archived.
CREATE INDEX households_archived ON households (id, archived);

-- The report's REFERRALS: the referral tasks made at a visit, with their outcome.
CREATE INDEX tasks_referrals ON tasks (kind, visit_id, household_id, step_id, status, closed_on, archived)
    WHERE kind = 'referral' AND archived = 0 AND visit_id IS NOT NULL;

-- The report's MATERIALS: movements handed out in a period, with what and how many. Replaces
-- the narrower index of 0010, which had to read each movement's row.
DROP INDEX stock_movements_out;
CREATE INDEX stock_movements_out ON stock_movements (kind, date, household_id, item_id, delta);
