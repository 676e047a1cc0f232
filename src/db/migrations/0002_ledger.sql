-- Ledger: import bookkeeping (progress, heartbeat, stored upload, row errors) and list indexes.
-- Staging tables are per import (import_stage_<id>, UNLOGGED) and are created/dropped by
-- src/core/import/import-stage.repository.ts, so they do not appear here.

ALTER TABLE import_batch
  ADD COLUMN stored_path   text,                        -- the uploaded file kept for the error report
  ADD COLUMN dry_run       boolean NOT NULL DEFAULT false,
  ADD COLUMN progress      jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN error         jsonb,                       -- {code, message} when the import failed
  ADD COLUMN heartbeat_at  timestamptz NOT NULL DEFAULT now(); -- a 'running' batch with an old heartbeat was killed
CREATE INDEX import_batch_kind_idx ON import_batch (kind, id DESC);
CREATE INDEX import_batch_running_idx ON import_batch (heartbeat_at) WHERE status = 'running';

-- One row per rejected file row (reader errors, conflicting repeats, out-of-scope rows).
CREATE TABLE import_row_error (
  import_id   bigint NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  row         integer NOT NULL,                         -- the row number as Excel shows it
  "column"    text,                                     -- the header text as in the file
  code        text NOT NULL,
  message     text NOT NULL
);
CREATE INDEX import_row_error_import_idx ON import_row_error (import_id, row);

-- Keyset pagination on (sort key, id) for each sortable column of the ledger list.
CREATE INDEX enterprise_name_sort_idx ON enterprise (name, id);
CREATE INDEX enterprise_founded_sort_idx ON enterprise ((COALESCE(founded_on, DATE '0001-01-01')), id);
CREATE INDEX enterprise_employees_sort_idx ON enterprise ((COALESCE(employee_count, -1)), id);
CREATE INDEX enterprise_updated_sort_idx ON enterprise (updated_at, id);
CREATE INDEX enterprise_status_idx ON enterprise (operating_status);
