-- 年度党建工作报告 and 述职评议 / 考核 (issue 15 items 5 and 6; docs/annual-report.md).
-- annual_report: one per organisation and year. The figures come from the records and are not stored
-- while the report is a draft; submitting stores them (`figures`), so later edits to the records do
-- not change what was submitted. The organisation writes only what no record holds: the narrative
-- and a few typed facts. annual_report_event keeps the history (saved, submitted, passed, returned).

CREATE TABLE annual_report (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          bigint NOT NULL CONSTRAINT annual_report_org_fk REFERENCES party_org(id),
  year            integer NOT NULL CONSTRAINT annual_report_year_check CHECK (year BETWEEN 2018 AND 2100),
  status          text NOT NULL DEFAULT 'draft' CONSTRAINT annual_report_status_check CHECK (status IN ('draft','submitted','passed','returned')),
  highlights      text CONSTRAINT annual_report_highlights_check CHECK (highlights IS NULL OR length(highlights) <= 5000),
  problems        text CONSTRAINT annual_report_problems_check CHECK (problems IS NULL OR length(problems) <= 5000),
  plans           text CONSTRAINT annual_report_plans_check CHECK (plans IS NULL OR length(plans) <= 5000),
  site_area       integer CONSTRAINT annual_report_site_area_check CHECK (site_area IS NULL OR site_area BETWEEN 0 AND 100000),
  funds_yuan      bigint CONSTRAINT annual_report_funds_check CHECK (funds_yuan IS NULL OR funds_yuan BETWEEN 0 AND 1000000000),
  honours         text CONSTRAINT annual_report_honours_check CHECK (honours IS NULL OR length(honours) <= 1000),
  -- [{ key, title, figures: [{ key, label, value, unit, source, link }] }] as at submission
  figures         jsonb,
  submitted_at    timestamptz,
  submitted_by    bigint,
  reviewed_at     timestamptz,
  reviewed_by     bigint,
  review_comment  text CONSTRAINT annual_report_comment_check CHECK (review_comment IS NULL OR length(review_comment) <= 1000),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT annual_report_org_year_key UNIQUE (org_id, year)
);
-- The district list reads a year's reports.
CREATE INDEX annual_report_year_idx ON annual_report (year, status);

CREATE TABLE annual_report_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id   bigint NOT NULL REFERENCES annual_report(id),
  kind        text NOT NULL,
  comment     text,
  actor_id    bigint,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX annual_report_event_report_idx ON annual_report_event (report_id, id);

-- 述职评议 of a secretary / 考核 of an instructor for a year: the template in force (src/domain,
-- versioned by date) named by its id, the evidence drawn from the records at the time of marking,
-- the reviewers' marks, the total, grade and allowance level (补贴档次) the settings gave then.
-- The subject is the organisation (its secretary in post) or the instructor record; person_id is
-- who was appraised, for the person's history.
CREATE TABLE appraisal (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id      bigint NOT NULL,
  person_id       bigint NOT NULL CONSTRAINT appraisal_person_fk REFERENCES person(id),
  kind            text NOT NULL CONSTRAINT appraisal_kind_check CHECK (kind IN ('secretary','instructor')),
  year            integer NOT NULL CONSTRAINT appraisal_year_check CHECK (year BETWEEN 2018 AND 2100),
  template_id     text NOT NULL,
  -- [{ item, reviewer: 'street'|'district', score }]
  marks           jsonb NOT NULL DEFAULT '[]'::jsonb,
  evidence        jsonb NOT NULL DEFAULT '[]'::jsonb,
  total           numeric(6,2),
  grade           text,
  allowance       text,
  comment         text CONSTRAINT appraisal_comment_check CHECK (comment IS NULL OR length(comment) <= 1000),
  marked_by       bigint,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT appraisal_subject_year_key UNIQUE (kind, subject_id, year)
);
CREATE INDEX appraisal_person_idx ON appraisal (person_id, year);
