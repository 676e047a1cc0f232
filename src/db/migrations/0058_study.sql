-- 学习 (issue 17 item 6; docs/study.md): a library of study materials — documents (files in the
-- attachment store), audio and video (links to where they are published), texts — each published by
-- a district or street office (region_code) or a party organisation for its own members (org_id),
-- never both. Who reads them is decided in src/core/access/study-scope.ts.
--
-- A rule of the product (反对"指尖上的形式主义"): nothing here counts reading. There is no time spent,
-- no points, no ranking; the only per-person row is the reader's own 已学 mark (study_mark), which
-- holds no time and is read by nobody but that reader.
CREATE TABLE study_material (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title         text NOT NULL CONSTRAINT study_material_title_check CHECK (length(title) BETWEEN 1 AND 200),
  topic         text NOT NULL CONSTRAINT study_material_topic_check CHECK (topic IN ('theory','charter','union','business','history','law')),
  kind          text NOT NULL CONSTRAINT study_material_kind_check CHECK (kind IN ('document','audio','video','text')),
  summary       text CONSTRAINT study_material_summary_check CHECK (summary IS NULL OR length(summary) BETWEEN 1 AND 500),
  body          text CONSTRAINT study_material_body_check CHECK (body IS NULL OR length(body) BETWEEN 1 AND 20000),
  url           text CONSTRAINT study_material_url_check CHECK (url IS NULL OR (length(url) <= 500 AND url ~ '^https?://')),
  region_code   text CONSTRAINT study_material_region_fk REFERENCES region(code),
  org_id        bigint CONSTRAINT study_material_org_fk REFERENCES party_org(id),
  published_on  date NOT NULL DEFAULT CURRENT_DATE,
  status        text NOT NULL DEFAULT 'published' CONSTRAINT study_material_status_check CHECK (status IN ('published','withdrawn')),
  created_by    bigint,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT study_material_publisher_check CHECK ((region_code IS NULL) <> (org_id IS NULL)),
  -- Audio and video are links; a text is its body. A document's file is added after it is saved.
  CONSTRAINT study_material_content_check CHECK (
    (kind IN ('audio','video') AND url IS NOT NULL) OR (kind = 'text' AND body IS NOT NULL) OR kind = 'document')
);
CREATE INDEX study_material_region_idx ON study_material (region_code) WHERE region_code IS NOT NULL;
CREATE INDEX study_material_org_idx ON study_material (org_id) WHERE org_id IS NOT NULL;

-- The reader's own 已学 mark: no timestamp on purpose (no record of when or how long anyone read).
CREATE TABLE study_mark (
  material_id   bigint NOT NULL CONSTRAINT study_mark_material_fk REFERENCES study_material(id),
  user_id       bigint NOT NULL CONSTRAINT study_mark_user_fk REFERENCES app_user(id),
  PRIMARY KEY (user_id, material_id)
);

-- Study documents are attachments too. The owner kinds are a closed list in src/domain/attachment.ts
-- (the service writes only those literals); the column keeps a format check rather than a list, so
-- modules adding owners in parallel migrations (notices, study) do not undo each other's lists.
ALTER TABLE attachment DROP CONSTRAINT attachment_owner_kind_check;
ALTER TABLE attachment ADD CONSTRAINT attachment_owner_kind_check CHECK (owner_kind ~ '^[a-z][a-z_]{1,31}$');
