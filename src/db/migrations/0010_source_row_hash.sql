-- Import speed (docs/decisions/0002-bulk-import.md).
--
-- The 64-bit hash of the raw file record that produced an enterprise's current facts
-- (src/core/import/row-hash.ts, with the file's fingerprint mixed in). A re-import loads these
-- hashes once and skips every row whose hash is here without parsing it: only changed rows
-- reach the database. NULL = unknown (written by hand, or before this column): parsed as usual.
ALTER TABLE enterprise ADD COLUMN source_row_hash bytea;

-- The import that created the enterprise. Its "created" history entry is read from here instead of
-- one enterprise_change row per new enterprise (a million rows, three indexes and two foreign-key
-- checks each on a first load). Older enterprises keep their stored 'created' rows.
ALTER TABLE enterprise ADD COLUMN created_import_id bigint;

-- Import batches are never deleted, so these references cannot dangle; checking them cost a
-- trigger query per written row (~10 µs: 10 s of a million-row first import).
ALTER TABLE enterprise DROP CONSTRAINT IF EXISTS enterprise_last_import_id_fkey;
ALTER TABLE enterprise_change DROP CONSTRAINT IF EXISTS enterprise_change_import_id_fkey;
