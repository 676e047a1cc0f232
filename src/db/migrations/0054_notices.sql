-- Notices (通知公告; issue 17 item 4; docs/notices.md). A district or street office writes a notice to
-- the organisations in its scope; publishing fixes the recipient list, one row per organisation (a
-- party organisation or a union), which keeps that organisation's read receipt and its one reply.
CREATE TABLE notice (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title                  text NOT NULL CONSTRAINT notice_title_check CHECK (length(title) BETWEEN 1 AND 200),
  body                   text NOT NULL CONSTRAINT notice_body_check CHECK (length(body) BETWEEN 1 AND 20000),
  -- The office that sends it: a district or street (its region); the name is what recipients read (区委组织部).
  publisher_region_code  text NOT NULL CONSTRAINT notice_publisher_region_fk REFERENCES region(code),
  publisher_name         text NOT NULL CONSTRAINT notice_publisher_name_check CHECK (length(publisher_name) BETWEEN 1 AND 60),
  deadline               date,
  ask_receipt            boolean NOT NULL DEFAULT false,
  -- The reply form: a small list of typed fields (src/domain/notice.ts validates it before it is stored).
  reply_form             jsonb NOT NULL DEFAULT '[]',
  -- Who it was addressed to, as asked (kinds and a region prefix, or a picked list), kept for the record.
  target                 jsonb NOT NULL,
  state                  text NOT NULL DEFAULT 'draft' CONSTRAINT notice_state_check CHECK (state IN ('draft','published','withdrawn')),
  created_by             bigint CONSTRAINT notice_created_by_fk REFERENCES app_user(id),
  published_at           timestamptz,
  published_by           bigint CONSTRAINT notice_published_by_fk REFERENCES app_user(id),
  withdrawn_at           timestamptz,
  withdrawn_by           bigint CONSTRAINT notice_withdrawn_by_fk REFERENCES app_user(id),
  withdraw_reason        text CONSTRAINT notice_withdraw_reason_check CHECK (withdraw_reason IS NULL OR length(withdraw_reason) BETWEEN 1 AND 200),
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notice_withdrawn_when CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX notice_publisher_idx ON notice (publisher_region_code text_pattern_ops, id);

CREATE TABLE notice_recipient (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notice_id     bigint NOT NULL CONSTRAINT notice_recipient_notice_fk REFERENCES notice(id),
  party_org_id  bigint CONSTRAINT notice_recipient_org_fk REFERENCES party_org(id),
  union_id      bigint CONSTRAINT notice_recipient_union_fk REFERENCES union_org(id),
  -- The organisation's place when the notice was published: progress by street reads it.
  region_code   text,
  read_at       timestamptz,
  read_by       bigint CONSTRAINT notice_recipient_read_by_fk REFERENCES app_user(id),
  reply         jsonb,
  replied_at    timestamptz,
  replied_by    bigint CONSTRAINT notice_recipient_replied_by_fk REFERENCES app_user(id),
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notice_recipient_one_org CHECK ((party_org_id IS NULL) <> (union_id IS NULL)),
  CONSTRAINT notice_recipient_replied_when CHECK ((reply IS NULL) = (replied_at IS NULL))
);
CREATE UNIQUE INDEX notice_recipient_org_key ON notice_recipient (notice_id, party_org_id) WHERE party_org_id IS NOT NULL;
CREATE UNIQUE INDEX notice_recipient_union_key ON notice_recipient (notice_id, union_id) WHERE union_id IS NOT NULL;
CREATE INDEX notice_recipient_org_idx ON notice_recipient (party_org_id) WHERE party_org_id IS NOT NULL;
CREATE INDEX notice_recipient_union_idx ON notice_recipient (union_id) WHERE union_id IS NOT NULL;

-- A notice's files are attachments like a meeting's (docs/attachments.md). The owner kinds are listed in
-- src/domain/attachment.ts; the column is checked by shape, so a module adds a kind without a migration.
ALTER TABLE attachment DROP CONSTRAINT attachment_owner_kind_check;
ALTER TABLE attachment ADD CONSTRAINT attachment_owner_kind_check CHECK (owner_kind ~ '^[a-z][a-z_]{1,31}$');
