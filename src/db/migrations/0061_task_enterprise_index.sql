-- The inbox reads a reader's tasks through their anchors (src/core/task/inbox-visible.ts): the
-- enterprises in scope, then their tasks. Organisation and union tasks have had their anchor index
-- since 0050; enterprise tasks were found only through the subject (rule tasks), not a workflow's.
-- With state, a street's open tasks are read without touching the closed ones that pile up.
CREATE INDEX task_enterprise_idx ON task (enterprise_id, state) WHERE enterprise_id IS NOT NULL;
