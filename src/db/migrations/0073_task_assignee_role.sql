-- A task's assignee is "a person or a role-in-scope" (issue 17 item 1; docs/inbox.md, "Assignee").
-- An approval level's task is held by the action 审批, which all three level roles hold, so without
-- the role every 社区, 街道 and 区 officer over the place saw a request waiting at one level as 可办理,
-- though only that level decides it. assignee_role names the role whose holders may act on the task
-- (with the task's scope as before); null = every role holding the kind's action, as until now.
-- Visibility does not read it (supervisors still see what waits below them), only 可办理, which is
-- computed for the rows shown: no index needs it.
ALTER TABLE task ADD COLUMN assignee_role text;

-- Requests already waiting: their open level task goes to the role of the level they wait at.
UPDATE task t SET assignee_role = r.levels ->> r.current_level
  FROM approval_request r
  WHERE t.subject_table = 'approval_request' AND t.subject_id = r.id AND t.kind = 'approval.' || r.kind
    AND t.state = 'open' AND r.state = 'pending';
