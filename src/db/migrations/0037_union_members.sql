-- Real-name union members (issue 16 item 1). One person record (person) for everyone: a party
-- member who joins the union is the same person. A person holds at most one live membership
-- (active or retained) — a transfer ends the old one ('transferred') and opens a new one.
--   active      会员
--   retained    保留会籍 (e.g. retired, unemployed): counted apart, no vote (2016 选举条例)
--   transferred 转出 (the membership went to another union)
--   left        退会 / 除名
-- Dispatched workers (劳务派遣): `dispatched` with the 派遣单位 in `dispatch_employer_name`; where they
-- join (the placing enterprise's union or the dispatching agency's) is a setting (docs/unions.md).
CREATE TABLE union_member (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id               bigint NOT NULL REFERENCES person(id),
  union_id                bigint NOT NULL REFERENCES union_org(id),
  joined_on               date,
  card_number             text CHECK (card_number IS NULL OR length(card_number) BETWEEN 1 AND 40),
  status                  text NOT NULL DEFAULT 'active' CHECK (status IN ('active','retained','transferred','left')),
  status_since            date,
  enterprise_id           bigint REFERENCES enterprise(id),   -- 工作单位 when it is a ledger enterprise
  employer_name           text,                               -- 工作单位 as written, when not in the ledger
  dispatched              boolean NOT NULL DEFAULT false,     -- 劳务派遣工
  dispatch_employer_name  text,                               -- 派遣单位
  source                  text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import','application')),
  version                 integer NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (dispatched OR dispatch_employer_name IS NULL)
);
CREATE UNIQUE INDEX union_member_person_live_key ON union_member (person_id) WHERE status IN ('active','retained');
CREATE UNIQUE INDEX union_member_card_key ON union_member (union_id, card_number) WHERE card_number IS NOT NULL AND status IN ('active','retained');
CREATE INDEX union_member_union_idx ON union_member (union_id, status);
CREATE INDEX union_member_enterprise_idx ON union_member (enterprise_id, status) WHERE enterprise_id IS NOT NULL;

-- Append-only history of a membership (joined, edited, retained, transferred, left).
CREATE TABLE union_member_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id    bigint NOT NULL REFERENCES union_member(id),
  kind         text NOT NULL,
  at           date NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id     bigint,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX union_member_event_member_idx ON union_member_event (member_id, id);

-- A union keeps its roster here from this date: its member counts are then derived from
-- union_member (names); before (NULL) the typed members / female_members stand, marked as typed.
ALTER TABLE union_org ADD COLUMN roster_since date;
