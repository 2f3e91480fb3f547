-- Keukentafel store: who may send files to this installation.
--
-- On a coordinator's store, one row per volunteer installation the coordinator enrolled in
-- person (after comparing the fingerprint of its pairing code). Only files signed with the
-- signing key of an active row are imported, and return files are encrypted to its age key:
-- keys and names change only here, never through a file. A revoked row stays (what that
-- volunteer sent before stays too). Local to this store: not an op, never sent anywhere.
CREATE TABLE enrolments (
    replica      TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    organisation TEXT NOT NULL,
    age_key      TEXT NOT NULL,
    signing_key  TEXT NOT NULL,
    active       INTEGER NOT NULL,
    enrolled_by  TEXT NOT NULL,
    enrolled_at  TEXT NOT NULL,
    revoked_at   TEXT
) STRICT;
