-- Month-end snapshots (issue 6): a province of 1M enterprises writes ~260k metric_snapshot rows a
-- month, and index upkeep was most of that INSERT's time (docs/benchmarks.md, Coverage).
--
-- * The key columns compare bytewise ("C"). They hold 'YYYY-MM', kinds, metric ids, region codes,
--   ids and industry/size names that are only ever compared for equality or by LIKE 'prefix%', so no
--   result changes; locale-aware comparison cost ~2x in every index insert, and under "C" a region
--   prefix becomes an index range on the primary key.
-- * The (scope_kind, scope_key, metric, period) index goes: a node's trend is the primary key's
--   `period IN (...) AND scope_kind = … AND scope_key IN (…)`, and the list of taken months reads a
--   partial index of the 'all' rows (9 rows a month) instead.
ALTER TABLE metric_snapshot
  ALTER COLUMN period TYPE text COLLATE "C",
  ALTER COLUMN scope_kind TYPE text COLLATE "C",
  ALTER COLUMN scope_key TYPE text COLLATE "C",
  ALTER COLUMN metric TYPE text COLLATE "C";
DROP INDEX metric_snapshot_scope_idx;
CREATE INDEX metric_snapshot_all_idx ON metric_snapshot (period) WHERE scope_kind = 'all';
