-- Keukentafel store: receipts for export files (issue 13). Local bookkeeping, not synced as ops.
--
-- `export_files`: the files this installation wrote, numbered per installation from 1 (a
-- volunteer's exports and a coordinator's return files share the count). `kind` is 'export'
-- or 'return'; `peer` is the volunteer a return file is for ('' for an export). `name` is the
-- file's name: exporting the same content again gives the same name and replaces the file, so
-- it keeps its number. `received_at` is set when the coordinator's return file says it imported
-- the file (a receipt); NULL until then.
CREATE TABLE export_files (
    number      INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('export', 'return')),
    peer        TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    op_count    INTEGER NOT NULL,
    received_at TEXT
) STRICT;

-- `received_files`: every file imported here from another installation, once: the sender, the
-- number it gave the file (NULL for a file of format 2.1 or older, which has none), when the
-- sender wrote it and when it was imported here, and how many ops it carried. A file is the
-- same file by its number, or (without one) by its date.
CREATE TABLE received_files (
    sender      TEXT NOT NULL,
    file_number INTEGER,
    created_at  TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    op_count    INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX received_files_number ON received_files (sender, file_number);
CREATE UNIQUE INDEX received_files_created ON received_files (sender, created_at) WHERE file_number IS NULL;
