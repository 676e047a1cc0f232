-- Joining a union from a phone (亮牌子, issue 16 item 2; docs/unions.md "扫码入会（亮牌子）").
--
-- union_join_link: the union's public page. The token is 24 random bytes from the server (never
-- derived from the id), so a page cannot be guessed; regenerating it retires the printed posters.
-- What the page shows beyond the name is the union's choice: the chair's (工会组织员) name only when
-- show_chair, and the office phone typed here. Members' personal data is never on the page.
CREATE TABLE union_join_link (
  union_id      bigint PRIMARY KEY REFERENCES union_org(id),
  token         text NOT NULL CHECK (token ~ '^[A-Za-z0-9_-]{32}$'),
  show_chair    boolean NOT NULL DEFAULT false,
  office_phone  text CHECK (office_phone IS NULL OR length(office_phone) BETWEEN 5 AND 30),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX union_join_link_token_key ON union_join_link (token);

-- An application from the public page. ID and phone numbers are sealed exactly as in `person`
-- (SM4 + HMAC-SM3, key id) with the same blind indexes, so duplicates and existing people are
-- found without decrypting. union_id is the queue it sits in now: a referral moves it.
--   pending   待审核
--   accepted  已接收 (person_id, member_id set)
--   rejected  未接收 (decision_reason)
--   merged    转介时目标工会已有同一人的待审核申请，本条并入
CREATE TABLE union_application (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id          bigint NOT NULL REFERENCES union_org(id),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender            text CHECK (gender IN ('male','female')),
  id_number_enc     text NOT NULL,
  id_number_index   text NOT NULL,
  phone_enc         text NOT NULL,
  phone_index       text NOT NULL,
  key_id            text NOT NULL,
  employer_name     text NOT NULL CHECK (length(employer_name) BETWEEN 1 AND 100),
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','rejected','merged')),
  referred_from_union_id bigint REFERENCES union_org(id),
  referral_note     text CHECK (referral_note IS NULL OR length(referral_note) <= 200),
  decision_reason   text CHECK (decision_reason IS NULL OR length(decision_reason) <= 200),
  decided_at        timestamptz,
  decided_by        bigint REFERENCES app_user(id),
  person_id         bigint REFERENCES person(id),
  member_id         bigint REFERENCES union_member(id),
  submitted_at      timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  CHECK (status <> 'accepted' OR (person_id IS NOT NULL AND member_id IS NOT NULL))
);
-- One pending application per person and union: a second submission answers "已提交" instead.
CREATE UNIQUE INDEX union_application_pending_key ON union_application (union_id, id_number_index) WHERE status = 'pending';
CREATE INDEX union_application_queue_idx ON union_application (union_id, status, id);
CREATE INDEX union_application_id_number_idx ON union_application (id_number_index);

-- What happened to an application (submitted, referred, accepted, rejected, merged): the referral
-- trail the officer sees; no personal data.
CREATE TABLE union_application_event (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES union_application(id),
  kind            text NOT NULL CHECK (kind IN ('submitted','referred','accepted','rejected','merged')),
  union_id        bigint NOT NULL REFERENCES union_org(id),
  to_union_id     bigint REFERENCES union_org(id),
  note            text,
  actor_id        bigint REFERENCES app_user(id),
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX union_application_event_app_idx ON union_application_event (application_id, id);

-- Fixed-window counters of the public form, shared by every server process: one row per bucket and
-- window, bumped by INSERT … ON CONFLICT DO UPDATE (atomic under READ COMMITTED). Buckets are
-- 'ip:' + HMAC of the address and 'id:' + the ID number's blind index — never the clear values.
CREATE TABLE union_join_throttle (
  bucket        text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX union_join_throttle_window_idx ON union_join_throttle (window_start);
