-- Keukentafel store: indexes for the paged households list (`PAGE`, `PAGE_IN_WIJK`, `COUNT`,
-- `COUNT_IN_WIJK` in store/src/records/households.rs). In the list's order (name without
-- case, then id) and holding every column the search reads, so a page is read from the index
-- without sorting every household first, and counting the matches never reads the table.
-- `list_filters_use_their_indexes` (store/src/records/overview.rs) checks the plans.

-- PAGE, COUNT: every household (or every one that matches the search), in name order.
CREATE INDEX households_list
    ON households (name COLLATE NOCASE, id, archived, wijk, street_address, postcode, city);

-- PAGE_IN_WIJK, COUNT_IN_WIJK: the households of one wijk, in name order. Replaces
-- households_wijk (wijk alone), which only the wijk filter used.
CREATE INDEX households_list_wijk
    ON households (wijk, name COLLATE NOCASE, id, archived, street_address, postcode, city);
DROP INDEX households_wijk;
