-- Corrections of ledger facts by hand (source 'manual') or from a survey answer an officer accepted
-- (source 'survey'); issue 17 item 5, docs/surveys.md.
--
-- Facts the registration file never carries: the enterprise's contact (联系人, 联系电话 — the phone is
-- personal data, sealed like person.phone_enc: SM4 under key_id, never in clear) and whether the
-- enterprise reports a union of its own (企业自报是否建立工会; the union records stay the union module's).
ALTER TABLE enterprise
  ADD COLUMN contact_name       text CONSTRAINT enterprise_contact_name_check CHECK (contact_name IS NULL OR length(contact_name) BETWEEN 1 AND 50),
  ADD COLUMN contact_phone_enc  text,
  ADD COLUMN contact_key_id     text,
  ADD COLUMN union_reported     boolean,
  ADD CONSTRAINT enterprise_contact_phone_key_check CHECK ((contact_phone_enc IS NULL) = (contact_key_id IS NULL));

-- What changed the enterprise and why: 'import' rows keep import_id; 'manual' and 'survey' rows name
-- the officer (actor_id) and, for a hand correction, the reason they gave.
ALTER TABLE enterprise_change
  ADD COLUMN source text CONSTRAINT enterprise_change_source_check CHECK (source IS NULL OR source IN ('import', 'manual', 'survey', 'placement')),
  ADD COLUMN reason text CONSTRAINT enterprise_change_reason_check CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 500),
  ADD COLUMN survey_campaign_id bigint;

-- A fact a person set that a later registration import must respect. import_value is what the
-- registration source said when the fact was first corrected (JSON, null included): a file carrying
-- the same value leaves the correction alone; a file whose value differs is news from the source and
-- wins (the row is then deleted in the import's batch transaction).
CREATE TABLE enterprise_fact_override (
  enterprise_id  bigint NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  fact           text NOT NULL CONSTRAINT enterprise_fact_override_fact_check
                 CHECK (fact IN ('ownershipType', 'address', 'employeeCount', 'industry', 'sizeClass', 'memberCount', 'ownerProfile', 'operatingStatus')),
  source         text NOT NULL CONSTRAINT enterprise_fact_override_source_check CHECK (source IN ('manual', 'survey')),
  import_value   jsonb NOT NULL,
  set_by         bigint REFERENCES app_user(id),
  set_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, fact)
);
