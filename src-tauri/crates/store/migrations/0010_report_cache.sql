-- Keukentafel store: a local, derived cache of each visit's key figures (energy quote, savings,
-- measures, indicators, meter readings) for the municipal report, so a report over thousands
-- of visits reads them instead of evaluating every visit's checklist again. Not a record: no
-- ops, never synced, never in a dump. A row says with which template and figures it was made
-- (`version`); the report makes it again when that differs or the row is missing.
--
-- Anything the figures are computed from drops the row in the same transaction: a visit's
-- answers, the visit, its household (heating, people), the household's consent (a consent step
-- is answered from it). Forgetting a household removes its visits, and so its rows.
-- (Numbered 0010: 0009 is another branch's; it must stay before this one when they meet.)
CREATE TABLE visit_figures (
    visit_id     TEXT PRIMARY KEY,
    household_id TEXT NOT NULL,
    version      TEXT NOT NULL,
    figures      TEXT NOT NULL
) STRICT;
CREATE INDEX visit_figures_household ON visit_figures (household_id);

CREATE TRIGGER visit_figures_answer_insert AFTER INSERT ON answers
BEGIN DELETE FROM visit_figures WHERE visit_id = NEW.visit_id; END;
CREATE TRIGGER visit_figures_answer_update AFTER UPDATE ON answers
BEGIN DELETE FROM visit_figures WHERE visit_id = NEW.visit_id OR visit_id = OLD.visit_id; END;
CREATE TRIGGER visit_figures_answer_delete AFTER DELETE ON answers
BEGIN DELETE FROM visit_figures WHERE visit_id = OLD.visit_id; END;
CREATE TRIGGER visit_figures_visit_update AFTER UPDATE ON visits
BEGIN DELETE FROM visit_figures WHERE visit_id = NEW.id; END;
CREATE TRIGGER visit_figures_visit_delete AFTER DELETE ON visits
BEGIN DELETE FROM visit_figures WHERE visit_id = OLD.id; END;
CREATE TRIGGER visit_figures_household_update AFTER UPDATE ON households
BEGIN DELETE FROM visit_figures WHERE household_id = NEW.id; END;
CREATE TRIGGER visit_figures_household_delete AFTER DELETE ON households
BEGIN DELETE FROM visit_figures WHERE household_id = OLD.id; END;
CREATE TRIGGER visit_figures_consent_insert AFTER INSERT ON consent_events
BEGIN DELETE FROM visit_figures WHERE household_id = NEW.household_id; END;
CREATE TRIGGER visit_figures_consent_update AFTER UPDATE ON consent_events
BEGIN DELETE FROM visit_figures WHERE household_id = NEW.household_id OR household_id = OLD.household_id; END;
CREATE TRIGGER visit_figures_consent_delete AFTER DELETE ON consent_events
BEGIN DELETE FROM visit_figures WHERE household_id = OLD.household_id; END;

-- The report's materials of a period: movements handed out, by date.
CREATE INDEX stock_movements_out ON stock_movements (kind, date);
