-- 待确认归属街道 (docs/inbox.md): a task about a street itself — the count of its enterprises whose
-- placement awaits confirmation — belongs to no enterprise, organisation or union. It is anchored on
-- its region code: subject_table 'region', subject_id and region_code the street's (or the district's) code.
ALTER TABLE task DROP CONSTRAINT task_anchor_check;
ALTER TABLE task ADD CONSTRAINT task_anchor_check
  CHECK (num_nonnulls(enterprise_id, party_org_id, union_org_id) >= 1 OR (subject_table = 'region' AND region_code IS NOT NULL));
