-- The inbox's street read without a probe per enterprise (issue 17 item 9; docs/benchmarks.md "Work
-- inbox"). A street officer's tasks anchored on enterprises were found by walking the street's
-- enterprises (≈ 3,000 at a province) and probing each one's tasks, and the organisations and unions
-- linked to them by probing each one's current links: ≈ 25,000 index pages a read. Here the task and
-- each coverage link carry their enterprise's current region, kept by triggers in the writer's own
-- transaction, so both reads are one index range over the street's prefix.
--
-- Why not task.region_code: that is the subject's place at the last refresh (a workflow task's may be
-- another record's place); enterprise_region is always the enterprise's place now, whoever moved it
-- (an import, a placement by hand, a merger) and whether or not its tasks were refreshed since.
ALTER TABLE task ADD COLUMN enterprise_region text;
ALTER TABLE party_org_coverage ADD COLUMN enterprise_region text;
ALTER TABLE union_coverage ADD COLUMN enterprise_region text;

UPDATE task t SET enterprise_region = e.region_code FROM enterprise e WHERE e.id = t.enterprise_id;
UPDATE party_org_coverage c SET enterprise_region = e.region_code FROM enterprise e WHERE e.id = c.enterprise_id;
UPDATE union_coverage c SET enterprise_region = e.region_code FROM enterprise e WHERE e.id = c.enterprise_id;

-- A row written or re-pointed takes its enterprise's place (the three tables name it enterprise_id).
CREATE FUNCTION enterprise_region_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.enterprise_region := CASE WHEN NEW.enterprise_id IS NULL THEN NULL
    ELSE (SELECT e.region_code FROM enterprise e WHERE e.id = NEW.enterprise_id) END;
  RETURN NEW;
END $$;
CREATE TRIGGER task_enterprise_region BEFORE INSERT OR UPDATE OF enterprise_id ON task
  FOR EACH ROW EXECUTE FUNCTION enterprise_region_of_row();
CREATE TRIGGER party_org_coverage_enterprise_region BEFORE INSERT OR UPDATE OF enterprise_id ON party_org_coverage
  FOR EACH ROW EXECUTE FUNCTION enterprise_region_of_row();
CREATE TRIGGER union_coverage_enterprise_region BEFORE INSERT OR UPDATE OF enterprise_id ON union_coverage
  FOR EACH ROW EXECUTE FUNCTION enterprise_region_of_row();

-- An enterprise moved: its tasks and links follow in the same statement's transaction. (A trigger
-- with a column list cannot have transition tables, so every UPDATE statement runs it; it joins the
-- statement's own rows and writes only where the place changed.)
CREATE FUNCTION enterprise_region_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  places text[];
BEGIN
  SELECT coalesce(array_agg(n.id), '{}'), coalesce(array_agg(n.region_code), '{}') INTO ids, places
    FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.region_code IS DISTINCT FROM o.region_code;
  IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
  UPDATE task t SET enterprise_region = m.place FROM unnest(ids, places) AS m(id, place)
    WHERE t.enterprise_id = m.id AND t.enterprise_region IS DISTINCT FROM m.place;
  UPDATE party_org_coverage c SET enterprise_region = m.place FROM unnest(ids, places) AS m(id, place)
    WHERE c.enterprise_id = m.id AND c.enterprise_region IS DISTINCT FROM m.place;
  UPDATE union_coverage c SET enterprise_region = m.place FROM unnest(ids, places) AS m(id, place)
    WHERE c.enterprise_id = m.id AND c.enterprise_region IS DISTINCT FROM m.place;
  RETURN NULL;
END $$;
CREATE TRIGGER enterprise_region_follow AFTER UPDATE ON enterprise REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enterprise_region_follow();

-- The reads (src/core/task/inbox-visible.ts): index-only, the list's keys as in 0068.
CREATE INDEX task_enterprise_region_idx ON task (enterprise_region text_pattern_ops, state, due_on, id)
  INCLUDE (kind, assignee_user_id, region_code) WHERE enterprise_region IS NOT NULL;
CREATE INDEX party_org_coverage_region_idx ON party_org_coverage (enterprise_region text_pattern_ops) INCLUDE (org_id)
  WHERE until IS NULL AND enterprise_region IS NOT NULL;
CREATE INDEX union_coverage_region_idx ON union_coverage (enterprise_region text_pattern_ops) INCLUDE (union_id)
  WHERE until IS NULL AND enterprise_region IS NOT NULL;
