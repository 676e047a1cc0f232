-- Incremental coverage refresh (issue 18, item 4; docs/metrics.md "Refresh", docs/benchmarks.md "Load").
-- The coverage_source_seq counter of 0007 says only THAT a source changed, so every figures read after
-- any edit rebuilt the rows of the whole ledger. These statement triggers also record WHICH
-- enterprises' rows a change can move, in coverage_mark, in the writer's own transaction (so a mark is
-- seen exactly when the change is); a read then recomputes those rows and adjusts the region sums
-- (src/core/coverage/coverage-refresh.ts). Being triggers, they cover every writer — services, imports,
-- the CLI, demo steps — and any writer added later.
--
-- enterprise_id NULL means "every enterprise": written for a statement that touches more than 5,000
-- keys (an import's chunk: a full rebuild is cheaper than thousands of single rows) and for an
-- enterprise deleted (its coverage row goes by ON DELETE CASCADE, so its share of the sums is lost).
CREATE TABLE coverage_mark (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id  bigint
);

-- Inserts the marks, once each; a set over the cap becomes the one "every enterprise" mark.
CREATE FUNCTION coverage_mark_ids(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  ids := ARRAY(SELECT DISTINCT i FROM unnest(ids) i WHERE i IS NOT NULL);
  IF cardinality(ids) > 5000 THEN
    INSERT INTO coverage_mark (enterprise_id) VALUES (NULL);
  ELSIF cardinality(ids) > 0 THEN
    INSERT INTO coverage_mark (enterprise_id) SELECT unnest(ids);
  END IF;
END $$;

-- Arguments: pairs of (key column, kind). The kind says which enterprises' rows a key can move
-- (src/core/coverage/coverage-rows.sql.ts reads these tables):
-- * enterprise: the enterprise itself (its facts, Party organisations, members, instructors);
-- * enterprise_peers: itself and every enterprise sharing a union with it — a union's members are
--   shared among its enterprises by employees, so one enterprise's 从业人数 moves the others' share;
-- * org: every enterprise the Party organisation covers (secretary in post, roster_since);
-- * union: every enterprise the union covers (members, roster, contracts, congresses, its events);
-- * instructor: every enterprise the instructor is assigned to (status).
-- Both old and new rows count, so a row moved from one enterprise to another marks both.
CREATE FUNCTION coverage_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[] := '{}';
  keys bigint[];
  part bigint[];
  kind text;
  i int := 0;
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'enterprise' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    INSERT INTO coverage_mark (enterprise_id) VALUES (NULL);
    RETURN NULL;
  END IF;
  WHILE i < TG_NARGS LOOP
    kind := TG_ARGV[i + 1];
    keys := '{}';
    IF TG_OP <> 'DELETE' THEN
      EXECUTE format('SELECT coalesce(array_agg(DISTINCT %1$I) FILTER (WHERE %1$I IS NOT NULL), ''{}'') FROM new_rows', TG_ARGV[i]) INTO part;
      keys := keys || part;
    END IF;
    IF TG_OP <> 'INSERT' THEN
      EXECUTE format('SELECT coalesce(array_agg(DISTINCT %1$I) FILTER (WHERE %1$I IS NOT NULL), ''{}'') FROM old_rows', TG_ARGV[i]) INTO part;
      keys := keys || part;
    END IF;
    keys := ARRAY(SELECT DISTINCT k FROM unnest(keys) k);
    IF cardinality(keys) > 5000 THEN
      INSERT INTO coverage_mark (enterprise_id) VALUES (NULL);
      RETURN NULL;
    ELSIF kind = 'enterprise' THEN
      ids := ids || keys;
    ELSIF kind = 'enterprise_peers' THEN
      ids := ids || keys || ARRAY(SELECT p.enterprise_id FROM union_coverage c JOIN union_coverage p ON p.union_id = c.union_id
                                   WHERE c.enterprise_id = ANY(keys));
    ELSIF kind = 'org' THEN
      ids := ids || ARRAY(SELECT c.enterprise_id FROM party_org_coverage c WHERE c.org_id = ANY(keys));
    ELSIF kind = 'union' THEN
      ids := ids || ARRAY(SELECT c.enterprise_id FROM union_coverage c WHERE c.union_id = ANY(keys));
    ELSIF kind = 'instructor' THEN
      ids := ids || ARRAY(SELECT a.enterprise_id FROM instructor_assignment a WHERE a.instructor_id = ANY(keys));
    ELSE
      RAISE EXCEPTION 'coverage_mark_rows: unknown kind %', kind;
    END IF;
    i := i + 2;
  END LOOP;
  PERFORM coverage_mark_ids(ids);
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger: three triggers a table.
CREATE TRIGGER enterprise_mark_ins AFTER INSERT ON enterprise REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'enterprise_peers');
CREATE TRIGGER enterprise_mark_upd AFTER UPDATE ON enterprise REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'enterprise_peers');
CREATE TRIGGER enterprise_mark_del AFTER DELETE ON enterprise REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'enterprise_peers');
CREATE TRIGGER enterprise_change_mark_ins AFTER INSERT ON enterprise_change REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise_peers');
CREATE TRIGGER enterprise_change_mark_upd AFTER UPDATE ON enterprise_change REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise_peers');
CREATE TRIGGER enterprise_change_mark_del AFTER DELETE ON enterprise_change REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise_peers');
CREATE TRIGGER party_org_mark_ins AFTER INSERT ON party_org REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'org');
CREATE TRIGGER party_org_mark_upd AFTER UPDATE ON party_org REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'org');
CREATE TRIGGER party_org_mark_del AFTER DELETE ON party_org REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'org');
CREATE TRIGGER party_org_coverage_mark_ins AFTER INSERT ON party_org_coverage REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER party_org_coverage_mark_upd AFTER UPDATE ON party_org_coverage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER party_org_coverage_mark_del AFTER DELETE ON party_org_coverage REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER org_position_mark_ins AFTER INSERT ON org_position REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('org_id', 'org');
CREATE TRIGGER org_position_mark_upd AFTER UPDATE ON org_position REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('org_id', 'org');
CREATE TRIGGER org_position_mark_del AFTER DELETE ON org_position REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('org_id', 'org');
CREATE TRIGGER party_member_mark_ins AFTER INSERT ON party_member REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER party_member_mark_upd AFTER UPDATE ON party_member REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER party_member_mark_del AFTER DELETE ON party_member REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER union_org_mark_ins AFTER INSERT ON union_org REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'union');
CREATE TRIGGER union_org_mark_upd AFTER UPDATE ON union_org REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'union');
CREATE TRIGGER union_org_mark_del AFTER DELETE ON union_org REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'union');
CREATE TRIGGER union_coverage_mark_ins AFTER INSERT ON union_coverage REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union', 'enterprise_id', 'enterprise');
CREATE TRIGGER union_coverage_mark_upd AFTER UPDATE ON union_coverage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union', 'enterprise_id', 'enterprise');
CREATE TRIGGER union_coverage_mark_del AFTER DELETE ON union_coverage REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union', 'enterprise_id', 'enterprise');
CREATE TRIGGER union_contract_mark_ins AFTER INSERT ON union_contract REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_contract_mark_upd AFTER UPDATE ON union_contract REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_contract_mark_del AFTER DELETE ON union_contract REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_congress_mark_ins AFTER INSERT ON union_congress REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_congress_mark_upd AFTER UPDATE ON union_congress REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_congress_mark_del AFTER DELETE ON union_congress REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_member_mark_ins AFTER INSERT ON union_member REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_member_mark_upd AFTER UPDATE ON union_member REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_member_mark_del AFTER DELETE ON union_member REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_event_mark_ins AFTER INSERT ON union_event REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_event_mark_upd AFTER UPDATE ON union_event REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER union_event_mark_del AFTER DELETE ON union_event REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('union_id', 'union');
CREATE TRIGGER instructor_mark_ins AFTER INSERT ON instructor REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'instructor');
CREATE TRIGGER instructor_mark_upd AFTER UPDATE ON instructor REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'instructor');
CREATE TRIGGER instructor_mark_del AFTER DELETE ON instructor REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('id', 'instructor');
CREATE TRIGGER instructor_assignment_mark_ins AFTER INSERT ON instructor_assignment REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER instructor_assignment_mark_upd AFTER UPDATE ON instructor_assignment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');
CREATE TRIGGER instructor_assignment_mark_del AFTER DELETE ON instructor_assignment REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_mark_rows('enterprise_id', 'enterprise');

-- Rows built before this migration were judged by the counter alone: rebuild them once (rows of no
-- day are rebuilt whole). Not by a mark: a freshly migrated database must hold no rows outside
-- coverage_state and schema_migration (a restore's target, src/core/backup/backup.repository.ts).
UPDATE coverage_state SET as_of = NULL;
