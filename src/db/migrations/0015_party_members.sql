-- Party members (issue 14): the real-name roster. A member is a person (0005: ID number encrypted,
-- blind index) with one membership: the organisation that holds their 组织关系, their category
-- (full / probationary), dates and status. A member is never in two organisations or in none:
-- one membership row per person (UNIQUE person_id), org_id NOT NULL; during a transfer the sender
-- keeps the member until the receiver accepts (docs/members.md).

ALTER TABLE person ADD COLUMN ethnicity text CHECK (ethnicity IS NULL OR length(ethnicity) BETWEEN 1 AND 20);
ALTER TABLE person ADD COLUMN education text CHECK (education IS NULL OR length(education) BETWEEN 1 AND 30);

CREATE TABLE party_member (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      bigint NOT NULL UNIQUE REFERENCES person(id),
  org_id         bigint NOT NULL REFERENCES party_org(id),     -- holds the 组织关系
  category       text NOT NULL CHECK (category IN ('full','probationary')),
  joined_on      date,                                         -- 入党日期 (支部大会 admitting as probationary)
  confirmed_on   date,                                         -- 转正日期
  status         text NOT NULL DEFAULT 'normal'
                 CHECK (status IN ('normal','mobile','lostContact','suspended','left')),
  status_since   date,
  left_reason    text CHECK (left_reason IS NULL OR left_reason IN ('death','expelled','withdrawn','selfLapsed','removed','other')),
  enterprise_id  bigint REFERENCES enterprise(id),             -- 工作单位 when it is a ledger enterprise
  employer_name  text,                                         -- 工作单位 as written, when not in the ledger
  post           text,                                         -- 工作岗位
  source         text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import','declaration','transfer')),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (category = 'full' OR confirmed_on IS NULL),
  CHECK (confirmed_on IS NULL OR joined_on IS NULL OR confirmed_on > joined_on),
  CHECK ((status = 'left') = (left_reason IS NOT NULL))
);
CREATE INDEX party_member_org_idx ON party_member (org_id, status);
CREATE INDEX party_member_enterprise_idx ON party_member (enterprise_id, status) WHERE enterprise_id IS NOT NULL;

-- Append-only history of a membership: admitted, confirmed, moved, status changes, edits.
-- `at` is the business date; `recorded_at` when it was entered.
CREATE TABLE party_member_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id    bigint NOT NULL REFERENCES party_member(id),
  kind         text NOT NULL,
  at           date NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id     bigint,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX party_member_event_member_idx ON party_member_event (member_id, id);

-- An organisation keeps its roster here from this date: its member counts are then derived from
-- party_member; before (NULL) the typed full_members / probationary_members stand, marked as typed.
ALTER TABLE party_org ADD COLUMN roster_since date;
