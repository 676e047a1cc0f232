-- Union committees, elections and the 职代会 / 职工大会 (issue 16 items 3 and 4; docs/unions.md
-- "委员会与换届选举" and "职工代表大会").
--
-- An election (换届选举) elects a committee for a term of 3 or 5 years (《工会法》第十六条); the union's
-- term_years / term_ends_on follow its latest election. A seat is one person's place on the committee
-- in one role from `since` until `until` (NULL = still sitting); a new election ends every seat still
-- open on its day. Each seat carries the person's declaration whether they are a close relative of
-- the enterprise's principal manager (《工会法》第十条): a new seat declared so is refused by the service.
CREATE TABLE union_election (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id       bigint NOT NULL REFERENCES union_org(id),
  held_on        date NOT NULL,
  term_years     smallint NOT NULL CONSTRAINT union_election_term_years_check CHECK (term_years IN (3, 5)),
  term_ends_on   date NOT NULL,
  -- 会员大会 (all members) or 会员代表大会 (delegates)
  method         text NOT NULL DEFAULT 'members' CONSTRAINT union_election_method_check CHECK (method IN ('members', 'delegates')),
  notes          text CONSTRAINT union_election_notes_check CHECK (notes IS NULL OR length(notes) <= 2000),
  actor_id       bigint,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT union_election_term_check CHECK (term_ends_on > held_on)
);
CREATE UNIQUE INDEX union_election_day_key ON union_election (union_id, held_on);

CREATE TABLE union_committee_seat (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id                bigint NOT NULL REFERENCES union_org(id),
  election_id             bigint REFERENCES union_election(id),   -- NULL: 补选 / appointed between elections
  person_id               bigint NOT NULL REFERENCES person(id),
  role                    text NOT NULL CONSTRAINT union_committee_seat_role_check
                            CHECK (role IN ('chair', 'viceChair', 'member', 'womenMember', 'fundsAuditor')),
  full_time               boolean NOT NULL DEFAULT false,          -- 专职 (else 兼职)
  close_relative          boolean NOT NULL DEFAULT false,          -- declared: 企业主要负责人的近亲属
  declared_on             date NOT NULL,
  since                   date NOT NULL,
  until                   date,
  end_reason              text CONSTRAINT union_committee_seat_end_reason_check CHECK (end_reason IS NULL OR length(end_reason) <= 500),
  version                 integer NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT union_committee_seat_until_check CHECK (until IS NULL OR until >= since)
);
-- One open seat per person and union; one open 主席.
CREATE UNIQUE INDEX union_committee_seat_person_key ON union_committee_seat (union_id, person_id) WHERE until IS NULL;
CREATE UNIQUE INDEX union_committee_seat_chair_key ON union_committee_seat (union_id) WHERE until IS NULL AND role = 'chair';
CREATE INDEX union_committee_seat_union_idx ON union_committee_seat (union_id, since);

-- A session of the 职代会 / 职工大会: who should be there (representatives: 代表 of a 职代会, or all
-- employees of a 职工大会), of them 中层以上管理人员, who came, and the matters it took up
-- (劳动合同法第四条 codes, docs/unions.md).
ALTER TABLE union_congress
  ADD COLUMN employees integer CONSTRAINT union_congress_employees_check CHECK (employees IS NULL OR employees BETWEEN 0 AND 10000000),
  ADD COLUMN representatives integer CONSTRAINT union_congress_representatives_check CHECK (representatives IS NULL OR representatives BETWEEN 1 AND 10000000),
  ADD COLUMN managers integer CONSTRAINT union_congress_managers_check CHECK (managers IS NULL OR managers >= 0),
  ADD COLUMN present integer CONSTRAINT union_congress_present_check CHECK (present IS NULL OR present >= 0),
  ADD COLUMN matters jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT union_congress_present_over_check CHECK (present IS NULL OR representatives IS NULL OR present <= representatives),
  ADD CONSTRAINT union_congress_managers_over_check CHECK (managers IS NULL OR representatives IS NULL OR managers <= representatives);

-- A resolution put to the vote at a session; whether it passed is computed (more than half of ALL
-- representatives, with a quorum of two thirds present), never stored.
CREATE TABLE union_congress_resolution (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  congress_id    bigint NOT NULL REFERENCES union_congress(id),
  title          text NOT NULL CONSTRAINT union_congress_resolution_title_check CHECK (length(title) BETWEEN 1 AND 200),
  matter         text,
  votes_for      integer NOT NULL CONSTRAINT union_congress_resolution_votes_for_check CHECK (votes_for >= 0),
  votes_against  integer NOT NULL DEFAULT 0 CONSTRAINT union_congress_resolution_votes_against_check CHECK (votes_against >= 0),
  votes_abstain  integer NOT NULL DEFAULT 0 CONSTRAINT union_congress_resolution_votes_abstain_check CHECK (votes_abstain >= 0),
  actor_id       bigint,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX union_congress_resolution_congress_idx ON union_congress_resolution (congress_id, id);
