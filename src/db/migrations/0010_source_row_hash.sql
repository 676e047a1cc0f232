-- The 64-bit hash of the raw file record that produced an enterprise's current facts
-- (src/core/import/row-hash.ts, with the file's fingerprint mixed in). A re-import loads these
-- hashes once and skips every row whose hash is here without parsing it: only changed rows
-- reach the database. NULL = unknown (written by hand, or before this column): parsed as usual.
ALTER TABLE enterprise ADD COLUMN source_row_hash bytea;
