-- Union services (issue 16 item 7; docs/unions.md "工会服务"): 困难职工帮扶 files with their payments
-- and yearly reviews, 劳动竞赛, honours on a person (劳模 / 五一劳动奖章 / 工匠 / 技术能手), and the
-- monthly 工会经费 lines (2% of the previous month's payroll, 《工会法》第四十三条). Money in fen (integers).

-- One 帮扶 file per person and union while open (applied or approved); a closed (脱困) or rejected
-- file stays as history. Household facts are kept minimal: size and monthly income per head.
CREATE TABLE union_hardship_file (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id              bigint NOT NULL CONSTRAINT union_hardship_union_fk REFERENCES union_org(id),
  person_id             bigint NOT NULL CONSTRAINT union_hardship_person_fk REFERENCES person(id),
  level                 text NOT NULL CONSTRAINT union_hardship_level_check CHECK (level IN ('deep','relative','accident')),
  reasons               text[] NOT NULL DEFAULT '{}' CONSTRAINT union_hardship_reasons_check CHECK (cardinality(reasons) BETWEEN 1 AND 8),
  reason_note           text CONSTRAINT union_hardship_note_check CHECK (reason_note IS NULL OR length(reason_note) BETWEEN 1 AND 500),
  household_size        smallint CONSTRAINT union_hardship_household_check CHECK (household_size IS NULL OR household_size BETWEEN 1 AND 20),
  income_per_head_fen   bigint CONSTRAINT union_hardship_income_check CHECK (income_per_head_fen IS NULL OR income_per_head_fen BETWEEN 0 AND 100000000),
  status                text NOT NULL DEFAULT 'applied' CONSTRAINT union_hardship_status_check CHECK (status IN ('applied','approved','rejected','closed')),
  applied_on            date NOT NULL,
  approved_on           date,
  last_reviewed_on      date,
  closed_on             date,
  close_reason          text CONSTRAINT union_hardship_close_reason_check CHECK (close_reason IS NULL OR length(close_reason) BETWEEN 1 AND 200),
  version               integer NOT NULL DEFAULT 1,
  created_by            bigint,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT union_hardship_approved_when CHECK ((status IN ('approved','closed')) = (approved_on IS NOT NULL) OR status = 'rejected'),
  CONSTRAINT union_hardship_closed_when CHECK ((status IN ('closed','rejected')) = (closed_on IS NOT NULL))
);
CREATE UNIQUE INDEX union_hardship_open_key ON union_hardship_file (union_id, person_id) WHERE status IN ('applied','approved');
CREATE INDEX union_hardship_union_idx ON union_hardship_file (union_id, id);

CREATE TABLE union_hardship_payment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_id      bigint NOT NULL CONSTRAINT union_hardship_payment_file_fk REFERENCES union_hardship_file(id),
  paid_on      date NOT NULL,
  kind         text NOT NULL CONSTRAINT union_hardship_payment_kind_check CHECK (kind IN ('living','education','medical','festival','other')),
  amount_fen   bigint NOT NULL CONSTRAINT union_hardship_payment_amount_check CHECK (amount_fen BETWEEN 1 AND 100000000),
  note         text CONSTRAINT union_hardship_payment_note_check CHECK (note IS NULL OR length(note) BETWEEN 1 AND 200),
  recorded_by  bigint,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX union_hardship_payment_file_idx ON union_hardship_payment (file_id, paid_on);

-- 复核: each year from approval (or the last review) the union confirms, changes the level or closes.
CREATE TABLE union_hardship_review (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_id      bigint NOT NULL CONSTRAINT union_hardship_review_file_fk REFERENCES union_hardship_file(id),
  reviewed_on  date NOT NULL,
  outcome      text NOT NULL CONSTRAINT union_hardship_review_outcome_check CHECK (outcome IN ('continue','levelChanged','closed')),
  level        text NOT NULL CONSTRAINT union_hardship_review_level_check CHECK (level IN ('deep','relative','accident')),
  note         text CONSTRAINT union_hardship_review_note_check CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
  reviewer_id  bigint,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX union_hardship_review_file_idx ON union_hardship_review (file_id, reviewed_on);

-- 劳动竞赛 organised by a union.
CREATE TABLE union_competition (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id      bigint NOT NULL CONSTRAINT union_competition_union_fk REFERENCES union_org(id),
  name          text NOT NULL CONSTRAINT union_competition_name_check CHECK (length(name) BETWEEN 1 AND 100),
  starts_on     date NOT NULL,
  ends_on       date NOT NULL,
  participants  integer NOT NULL DEFAULT 0 CONSTRAINT union_competition_participants_check CHECK (participants BETWEEN 0 AND 1000000),
  recorded_by   bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT union_competition_dates_check CHECK (ends_on >= starts_on)
);
CREATE INDEX union_competition_union_idx ON union_competition (union_id, starts_on);

-- A person's honour (劳动模范, 五一劳动奖章, 工匠, 技术能手), recorded by a union; shown on the
-- person's history (union membership and Party membership events, as recognition does).
CREATE TABLE person_honour (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id       bigint NOT NULL CONSTRAINT person_honour_person_fk REFERENCES person(id),
  union_id        bigint NOT NULL CONSTRAINT person_honour_union_fk REFERENCES union_org(id),
  kind            text NOT NULL CONSTRAINT person_honour_kind_check CHECK (kind IN ('modelWorker','mayDayMedal','craftsman','techExpert')),
  level           text NOT NULL CONSTRAINT person_honour_level_check CHECK (level IN ('national','province','city','district')),
  year            smallint NOT NULL CONSTRAINT person_honour_year_check CHECK (year BETWEEN 1950 AND 2100),
  awarded_by      text NOT NULL CONSTRAINT person_honour_awarded_by_check CHECK (length(awarded_by) BETWEEN 1 AND 100),
  competition_id  bigint CONSTRAINT person_honour_competition_fk REFERENCES union_competition(id),
  recorded_by     bigint,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX person_honour_key ON person_honour (person_id, kind, level, year);
CREATE INDEX person_honour_union_idx ON person_honour (union_id);

-- 工会经费: one line per union and month. `payroll_fen` is the previous month's total payroll (the
-- union's monthly_payroll unless the month records its own), `due_fen` 2% of it, due by `due_on`.
CREATE TABLE union_funds_month (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id       bigint NOT NULL CONSTRAINT union_funds_union_fk REFERENCES union_org(id),
  month          date NOT NULL CONSTRAINT union_funds_month_check CHECK (extract(day FROM month) = 1),
  payroll_fen    bigint NOT NULL CONSTRAINT union_funds_payroll_check CHECK (payroll_fen BETWEEN 0 AND 100000000000000),
  payroll_own    boolean NOT NULL DEFAULT false,
  due_fen        bigint NOT NULL CONSTRAINT union_funds_due_check CHECK (due_fen >= 0),
  due_on         date NOT NULL,
  paid_fen       bigint NOT NULL DEFAULT 0 CONSTRAINT union_funds_paid_check CHECK (paid_fen BETWEEN 0 AND 100000000000000),
  paid_on        date,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT union_funds_paid_when CHECK ((paid_fen = 0) = (paid_on IS NULL))
);
CREATE UNIQUE INDEX union_funds_month_key ON union_funds_month (union_id, month);
CREATE INDEX union_funds_month_idx ON union_funds_month (month, union_id);
