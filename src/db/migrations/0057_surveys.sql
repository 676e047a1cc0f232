-- 排查摸底 survey campaigns (issue 17 item 5; docs/surveys.md).
--
-- survey_campaign: the district's form (fields as JSON: key, label, type, required, options, the
-- ledger fact a field is mapped to) and the filter that fixed its targets when it was created.
-- Links stop working after closes_on (end of that day, China time) or when the campaign is closed.
CREATE TABLE survey_campaign (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name           text NOT NULL CONSTRAINT survey_campaign_name_check CHECK (length(name) BETWEEN 1 AND 100),
  region_prefix  text NOT NULL CONSTRAINT survey_campaign_region_check CHECK (region_prefix ~ '^[0-9]{2,12}$'),
  intro          text CONSTRAINT survey_campaign_intro_check CHECK (intro IS NULL OR length(intro) <= 1000),
  fields         jsonb NOT NULL,
  target_filter  jsonb NOT NULL DEFAULT '{}'::jsonb,
  closes_on      date NOT NULL,
  status         text NOT NULL DEFAULT 'open' CONSTRAINT survey_campaign_status_check CHECK (status IN ('open', 'closed')),
  created_by     bigint REFERENCES app_user(id),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per targeted enterprise, fixed when the campaign is created. The link is signed (HMAC
-- over target, campaign, expiry and link_nonce with a key derived from the server's key file); a new
-- nonce retires the old link, revoked_at refuses it. state: sent 已发送 → answered 已填报 → reviewed
-- 已处理 (every proposed change accepted or rejected).
CREATE TABLE survey_target (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id    bigint NOT NULL REFERENCES survey_campaign(id),
  enterprise_id  bigint NOT NULL REFERENCES enterprise(id),
  street_code    text,
  link_nonce     text NOT NULL CONSTRAINT survey_target_nonce_check CHECK (link_nonce ~ '^[A-Za-z0-9_-]{8,32}$'),
  revoked_at     timestamptz,
  state          text NOT NULL DEFAULT 'sent' CONSTRAINT survey_target_state_check CHECK (state IN ('sent', 'answered', 'reviewed')),
  answered_at    timestamptz,
  respondent     text CONSTRAINT survey_target_respondent_check CHECK (respondent IS NULL OR length(respondent) BETWEEN 1 AND 50),
  version        integer NOT NULL DEFAULT 1,
  CONSTRAINT survey_target_one_per_enterprise UNIQUE (campaign_id, enterprise_id)
);
CREATE INDEX survey_target_enterprise_idx ON survey_target (enterprise_id);
CREATE INDEX survey_target_street_idx ON survey_target (campaign_id, street_code);

-- One row per answered field. A field mapped to a ledger fact is a proposed change (old value at the
-- time of the answer, new value) until an officer decides it; an unmapped field is information only.
-- The contact phone is never stored in clear: value_enc / old_enc (SM4 under key_id).
CREATE TABLE survey_answer (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_id      bigint NOT NULL REFERENCES survey_target(id),
  field_key      text NOT NULL,
  fact           text,
  old_value      jsonb,
  new_value      jsonb,
  old_enc        text,
  value_enc      text,
  key_id         text,
  state          text NOT NULL CONSTRAINT survey_answer_state_check CHECK (state IN ('info', 'same', 'proposed', 'accepted', 'rejected')),
  decided_by     bigint REFERENCES app_user(id),
  decided_at     timestamptz,
  decision_note  text CONSTRAINT survey_answer_note_check CHECK (decision_note IS NULL OR length(decision_note) <= 200),
  CONSTRAINT survey_answer_one_per_field UNIQUE (target_id, field_key)
);
CREATE INDEX survey_answer_proposed_idx ON survey_answer (target_id) WHERE state = 'proposed';

-- Fixed-window counters of the public answer page (per address and per link), shared by every
-- server process; buckets are HMACs, never the clear address.
CREATE TABLE survey_throttle (
  bucket        text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

ALTER TABLE enterprise_change
  ADD CONSTRAINT enterprise_change_survey_campaign_fkey FOREIGN KEY (survey_campaign_id) REFERENCES survey_campaign(id);
