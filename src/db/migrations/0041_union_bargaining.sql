-- Collective bargaining (集体协商, issue 16 item 5; docs/unions.md "集体协商"). One round per union
-- and contract kind from the request (要约) to the filed contract; the stage (已要约 … 已生效, 续签中,
-- 已到期) is not stored but judged at a day from these facts by src/domain/rules/bargaining.ts, since
-- "in force" depends on the day (15 days after filing without objection).
CREATE TABLE union_bargaining (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id           bigint NOT NULL REFERENCES union_org(id),
  contract_kind      text NOT NULL CHECK (contract_kind IN ('collective','wage')),
  requested_on       date NOT NULL,
  requested_by       text NOT NULL CHECK (requested_by IN ('union','employer')),
  request_notes      text CHECK (request_notes IS NULL OR length(request_notes) <= 2000),
  replied_on         date,
  -- 协商会议: [{ "heldOn": "YYYY-MM-DD", "notes": "…" }], in date order; changed with the round's version.
  sessions           jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The draft's vote at the 职代会 / 职工大会: own numbers, optionally the congress record it was taken at.
  vote_on            date,
  vote_congress_id   bigint REFERENCES union_congress(id),
  vote_representatives integer CHECK (vote_representatives IS NULL OR vote_representatives >= 1),
  vote_present       integer CHECK (vote_present IS NULL OR vote_present >= 0),
  vote_yes           integer CHECK (vote_yes IS NULL OR vote_yes >= 0),
  signed_on          date,
  starts_on          date,
  ends_on            date,
  contract_id        bigint REFERENCES union_contract(id),
  filed_on           date,   -- received by the labour authority (报送)
  objection_on       date,   -- the authority's objection, if any
  objection_notes    text CHECK (objection_notes IS NULL OR length(objection_notes) <= 2000),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (replied_on IS NULL OR replied_on >= requested_on),
  CHECK (vote_on IS NULL OR (vote_representatives IS NOT NULL AND vote_present IS NOT NULL AND vote_yes IS NOT NULL
         AND vote_present <= vote_representatives AND vote_yes <= vote_present AND vote_on >= requested_on)),
  CHECK (signed_on IS NULL OR (vote_on IS NOT NULL AND signed_on >= vote_on AND starts_on IS NOT NULL AND ends_on IS NOT NULL AND ends_on > starts_on)),
  CHECK (filed_on IS NULL OR (signed_on IS NOT NULL AND filed_on >= signed_on)),
  CHECK (objection_on IS NULL OR (filed_on IS NOT NULL AND objection_on >= filed_on))
);
CREATE INDEX union_bargaining_union_idx ON union_bargaining (union_id, contract_kind, id);
