-- Tasks reach a person (issue 17 items 1 and 3; docs/inbox.md "Assigning and cancelling", "Refresh").
-- A cancelled task (已撤销) stays cancelled while its finding persists: the refresh must not open it
-- again every time. When the refresh sees the finding gone it notes the time here; the finding
-- coming back after that opens a new task (a new matter, with its own history).
ALTER TABLE task ADD COLUMN finding_gone_at timestamptz;
ALTER TABLE task ADD CONSTRAINT task_finding_gone_check CHECK (finding_gone_at IS NULL OR state = 'cancelled');

-- 'moved': the subject moved to another street and the task went with it (re-placed, not closed).
ALTER TABLE task_event DROP CONSTRAINT IF EXISTS task_event_event_check;
ALTER TABLE task_event ADD CONSTRAINT task_event_event_check
  CHECK (event IN ('opened','closed','reopened','cancelled','assigned','moved'));
