-- The inbox reads a reader's tasks anchor by anchor (src/core/task/inbox-visible.ts); at a province the
-- largest street probes ≈ 3,000 enterprises. Each probe fetched the task's heap row only to test its
-- kind and sort by due date. With the list's keys in the index — state, then its keyset order (due
-- date, id), and the columns the lists filter and count on — the reads are index-only: the page and
-- total come from the index, and only the 50 rows shown are read from the table
-- (docs/benchmarks.md, "Work inbox"). Same leading columns as the indexes they replace.
DROP INDEX task_enterprise_idx;
CREATE INDEX task_enterprise_idx ON task (enterprise_id, state, due_on, id) INCLUDE (kind, assignee_user_id, region_code)
  WHERE enterprise_id IS NOT NULL;
DROP INDEX task_party_org_idx;
CREATE INDEX task_party_org_idx ON task (party_org_id, state, due_on, id) INCLUDE (kind, assignee_user_id, region_code)
  WHERE party_org_id IS NOT NULL;
DROP INDEX task_union_org_idx;
CREATE INDEX task_union_org_idx ON task (union_org_id, state, due_on, id) INCLUDE (kind, assignee_user_id, region_code)
  WHERE union_org_id IS NOT NULL;
-- An enterprise's current organisations and unions (the link read: who covers my street's enterprises), index-only.
CREATE INDEX party_org_coverage_current_idx ON party_org_coverage (enterprise_id) INCLUDE (org_id) WHERE until IS NULL;
CREATE INDEX union_coverage_current_idx ON union_coverage (enterprise_id) INCLUDE (union_id) WHERE until IS NULL;
-- A street's own tasks (待确认归属街道, subject 'region'): one per street and kind. Read by the street's prefix
-- without walking every task the street holds (task_region_idx) or every street's (task_subject_idx).
CREATE INDEX task_region_subject_idx ON task (region_code text_pattern_ops, state) WHERE subject_table = 'region';
