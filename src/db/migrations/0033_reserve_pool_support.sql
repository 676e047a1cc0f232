-- The reserve talent pool (党务工作后备人才库, issue 15 item 4) and the support ledger (item 7);
-- docs/reserve-pool.md and docs/support.md.
--
-- A pool entry is a person recommended for Party work: skills, availability, who recommended them
-- and when. It is seen and managed by its place — region_code (the person's region, or the
-- recommending organisation's) or the recommending organisation org_id (src/core/access/training-scope.ts
-- "organised" predicates). Placements are its history: where the person was placed, as what, when.
CREATE TABLE reserve_talent (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id       bigint NOT NULL CONSTRAINT reserve_talent_person_fk REFERENCES person(id),
  region_code     text CONSTRAINT reserve_talent_region_fk REFERENCES region(code),
  org_id          bigint CONSTRAINT reserve_talent_org_fk REFERENCES party_org(id),
  recommender     text NOT NULL CONSTRAINT reserve_talent_recommender_check CHECK (length(recommender) BETWEEN 1 AND 100),
  recommended_on  date NOT NULL,
  skills          text NOT NULL CONSTRAINT reserve_talent_skills_check CHECK (length(skills) BETWEEN 1 AND 500),
  availability    text NOT NULL CONSTRAINT reserve_talent_availability_check CHECK (availability IN ('fullTime','partTime','unavailable')),
  status          text NOT NULL DEFAULT 'active' CONSTRAINT reserve_talent_status_check CHECK (status IN ('active','placed','withdrawn')),
  note            text CONSTRAINT reserve_talent_note_check CHECK (note IS NULL OR length(note) <= 500),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reserve_talent_place_check CHECK (region_code IS NOT NULL OR org_id IS NOT NULL)
);
-- One live entry per person: re-recommending a person edits their entry.
CREATE UNIQUE INDEX reserve_talent_person_uq ON reserve_talent (person_id) WHERE status <> 'withdrawn';

CREATE TABLE reserve_placement (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  talent_id   bigint NOT NULL CONSTRAINT reserve_placement_talent_fk REFERENCES reserve_talent(id),
  org_id      bigint NOT NULL CONSTRAINT reserve_placement_org_fk REFERENCES party_org(id),
  position    text NOT NULL CONSTRAINT reserve_placement_position_check CHECK (position IN ('secretary','deputySecretary','committeeMember')),
  placed_on   date NOT NULL,
  note        text CONSTRAINT reserve_placement_note_check CHECK (note IS NULL OR length(note) <= 500),
  recorded_by bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reserve_placement_talent_idx ON reserve_placement (talent_id, placed_on);

-- Support given to an organisation: 党建经费 (amounts in fen), activity sites (阵地), and the
-- management expense an enterprise reports for a year (payroll and amount, fen). The 党费 returned
-- are computed from the dues ledger, not stored.
CREATE TABLE support_funding (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL CONSTRAINT support_funding_org_fk REFERENCES party_org(id),
  given_on    date NOT NULL,
  amount_fen  bigint NOT NULL CONSTRAINT support_funding_amount_check CHECK (amount_fen BETWEEN 1 AND 100000000000),
  source      text NOT NULL CONSTRAINT support_funding_source_check CHECK (length(source) BETWEEN 1 AND 100),
  purpose     text NOT NULL CONSTRAINT support_funding_purpose_check CHECK (length(purpose) BETWEEN 1 AND 200),
  recorded_by bigint,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_funding_org_idx ON support_funding (org_id, given_on);

CREATE TABLE activity_site (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL CONSTRAINT activity_site_org_fk REFERENCES party_org(id),
  address     text NOT NULL CONSTRAINT activity_site_address_check CHECK (length(address) BETWEEN 1 AND 200),
  area_m2     integer NOT NULL CONSTRAINT activity_site_area_check CHECK (area_m2 BETWEEN 1 AND 100000),
  shared      boolean NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_site_org_idx ON activity_site (org_id);

CREATE TABLE management_expense (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL CONSTRAINT management_expense_org_fk REFERENCES party_org(id),
  year        integer NOT NULL CONSTRAINT management_expense_year_check CHECK (year BETWEEN 2014 AND 2100),
  payroll_fen bigint NOT NULL CONSTRAINT management_expense_payroll_check CHECK (payroll_fen BETWEEN 0 AND 100000000000000),
  amount_fen  bigint NOT NULL CONSTRAINT management_expense_amount_check CHECK (amount_fen BETWEEN 0 AND 100000000000000),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT management_expense_year_uq UNIQUE (org_id, year)
);
