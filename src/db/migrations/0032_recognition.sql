-- Model sites (示范点), contact points (党建联系点), awards (两优一先, 五星 etc.) and pairing (结对共建)
-- of Party organisations (issue 15 item 2; docs/standards.md "Recognition"). Each is recorded on the
-- organisation's history, a person's award also on the member's.

CREATE TABLE org_recognition (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  party_org_id  bigint NOT NULL CONSTRAINT org_recognition_org_fk REFERENCES party_org(id),
  kind          text NOT NULL CONSTRAINT org_recognition_kind_check CHECK (kind IN ('modelSite','contactPoint','orgAward','personAward')),
  title         text NOT NULL CONSTRAINT org_recognition_title_check CHECK (length(title) BETWEEN 1 AND 100),
  level         text NOT NULL CONSTRAINT org_recognition_level_check CHECK (level IN ('street','district','city','province','national')),
  -- personAward: the member honoured (优秀共产党员, 优秀党务工作者), on the organisation's roster
  member_id     bigint CONSTRAINT org_recognition_member_fk REFERENCES party_member(id),
  granted_on    date NOT NULL,
  granted_by    text CONSTRAINT org_recognition_granted_by_check CHECK (granted_by IS NULL OR length(granted_by) BETWEEN 1 AND 100),
  document      text CONSTRAINT org_recognition_document_check CHECK (document IS NULL OR length(document) BETWEEN 1 AND 100),
  -- a contact point's leader (联系领导), as the appointing document names them
  contact       text CONSTRAINT org_recognition_contact_check CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 100),
  recorded_by   bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT org_recognition_member_when CHECK ((kind = 'personAward') = (member_id IS NOT NULL))
);
CREATE INDEX org_recognition_org_idx ON org_recognition (party_org_id, granted_on);

CREATE TABLE org_pairing (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  party_org_id    bigint NOT NULL CONSTRAINT org_pairing_org_fk REFERENCES party_org(id),
  partner_org_id  bigint NOT NULL CONSTRAINT org_pairing_partner_fk REFERENCES party_org(id),
  since           date NOT NULL,
  content         text CONSTRAINT org_pairing_content_check CHECK (content IS NULL OR length(content) BETWEEN 1 AND 500),
  recorded_by     bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT org_pairing_not_self CHECK (partner_org_id <> party_org_id)
);
CREATE UNIQUE INDEX org_pairing_key ON org_pairing (party_org_id, partner_org_id);
CREATE INDEX org_pairing_partner_idx ON org_pairing (partner_org_id);
