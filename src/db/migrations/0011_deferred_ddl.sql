-- Secondary indexes and foreign keys dropped for a bulk load and not yet restored
-- (docs/decisions/0002-bulk-import.md). A first import of a large ledger builds the indexes once
-- at the end and checks the foreign keys in one set-based pass, instead of maintaining eleven
-- indexes and firing three checks row by row; if the import dies, whoever finds a row here
-- restores it from its definition.
CREATE TABLE deferred_ddl (
  name         text PRIMARY KEY,
  table_name   text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('index', 'foreign_key')),
  definition   text NOT NULL,
  import_id    bigint NOT NULL,
  deferred_at  timestamptz NOT NULL DEFAULT now()
);
