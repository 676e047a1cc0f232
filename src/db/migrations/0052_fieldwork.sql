-- Field work from the phone (issue 17 item 7; docs/inbox.md, "实地走访"). A visit an instructor logs
-- says what was found there; each finding opens a task for the enterprise's street, and 问题已整改
-- closes the enterprise's open field-work task (src/core/fieldwork). The codes are the ones declared
-- in src/domain/fieldwork.ts; the list is checked here too so no other writer can store another.
ALTER TABLE visit_log ADD COLUMN findings text[] NOT NULL DEFAULT '{}'
  CONSTRAINT visit_log_findings_check CHECK (findings <@ ARRAY['branchPossible','secretaryVacant','unionMissing','resolved']::text[]);
-- A visit is either something found or a problem found resolved, never both at once.
ALTER TABLE visit_log ADD CONSTRAINT visit_log_resolved_alone_check CHECK (NOT ('resolved' = ANY (findings)) OR cardinality(findings) = 1);
-- Who logged it from where: the instructor themself (phone) or an officer on their behalf.
ALTER TABLE visit_log ADD COLUMN channel text NOT NULL DEFAULT 'official' CONSTRAINT visit_log_channel_check CHECK (channel IN ('official','self'));
CREATE INDEX visit_log_actor_idx ON visit_log (actor_id, id) WHERE actor_id IS NOT NULL;
