-- Party organisations, unions, instructors and liaisons (issue 5), with their history.
-- Every relationship carries a validity interval [since, until): `since` is the first day it holds,
-- `until` the first day it no longer holds (NULL = still holds). "As of D" means
-- since <= D AND (until IS NULL OR until > D). See docs/organisations.md.

CREATE TABLE party_org (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                  text UNIQUE,                  -- 组织代码 when the source system has one
  name                  text NOT NULL,
  org_type              text NOT NULL CHECK (org_type IN ('committee','generalBranch','branch')),
  setup_mode            text NOT NULL CHECK (setup_mode IN ('standalone','joint','attached','dispatched')),
  temporary             boolean NOT NULL DEFAULT false,
  mobile                boolean NOT NULL DEFAULT false,   -- 流动党员党支部
  parent_id             bigint REFERENCES party_org(id),
  -- Materialised path of ids ('1.5.9'); ltree is not available on PGlite, so text + text_pattern_ops.
  path                  text NOT NULL DEFAULT '',
  region_code           text REFERENCES region(code),
  park_id               bigint REFERENCES park(id),
  association_id        bigint REFERENCES association(id),
  building              text,                          -- 商务楼宇, free text until a building table exists
  founded_on            date,
  term_years            smallint CHECK (term_years BETWEEN 1 AND 10),
  term_ends_on          date,
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active','dissolved')),
  dissolved_on          date,
  -- Member counts are kept here until the member module exists; then they are derived from it.
  full_members          integer NOT NULL DEFAULT 0 CHECK (full_members >= 0),
  probationary_members  integer NOT NULL DEFAULT 0 CHECK (probationary_members >= 0),
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'active' OR dissolved_on IS NOT NULL)
);
-- Natural key for imports: the same name twice in one region is one organisation.
CREATE UNIQUE INDEX party_org_region_name_key ON party_org (coalesce(region_code, ''), name);
CREATE INDEX party_org_path_idx ON party_org (path text_pattern_ops);
CREATE INDEX party_org_region_idx ON party_org (region_code text_pattern_ops, id);
CREATE INDEX party_org_parent_idx ON party_org (parent_id);
CREATE INDEX party_org_term_idx ON party_org (term_ends_on) WHERE status = 'active';

CREATE TABLE party_org_coverage (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id         bigint NOT NULL REFERENCES party_org(id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise(id),
  mode           text NOT NULL CHECK (mode IN ('standalone','joint','attached','dispatched')),
  since          date NOT NULL,
  until          date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (until IS NULL OR until > since)
);
CREATE INDEX party_org_coverage_enterprise_idx ON party_org_coverage (enterprise_id, since);
CREATE INDEX party_org_coverage_org_idx ON party_org_coverage (org_id, since);

CREATE TABLE org_position (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES party_org(id),
  person_id   bigint NOT NULL REFERENCES person(id),
  position    text NOT NULL CHECK (position IN ('secretary','deputySecretary','committeeMember')),
  since       date NOT NULL,
  until       date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (until IS NULL OR until > since)
);
CREATE INDEX org_position_org_idx ON org_position (org_id, position);
CREATE INDEX org_position_person_idx ON org_position (person_id);
-- Natural key for the positions import.
CREATE UNIQUE INDEX org_position_key ON org_position (org_id, person_id, position, since);

-- Append-only history of an organisation: created, adjusted, reelected, dissolved, coverage and
-- position changes. `at` is the business date; `recorded_at` when it was entered.
CREATE TABLE party_org_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES party_org(id),
  kind         text NOT NULL,
  at           date NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id     bigint,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX party_org_event_org_idx ON party_org_event (org_id, id);

CREATE TABLE union_org (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                   text UNIQUE,
  name                   text NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('standalone','joint','federation')),
  parent_id              bigint REFERENCES union_org(id),
  region_code            text REFERENCES region(code),
  park_id                bigint REFERENCES park(id),
  association_id         bigint REFERENCES association(id),
  founded_on             date,
  term_years             smallint CHECK (term_years BETWEEN 1 AND 10),
  term_ends_on           date,
  members                integer NOT NULL DEFAULT 0 CHECK (members >= 0),
  female_members         integer NOT NULL DEFAULT 0 CHECK (female_members >= 0),
  has_committee          boolean NOT NULL DEFAULT false,   -- 基层工会委员会 (else an organiser)
  organiser_person_id    bigint REFERENCES person(id),     -- 工会组织员 / chair
  has_women_committee    boolean NOT NULL DEFAULT false,
  women_committee_member boolean NOT NULL DEFAULT false,   -- 女职工委员 where there is no committee
  funds_basis            text,                             -- 工会经费 basis as recorded, e.g. 按工资总额2%拨缴
  monthly_payroll        numeric(18,2) CHECK (monthly_payroll >= 0), -- 元; 2% of it is the funds due
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active','dissolved')),
  dissolved_on           date,
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (female_members <= members),
  CHECK (status = 'active' OR dissolved_on IS NOT NULL)
);
CREATE UNIQUE INDEX union_org_region_name_key ON union_org (coalesce(region_code, ''), name);
CREATE INDEX union_org_region_idx ON union_org (region_code text_pattern_ops, id);

CREATE TABLE union_coverage (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id       bigint NOT NULL REFERENCES union_org(id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise(id),
  since          date NOT NULL,
  until          date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (until IS NULL OR until > since)
);
CREATE INDEX union_coverage_enterprise_idx ON union_coverage (enterprise_id, since);
CREATE INDEX union_coverage_union_idx ON union_coverage (union_id, since);

CREATE TABLE union_congress (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id    bigint NOT NULL REFERENCES union_org(id),
  held_on     date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('congress','assembly')),  -- 职代会 / 职工大会
  session     text,                                                   -- e.g. 第二届第三次
  notes       text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX union_congress_union_idx ON union_congress (union_id, held_on);

CREATE TABLE union_contract (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id    bigint NOT NULL REFERENCES union_org(id),
  kind        text NOT NULL CHECK (kind IN ('collective','wage')),
  signed_on   date NOT NULL,
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  filed_on    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on > starts_on)
);
CREATE INDEX union_contract_union_idx ON union_contract (union_id, ends_on);

CREATE TABLE union_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id     bigint NOT NULL REFERENCES union_org(id),
  kind         text NOT NULL,
  at           date NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id     bigint,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX union_event_union_idx ON union_event (union_id, id);

CREATE TABLE instructor (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES person(id),
  kind         text NOT NULL CHECK (kind IN ('instructor','liaison')),
  region_code  text REFERENCES region(code),
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, kind)
);
CREATE INDEX instructor_region_idx ON instructor (region_code text_pattern_ops, id);

CREATE TABLE instructor_assignment (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instructor_id  bigint NOT NULL REFERENCES instructor(id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise(id),
  since          date NOT NULL,
  until          date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (until IS NULL OR until > since)
);
CREATE INDEX instructor_assignment_enterprise_idx ON instructor_assignment (enterprise_id, since);
CREATE INDEX instructor_assignment_instructor_idx ON instructor_assignment (instructor_id, since);

CREATE TABLE visit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instructor_id  bigint NOT NULL REFERENCES instructor(id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise(id),
  assignment_id  bigint REFERENCES instructor_assignment(id),
  visited_on     date NOT NULL,
  notes          text NOT NULL DEFAULT '',
  actor_id       bigint,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_log_enterprise_idx ON visit_log (enterprise_id, visited_on);
CREATE INDEX visit_log_instructor_idx ON visit_log (instructor_id, visited_on);
