-- Union figures from names and congresses (issue 16 item 10; docs/metrics.md):
-- * has_congress: a union covering the enterprise held a 职代会 or 职工大会 in the twelve months up
--   to the day (企业民主管理规定: at least once a year) — the 职代会建制率 metric;
-- * union_members_from_roster: the covering unions keep real-name rosters (union_org.roster_since on
--   or before the day), so union_members counts names (union_member), not the typed 会员数.
ALTER TABLE enterprise_coverage
  ADD COLUMN has_congress boolean NOT NULL DEFAULT false,
  ADD COLUMN union_members_from_roster boolean NOT NULL DEFAULT false;
ALTER TABLE coverage_region_sum
  ADD COLUMN "n_congressCoverage" bigint NOT NULL DEFAULT 0,
  ADD COLUMN "d_congressCoverage" bigint NOT NULL DEFAULT 0;

CREATE TRIGGER union_congress_coverage_source AFTER INSERT OR UPDATE OR DELETE ON union_congress
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
CREATE TRIGGER union_member_coverage_source AFTER INSERT OR UPDATE OR DELETE ON union_member
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();
-- The stored rows predate the new columns: the next read recomputes them.
SELECT nextval('coverage_source_seq');
