-- One work inbox, the foundation (issue 17 items 1 and 3; docs/inbox.md). A task is something a
-- person or a role in a scope must do about one record. The rule engine opens and closes tasks
-- (src/core/task/task-refresh.service.ts); later workflows write the same table with their own kinds.
-- Kinds are declared in src/domain/task-kinds.ts, so the column carries no CHECK list: a new module
-- adds a kind without a migration.
CREATE TABLE task (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind              text NOT NULL CHECK (kind ~ '^[a-z][a-zA-Z0-9_.]{1,63}$'),
  subject_table     text NOT NULL CHECK (subject_table IN ('enterprise','party_org','union_org')),
  subject_id        bigint NOT NULL,
  -- The subject's place when the task was last refreshed: scope filters and the street × kind table.
  region_code       text CHECK (region_code IS NULL OR region_code ~ '^[0-9]{12}$'),
  enterprise_id     bigint REFERENCES enterprise(id),
  party_org_id      bigint REFERENCES party_org(id),
  due_on            date NOT NULL,
  assignee_user_id  bigint REFERENCES app_user(id),
  state             text NOT NULL DEFAULT 'open' CHECK (state IN ('open','done','cancelled')),
  source_rule_id    text,
  source_workflow   text,
  opened_at         timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz,
  -- What closed it: 'fact_changed' (已整改: the finding is gone) or, later, the workflow action.
  closed_by         text,
  version           integer NOT NULL DEFAULT 1,
  CHECK ((state = 'open') = (closed_at IS NULL)),
  CHECK ((state = 'open') = (closed_by IS NULL)),
  CHECK (source_rule_id IS NOT NULL OR source_workflow IS NOT NULL)
);
-- Deduplicated by subject and kind: at most one open task each (a closed one is reopened in place).
CREATE UNIQUE INDEX task_open_key ON task (kind, subject_table, subject_id) WHERE state = 'open';
CREATE INDEX task_subject_idx ON task (subject_table, subject_id, kind);
CREATE INDEX task_region_idx ON task (region_code text_pattern_ops, state);
CREATE INDEX task_assignee_idx ON task (assignee_user_id) WHERE assignee_user_id IS NOT NULL;

-- History: every open, close and reopen, with the reason people read (已整改, 问题再次出现).
CREATE TABLE task_event (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id   bigint NOT NULL REFERENCES task(id),
  event     text NOT NULL CHECK (event IN ('opened','closed','reopened','cancelled','assigned')),
  reason    text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  actor_name text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_event_task_idx ON task_event (task_id, id);
