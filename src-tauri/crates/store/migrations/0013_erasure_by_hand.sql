-- Keukentafel store: an erasure confirmed by hand. A revoked volunteer's laptop gets no more
-- return files, so it can never confirm an erasure in a file; the coordinator confirms it by
-- hand once the laptop was wiped or handed in (`Store::confirm_erasure_by_hand`). The
-- confirmation's time is `confirmed_at` as for a file; this says which it was.
ALTER TABLE erasure_laptops ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0;
