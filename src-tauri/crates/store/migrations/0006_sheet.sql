-- Keukentafel store: what the household's printed sheet needs.
--
-- A volunteer's phone number on the profile (the sheet names the volunteers with a number the
-- household can call; empty: not given), and the language the household reads its sheet in
-- (`nl` or `en`, independent of the app's language; Dutch until someone chooses). Both are
-- fields like any other: one op per change, synced.
ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN language TEXT NOT NULL DEFAULT 'nl';
