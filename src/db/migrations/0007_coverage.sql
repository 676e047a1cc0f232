-- Coverage analytics (issue 6, docs/metrics.md): one precomputed coverage row per enterprise for
-- "today", month-end metric snapshots stored as numerator/denominator pairs, and a change counter.

-- One row per enterprise as of `coverage_state.as_of`. The placement columns are copies of the
-- enterprise's own, named like `enterprise`'s, so the access layer's enterprise filter applies to
-- this table unchanged (src/core/coverage/coverage-scope.ts). `status` mirrors the rule engine
-- (src/domain/rules/evaluate-enterprise.ts); test/medium/coverage-rows.test.ts proves equality.
CREATE TABLE enterprise_coverage (
  id                     bigint PRIMARY KEY REFERENCES enterprise(id) ON DELETE CASCADE,
  region_code            text,
  park_id                bigint,
  association_id         bigint,
  industry               text,
  size_class             text,
  above_designated_size  boolean NOT NULL,
  active                 boolean NOT NULL,
  status                 text NOT NULL CHECK (status IN ('standalone','dispatched','joint','attached','workOnly','gap','closed')),
  full_members           integer NOT NULL,
  employees              integer NOT NULL,
  has_union              boolean NOT NULL,
  union_members          integer NOT NULL,
  has_contract           boolean NOT NULL,
  secretary_vacant       boolean NOT NULL
);
CREATE INDEX enterprise_coverage_region_idx ON enterprise_coverage (region_code text_pattern_ops);
CREATE INDEX enterprise_coverage_park_idx ON enterprise_coverage (park_id) WHERE park_id IS NOT NULL;
CREATE INDEX enterprise_coverage_association_idx ON enterprise_coverage (association_id) WHERE association_id IS NOT NULL;

-- Bumped (outside any lock: a sequence) by every statement that changes a coverage source, so a
-- reader knows whether enterprise_coverage is stale without scanning anything.
CREATE SEQUENCE coverage_source_seq;

CREATE TABLE coverage_state (
  id              smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  as_of           date,
  source_version  bigint NOT NULL DEFAULT 0,
  refreshed_at    timestamptz
);
INSERT INTO coverage_state (id) VALUES (1);

CREATE FUNCTION coverage_source_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('coverage_source_seq');
  RETURN NULL;
END $$;

CREATE TRIGGER enterprise_coverage_source AFTER INSERT OR UPDATE OR DELETE ON enterprise
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER enterprise_change_coverage_source AFTER INSERT OR UPDATE OR DELETE ON enterprise_change
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER party_org_coverage_source AFTER INSERT OR UPDATE OR DELETE ON party_org
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER party_org_coverage_coverage_source AFTER INSERT OR UPDATE OR DELETE ON party_org_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER org_position_coverage_source AFTER INSERT OR UPDATE OR DELETE ON org_position
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER union_org_coverage_source AFTER INSERT OR UPDATE OR DELETE ON union_org
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER union_coverage_coverage_source AFTER INSERT OR UPDATE OR DELETE ON union_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER union_contract_coverage_source AFTER INSERT OR UPDATE OR DELETE ON union_contract
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER instructor_coverage_source AFTER INSERT OR UPDATE OR DELETE ON instructor
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER instructor_assignment_coverage_source AFTER INSERT OR UPDATE OR DELETE ON instructor_assignment
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();

-- Month-end figures. scope_kind 'all' (key ''), 'region' (key = 12-digit code of the node),
-- 'park' / 'association' (key = id), 'industry' (key = name, '' = unknown), 'size' (key = class,
-- '' = unknown). Pairs, never ratios, so regions add up.
CREATE TABLE metric_snapshot (
  period       text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  scope_kind   text NOT NULL CHECK (scope_kind IN ('all','region','park','association','industry','size')),
  scope_key    text NOT NULL,
  metric       text NOT NULL,
  numerator    bigint NOT NULL CHECK (numerator >= 0),
  denominator  bigint NOT NULL CHECK (denominator >= 0),
  computed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (period, scope_kind, scope_key, metric)
);
CREATE INDEX metric_snapshot_scope_idx ON metric_snapshot (scope_kind, scope_key, metric, period);
