-- Campaign targets (工作目标, issue 13): an area's office sets the rate one coverage metric must reach
-- by a deadline ("两个覆盖"率 100% by 2027-06-30). A target set on a region applies to every area
-- under it; progress is computed from the coverage figures, never stored. Versioned; withdrawn
-- rather than deleted, so a bulletin of an earlier month can still be explained.
CREATE TABLE campaign_target (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code      text NOT NULL REFERENCES region(code),
  metric           text NOT NULL CHECK (metric IN ('orgCoverage','workCoverage','twoCoverage','standaloneRate','withMembers',
                                                   'secretaryVacancy','unionSetup','unionMembership','collectiveContract')),
  target_rate      numeric(4,1) NOT NULL CHECK (target_rate >= 0 AND target_rate <= 100),
  deadline         date NOT NULL,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  note             text CHECK (note IS NULL OR length(note) <= 500),
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active','withdrawn')),
  set_by           bigint REFERENCES app_user(id),
  set_by_name      text NOT NULL DEFAULT '',
  withdrawn_on     date,
  withdrawn_reason text,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- One live target per area, metric and deadline: a second stage of the same campaign has another deadline.
CREATE UNIQUE INDEX campaign_target_active_key ON campaign_target (region_code, metric, deadline) WHERE status = 'active';
CREATE INDEX campaign_target_region_idx ON campaign_target (region_code, status);
