-- Keukentafel store: the files imported here, by the SHA-256 of their bytes as they lay on
-- disk (encrypted), so importing the very same file again (a folder read twice) skips it
-- before it is decrypted: no backup, no merge. Local bookkeeping, never synced, no personal
-- data of a household: the hash of an encrypted file, who sent it (their name and role as this
-- store knows them, the `Sender` of `keukentafel_sync::import`, as JSON) and how many changes
-- it carried. The same content encrypted again has other bytes and is merged as usual (the
-- merge skips what is already present), so a file that only looks the same is never skipped.
CREATE TABLE imported_files (
    sha256      TEXT PRIMARY KEY,
    sender      TEXT NOT NULL,
    op_count    INTEGER NOT NULL,
    imported_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
