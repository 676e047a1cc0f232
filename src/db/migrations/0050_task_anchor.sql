-- Tasks raised by workflows (issue 17): a task's subject may be any record (a transfer, a recruitment
-- step, a notice's recipient row), so the subject table is checked by shape, not by a list. Who sees a
-- task and who may act on it is decided by its anchor — the enterprise, party organisation or union the
-- subject belongs to — under the same rules as that record (docs/inbox.md, "Anchors"). A workflow task
-- carries what people read about its subject (a label and the page to open), since the inbox cannot
-- join every module's table.
ALTER TABLE task DROP CONSTRAINT task_subject_table_check;
ALTER TABLE task ADD CONSTRAINT task_subject_table_check CHECK (subject_table ~ '^[a-z][a-z_]{1,62}$');
ALTER TABLE task ADD COLUMN union_org_id bigint REFERENCES union_org(id);
ALTER TABLE task ADD COLUMN subject_label text CHECK (subject_label IS NULL OR length(subject_label) BETWEEN 1 AND 200);
ALTER TABLE task ADD COLUMN link_path text CHECK (link_path IS NULL OR link_path ~ '^/[A-Za-z0-9/_?=&.-]{1,200}$');
ALTER TABLE task ADD CONSTRAINT task_anchor_check CHECK (num_nonnulls(enterprise_id, party_org_id, union_org_id) >= 1);
CREATE INDEX task_party_org_idx ON task (party_org_id) WHERE party_org_id IS NOT NULL;
CREATE INDEX task_union_org_idx ON task (union_org_id) WHERE union_org_id IS NOT NULL;
