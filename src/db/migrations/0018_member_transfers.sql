-- Transfers of 组织关系, 亮身份 declarations and member accounts (issue 14; docs/member-transfers.md).

-- A transfer moves one membership from one organisation to another. Within the system both ends
-- are organisations; to or from outside, one end is a name and the paper letter's number and the
-- 回执 date are recorded. The member stays in the sender's roster (party_member.org_id) until the
-- receiver accepts: only acceptance moves org_id, in the same transaction.
CREATE TABLE member_transfer (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id       bigint NOT NULL REFERENCES party_member(id),
  direction       text NOT NULL CHECK (direction IN ('internal','outgoing','incoming')),
  from_org_id     bigint REFERENCES party_org(id),
  to_org_id       bigint REFERENCES party_org(id),
  outside_org     text CHECK (outside_org IS NULL OR length(outside_org) BETWEEN 2 AND 200),
  letter_year     integer,
  letter_seq      integer,
  paper_letter_no text CHECK (paper_letter_no IS NULL OR length(paper_letter_no) BETWEEN 1 AND 60),
  issued_on       date NOT NULL,
  valid_until     date,
  status          text NOT NULL CHECK (status IN ('issued','accepted','returned','revoked','expired')),
  decided_on      date,
  reason          text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  receipt_on      date,
  batch_id        bigint,
  note            text CHECK (note IS NULL OR length(note) <= 500),
  created_by      bigint,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (direction <> 'internal' OR (from_org_id IS NOT NULL AND to_org_id IS NOT NULL AND from_org_id <> to_org_id AND outside_org IS NULL)),
  CHECK (direction <> 'outgoing' OR (from_org_id IS NOT NULL AND to_org_id IS NULL AND outside_org IS NOT NULL)),
  CHECK (direction <> 'incoming' OR (to_org_id IS NOT NULL AND from_org_id IS NULL AND outside_org IS NOT NULL)),
  CHECK ((letter_year IS NULL) = (letter_seq IS NULL)),
  CHECK (valid_until IS NULL OR valid_until >= issued_on),
  CHECK ((status IN ('returned','revoked')) = (reason IS NOT NULL))
);
-- One open transfer per member; letter numbers per sending organisation and year.
CREATE UNIQUE INDEX member_transfer_open_uq ON member_transfer (member_id) WHERE status = 'issued';
CREATE UNIQUE INDEX member_transfer_letter_uq ON member_transfer (from_org_id, letter_year, letter_seq) WHERE letter_seq IS NOT NULL;
CREATE INDEX member_transfer_from_idx ON member_transfer (from_org_id, status);
CREATE INDEX member_transfer_to_idx ON member_transfer (to_org_id, status);
CREATE INDEX member_transfer_member_idx ON member_transfer (member_id, id);

-- A member's relationship that left the system (a transfer out whose 回执 came back) is closed
-- with this reason; the member leaves the roster like any closed membership.
ALTER TABLE party_member DROP CONSTRAINT IF EXISTS party_member_left_reason_check;
ALTER TABLE party_member ADD CONSTRAINT party_member_left_reason_check
  CHECK (left_reason IS NULL OR left_reason IN ('death','expelled','withdrawn','selfLapsed','removed','other','transferredOut'));

-- 流动党员: the 流动党员活动证 and the organisation where the member takes part (no vote there).
ALTER TABLE party_member ADD COLUMN mobile_card_no text CHECK (mobile_card_no IS NULL OR length(mobile_card_no) BETWEEN 1 AND 60);
ALTER TABLE party_member ADD COLUMN mobile_org_id bigint REFERENCES party_org(id);
ALTER TABLE party_member ADD COLUMN mobile_org_name text CHECK (mobile_org_name IS NULL OR length(mobile_org_name) BETWEEN 2 AND 200);
ALTER TABLE party_member ADD COLUMN mobile_place text CHECK (mobile_place IS NULL OR length(mobile_place) BETWEEN 1 AND 200);

-- 亮身份: a member working in a non-public enterprise declares themself; the street of the
-- enterprise confirms (person and membership linked or created) or rejects with a reason.
CREATE TABLE member_declaration (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  id_number_enc     text NOT NULL,
  id_number_index   text NOT NULL,
  phone_enc         text,
  enterprise_id     bigint NOT NULL REFERENCES enterprise(id),
  post              text CHECK (post IS NULL OR length(post) <= 100),
  named_org         text NOT NULL CHECK (length(named_org) BETWEEN 2 AND 200),
  category          text NOT NULL CHECK (category IN ('full','probationary')),
  joined_on         date,
  channel           text NOT NULL CHECK (channel IN ('self','official')),
  declared_by       bigint,
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','rejected')),
  reason            text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  org_id            bigint REFERENCES party_org(id),
  member_id         bigint REFERENCES party_member(id),
  decided_by        bigint,
  decided_at        timestamptz,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'rejected') = (reason IS NOT NULL))
);
-- One pending declaration per person (by the ID number's blind index).
CREATE UNIQUE INDEX member_declaration_pending_uq ON member_declaration (id_number_index) WHERE status = 'pending';
CREATE INDEX member_declaration_enterprise_idx ON member_declaration (enterprise_id, status);
CREATE INDEX member_declaration_declarer_idx ON member_declaration (declared_by, id);

-- A sign-in account of a member: linked to their person by an administrator (self-service).
ALTER TABLE app_user ADD COLUMN person_id bigint UNIQUE REFERENCES person(id);
