-- Import speed (docs/decisions/0002-bulk-import.md §9).
--
-- An enterprise is never deleted (deregistration, revocation and moving out are statuses), and
-- every history row is inserted with an id taken from the enterprise row it describes, in the same
-- statement (the import's UPDATE … RETURNING) or the same transaction under a row lock (manual
-- placement, edits). So the reference cannot dangle, and checking it cost a key-share lookup of
-- the enterprise per history row: ~18 µs, 0.18 s of a re-import that changes ten thousand
-- enterprises. test/medium/import-apply.test.ts checks each history row against the enterprise it names.
ALTER TABLE enterprise_change DROP CONSTRAINT IF EXISTS enterprise_change_enterprise_id_fkey;
