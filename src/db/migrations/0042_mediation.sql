-- Labour dispute mediation (issue 16 item 6; docs/unions.md "劳动争议调解"; domain-rules §6.5).
-- A mediation body is an enterprise's 劳动争议调解委员会 (kind 'enterprise', its place is the
-- enterprise's) or a township/street body with mediation functions (kind 'street', its place is
-- region_code). 《劳动争议调解仲裁法》第十条.
CREATE TABLE mediation_body (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('enterprise','street')),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  enterprise_id bigint REFERENCES enterprise(id),
  union_id      bigint REFERENCES union_org(id),
  region_code   text CHECK (region_code IS NULL OR region_code ~ '^[0-9]{12}$'),
  founded_on    date,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active','dissolved')),
  dissolved_on  date,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT mediation_body_place_check CHECK (
    (kind = 'enterprise' AND enterprise_id IS NOT NULL AND region_code IS NULL)
    OR (kind = 'street' AND enterprise_id IS NULL AND region_code IS NOT NULL)),
  CHECK ((status = 'dissolved') = (dissolved_on IS NOT NULL))
);
-- One live committee per enterprise; street bodies by name within their street.
CREATE UNIQUE INDEX mediation_body_enterprise_key ON mediation_body (enterprise_id) WHERE kind = 'enterprise' AND status = 'active';
CREATE UNIQUE INDEX mediation_body_street_name_key ON mediation_body (region_code, name) WHERE kind = 'street' AND status = 'active';
CREATE INDEX mediation_body_region_idx ON mediation_body (region_code text_pattern_ops);

-- Members of an enterprise committee: employee representatives (union members, or chosen by all
-- employees) and employer representatives (named by the principal); the chair is a union member or
-- agreed by both sides. Half-open [since, until).
CREATE TABLE mediation_body_member (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id     bigint NOT NULL REFERENCES mediation_body(id),
  person_id   bigint NOT NULL REFERENCES person(id),
  side        text NOT NULL CHECK (side IN ('employee','employer')),
  basis       text NOT NULL CHECK (basis IN ('unionMember','elected','appointed')),
  chair       boolean NOT NULL DEFAULT false,
  chair_basis text CHECK (chair_basis IS NULL OR chair_basis IN ('unionMember','agreed')),
  since       date NOT NULL,
  until       date,
  CHECK (until IS NULL OR until > since),
  CHECK (chair = (chair_basis IS NOT NULL)),
  CHECK ((side = 'employee') = (basis IN ('unionMember','elected')))
);
CREATE UNIQUE INDEX mediation_body_member_chair_key ON mediation_body_member (body_id) WHERE chair AND until IS NULL;
CREATE INDEX mediation_body_member_body_idx ON mediation_body_member (body_id);

-- A case. due_on is the last day of the mediation period fixed at receipt by the rule in force that
-- day (15 days from 2008-05-01, 30 before: src/domain/rules/mediation.ts); closed_on is the day of
-- the outcome. Amounts are integer fen.
CREATE TABLE mediation_case (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id                bigint NOT NULL REFERENCES mediation_body(id),
  received_on            date NOT NULL,
  due_on                 date NOT NULL,
  employer_enterprise_id bigint REFERENCES enterprise(id),
  employer_name          text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 200),
  collective             boolean NOT NULL DEFAULT false,
  category               text NOT NULL CHECK (category IN ('relationship','contract','dismissal','conditions','pay','other')),
  claim                  text NOT NULL CHECK (length(claim) BETWEEN 1 AND 2000),
  claimed_fen            bigint NOT NULL DEFAULT 0 CHECK (claimed_fen >= 0),
  agreed_fen             bigint CHECK (agreed_fen IS NULL OR agreed_fen >= 0),
  known_on               date,
  status                 text NOT NULL DEFAULT 'accepted' CHECK (status IN ('accepted','mediating','agreed','failed','withdrawn')),
  closed_on              date,
  agreement_text         text CHECK (agreement_text IS NULL OR length(agreement_text) <= 4000),
  outcome_note           text CHECK (outcome_note IS NULL OR length(outcome_note) <= 2000),
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (due_on > received_on),
  CHECK (known_on IS NULL OR known_on <= received_on),
  CONSTRAINT mediation_case_closed_check CHECK ((status IN ('agreed','failed','withdrawn')) = (closed_on IS NOT NULL)),
  CONSTRAINT mediation_case_closed_after_check CHECK (closed_on IS NULL OR closed_on >= received_on),
  CONSTRAINT mediation_case_agreed_check CHECK (status <> 'agreed' OR agreed_fen IS NOT NULL)
);
CREATE INDEX mediation_case_body_idx ON mediation_case (body_id, received_on);
CREATE INDEX mediation_case_employer_idx ON mediation_case (employer_enterprise_id) WHERE employer_enterprise_id IS NOT NULL;
CREATE INDEX mediation_case_open_idx ON mediation_case (due_on) WHERE closed_on IS NULL;

-- Applicants (workers) and, for a collective case (≥10 workers with a common claim, 第七条), the
-- representatives they elected. People live in person (encrypted ID and phone numbers).
CREATE TABLE mediation_case_party (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id   bigint NOT NULL REFERENCES mediation_case(id),
  person_id bigint NOT NULL REFERENCES person(id),
  role      text NOT NULL CHECK (role IN ('applicant','representative')),
  ordinal   integer NOT NULL
);
CREATE UNIQUE INDEX mediation_case_party_key ON mediation_case_party (case_id, person_id, role);

-- Append-only timeline of a case (received, started, edited, agreed, failed, withdrawn, document).
CREATE TABLE mediation_case_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES mediation_case(id),
  kind        text NOT NULL,
  at          date NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id    bigint,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediation_case_event_case_idx ON mediation_case_event (case_id, id);
