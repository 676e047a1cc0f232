-- Party dues (党费, issue 14 item 5; docs/dues.md). Months are text 'YYYY-MM' (they compare as
-- text); money is integer fen (分). A ledger row belongs to the organisation that held the
-- member's 组织关系 in that month: after a transfer the earlier months stay with the old one.

-- The basis a member's dues are computed from, in force from a month until the next version.
CREATE TABLE dues_basis (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id   bigint NOT NULL REFERENCES party_member(id),
  from_month  text NOT NULL CHECK (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  category    text NOT NULL CHECK (category IN ('employed','retired','farmer','student','unemployed','relief','subsistence')),
  base_fen    bigint CHECK (base_fen IS NULL OR base_fen BETWEEN 0 AND 100000000000),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, from_month),
  CHECK ((category IN ('employed','retired')) = (base_fen IS NOT NULL))
);

-- 少交或免交 for hardship (0 = exempt): counts only once approved by the higher 党委 (批准文号).
CREATE TABLE dues_reduction (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id     bigint NOT NULL REFERENCES party_member(id),
  from_month    text NOT NULL CHECK (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  to_month      text CHECK (to_month IS NULL OR to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount_fen    integer NOT NULL CHECK (amount_fen >= 0),
  approved_on   date,
  approval_ref  text CHECK (approval_ref IS NULL OR length(approval_ref) BETWEEN 1 AND 100),
  created_by    bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (to_month IS NULL OR to_month >= from_month),
  CHECK ((approved_on IS NULL) = (approval_ref IS NULL))
);
CREATE INDEX dues_reduction_member_idx ON dues_reduction (member_id, from_month);

-- A month of an organisation's ledger: open (recomputed on demand) or closed (amounts frozen).
CREATE TABLE dues_month (
  org_id       bigint NOT NULL REFERENCES party_org(id),
  month        text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  computed_at  timestamptz NOT NULL DEFAULT now(),
  closed_at    timestamptz,
  version      integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, month),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

-- One row per member per month: what is due (by which rule and bracket) and what was paid.
CREATE TABLE dues_ledger (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id     bigint NOT NULL REFERENCES party_member(id),
  month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  org_id        bigint NOT NULL REFERENCES party_org(id),
  category      text NOT NULL,
  base_fen      bigint,
  standard_fen  integer NOT NULL CHECK (standard_fen >= 0),
  due_fen       integer NOT NULL CHECK (due_fen >= 0),
  rule_id       text NOT NULL,
  bracket       text NOT NULL,
  paid_fen      integer NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  paid_on       date,
  method        text CHECK (method IS NULL OR method IN ('hand','import')),
  version       integer NOT NULL DEFAULT 1,
  computed_at   timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, month),
  CHECK (due_fen <= standard_fen),
  CHECK ((paid_fen = 0) = (paid_on IS NULL)),
  CHECK ((paid_fen = 0) = (method IS NULL))
);
CREATE INDEX dues_ledger_org_month_idx ON dues_ledger (org_id, month, id);

-- A payment file as imported (dry runs are not kept).
CREATE TABLE dues_import_batch (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  file_sha256  text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  rows_total   integer NOT NULL CHECK (rows_total >= 0),
  rows_applied integer NOT NULL CHECK (rows_applied >= 0),
  created_by   bigint,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Every payment as recorded; the ledger row carries the sum. An imported payment is keyed by its
-- day and amount, so importing the same file again changes nothing.
CREATE TABLE dues_payment (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ledger_id   bigint NOT NULL REFERENCES dues_ledger(id),
  amount_fen  integer NOT NULL CHECK (amount_fen > 0),
  paid_on     date NOT NULL,
  method      text NOT NULL CHECK (method IN ('hand','import')),
  batch_id    bigint REFERENCES dues_import_batch(id),
  note        text CHECK (note IS NULL OR length(note) <= 200),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((method = 'import') = (batch_id IS NOT NULL))
);
CREATE INDEX dues_payment_ledger_idx ON dues_payment (ledger_id, id);
CREATE UNIQUE INDEX dues_payment_import_uq ON dues_payment (ledger_id, paid_on, amount_fen) WHERE method = 'import';
