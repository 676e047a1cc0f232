-- Standards as data and attachments (issue 15 items 2 and 8; docs/standards.md, docs/attachments.md).
-- The checklist templates are data in src/domain/standards (dated versions); an assessment keeps the
-- version it was made against (template_id + template_version), so a new version never rescores old ones.

-- A file kept by its SHA-256 on the attachment store; reachable only through the record it belongs
-- to (owner_kind + owner_id), whose access check decides. Deleting is soft and audited; the content
-- stays while another live row names the same hash.
CREATE TABLE attachment (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_kind   text NOT NULL CONSTRAINT attachment_owner_kind_check CHECK (owner_kind IN ('meeting','checklist')),
  owner_id     bigint NOT NULL,
  sha256       text NOT NULL CONSTRAINT attachment_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size         integer NOT NULL CONSTRAINT attachment_size_check CHECK (size > 0),
  media_type   text NOT NULL CONSTRAINT attachment_media_type_check CHECK (length(media_type) BETWEEN 3 AND 100),
  file_name    text NOT NULL CONSTRAINT attachment_file_name_check CHECK (length(file_name) BETWEEN 1 AND 200),
  uploaded_by  bigint,
  deleted_at   timestamptz,
  deleted_by   bigint,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_owner_idx ON attachment (owner_kind, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX attachment_sha_idx ON attachment (sha256);

-- An organisation's self-assessment against one template for one year: a Party organisation or a
-- union, never both. `stage` is the level that reviews next while submitted.
CREATE TABLE checklist_assessment (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  template_id       text NOT NULL CONSTRAINT checklist_assessment_template_check CHECK (template_id ~ '^[a-zA-Z]{1,40}$'),
  template_version  date NOT NULL,
  party_org_id      bigint CONSTRAINT checklist_assessment_org_fk REFERENCES party_org(id),
  union_id          bigint CONSTRAINT checklist_assessment_union_fk REFERENCES union_org(id),
  year              smallint NOT NULL CONSTRAINT checklist_assessment_year_check CHECK (year BETWEEN 2018 AND 2100),
  status            text NOT NULL DEFAULT 'draft' CONSTRAINT checklist_assessment_status_check CHECK (status IN ('draft','submitted','returned','passed')),
  stage             text CONSTRAINT checklist_assessment_stage_check CHECK (stage IN ('street','district')),
  total             numeric(5,1),
  stars             smallint CONSTRAINT checklist_assessment_stars_check CHECK (stars BETWEEN 0 AND 5),
  submitted_at      timestamptz,
  submitted_by      bigint,
  created_by        bigint,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT checklist_assessment_one_owner CHECK ((party_org_id IS NULL) <> (union_id IS NULL)),
  CONSTRAINT checklist_assessment_stage_when CHECK ((status = 'submitted') = (stage IS NOT NULL))
);
CREATE UNIQUE INDEX checklist_assessment_org_key ON checklist_assessment (party_org_id, template_id, year) WHERE party_org_id IS NOT NULL;
CREATE UNIQUE INDEX checklist_assessment_union_key ON checklist_assessment (union_id, template_id, year) WHERE union_id IS NOT NULL;
CREATE INDEX checklist_assessment_status_idx ON checklist_assessment (year, status);

-- The evidence the organisation gives for an item: a record found in the platform (kept as it was
-- found when submitted), an uploaded file, or a written attestation.
CREATE TABLE checklist_evidence (
  assessment_id  bigint NOT NULL CONSTRAINT checklist_evidence_assessment_fk REFERENCES checklist_assessment(id),
  item_key       text NOT NULL CONSTRAINT checklist_evidence_item_check CHECK (item_key ~ '^[a-zA-Z]{1,40}$'),
  kind           text NOT NULL CONSTRAINT checklist_evidence_kind_check CHECK (kind IN ('record','upload','attestation')),
  record_ref     jsonb,
  attachment_id  bigint CONSTRAINT checklist_evidence_attachment_fk REFERENCES attachment(id),
  attestation    text CONSTRAINT checklist_evidence_attestation_check CHECK (attestation IS NULL OR length(attestation) BETWEEN 1 AND 2000),
  updated_by     bigint,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, item_key),
  CONSTRAINT checklist_evidence_shape CHECK (
    (kind = 'record' AND record_ref IS NOT NULL) OR (kind = 'upload' AND attachment_id IS NOT NULL) OR (kind = 'attestation' AND attestation IS NOT NULL))
);

-- Every review kept: the level, pass or return, the marks per item, the total and stars they give.
CREATE TABLE checklist_review (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id  bigint NOT NULL CONSTRAINT checklist_review_assessment_fk REFERENCES checklist_assessment(id),
  level          text NOT NULL CONSTRAINT checklist_review_level_check CHECK (level IN ('street','district')),
  decision       text NOT NULL CONSTRAINT checklist_review_decision_check CHECK (decision IN ('pass','return')),
  marks          jsonb NOT NULL,
  total          numeric(5,1) NOT NULL CONSTRAINT checklist_review_total_check CHECK (total BETWEEN 0 AND 100),
  stars          smallint CONSTRAINT checklist_review_stars_check CHECK (stars BETWEEN 0 AND 5),
  comment        text CONSTRAINT checklist_review_comment_check CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 2000),
  reviewer_id    bigint,
  reviewed_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT checklist_review_return_comment CHECK (decision = 'pass' OR comment IS NOT NULL)
);
CREATE INDEX checklist_review_assessment_idx ON checklist_review (assessment_id, id);
