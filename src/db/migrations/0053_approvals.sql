-- The approval engine (issue 17 item 2; docs/approvals.md). A workflow action that needs a higher
-- organisation's approval (接收预备党员, 列为发展对象 备案, 转正 …) is submitted as a request; the request
-- passes its levels one at a time (社区 → 街道 → 区), and the last level's approval applies the action.
-- The levels are copied from the flow in force when the request is submitted, so a later change of
-- the settings never reroutes a request already under way.
CREATE TABLE approval_request (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind               text NOT NULL CHECK (kind ~ '^[a-z][a-zA-Z.]{2,40}$'),
  subject_table      text NOT NULL CHECK (subject_table ~ '^[a-z][a-z_]{1,62}$'),
  subject_id         bigint NOT NULL,
  -- The organisation the record belongs to: its scope decides who may decide (owned, never through a link).
  party_org_id       bigint NOT NULL REFERENCES party_org(id),
  subject_label      text NOT NULL CHECK (length(subject_label) BETWEEN 1 AND 200),
  -- The workflow action's input as submitted (the step's date, the approving 党委 …), applied at the end.
  payload            jsonb NOT NULL,
  levels             jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array' AND jsonb_array_length(levels) >= 1),
  flow_prefix        text CHECK (flow_prefix IS NULL OR flow_prefix ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6})$'),
  current_level      integer NOT NULL DEFAULT 0 CHECK (current_level >= 0),
  state              text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','returned','approved','withdrawn')),
  requester_user_id  bigint NOT NULL REFERENCES app_user(id),
  -- A deputy named for the current level while its holder is away (委托代审), until a date.
  deputy_user_id     bigint REFERENCES app_user(id),
  deputy_until       date,
  submitted_at       timestamptz NOT NULL DEFAULT now(),
  decided_at         timestamptz,
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((deputy_user_id IS NULL) = (deputy_until IS NULL)),
  CHECK ((state = 'approved') = (decided_at IS NOT NULL))
);
-- One request under way per record and kind: a second submission is a 409, not a duplicate.
CREATE UNIQUE INDEX approval_request_open_key ON approval_request (kind, subject_table, subject_id) WHERE state IN ('pending','returned');
CREATE INDEX approval_request_subject_idx ON approval_request (subject_table, subject_id);
CREATE INDEX approval_request_org_idx ON approval_request (party_org_id, state);
CREATE INDEX approval_request_requester_idx ON approval_request (requester_user_id, id);

-- Every step of a request, append-only: who did what at which level, with the comment.
CREATE TABLE approval_step (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id     bigint NOT NULL REFERENCES approval_request(id),
  level          integer,
  level_role     text,
  action         text NOT NULL CHECK (action IN ('submitted','approved','returned','resubmitted','delegated','completed')),
  actor_user_id  bigint REFERENCES app_user(id),
  actor_name     text NOT NULL,
  comment        text CHECK (comment IS NULL OR length(comment) <= 500),
  data           jsonb NOT NULL DEFAULT '{}'::jsonb,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX approval_step_request_idx ON approval_step (request_id, id);
CREATE INDEX approval_step_actor_idx ON approval_step (actor_user_id, request_id);
