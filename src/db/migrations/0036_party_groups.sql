-- 党小组 (《中国共产党支部工作条例（试行）》第十三条): a 党支部 with many members, or members spread out,
-- divides them into groups, each with a 组长. A member belongs to at most one group of the
-- organisation holding their 组织关系; a transfer out leaves the group (the service clears it).
-- Dissolving a group keeps its row (meetings and history name it) and frees its members.
CREATE TABLE party_group (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id           bigint NOT NULL REFERENCES party_org(id),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  leader_member_id bigint REFERENCES party_member(id),
  dissolved_on     date,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now()
);
-- Two live groups of one organisation never share a name.
CREATE UNIQUE INDEX party_group_name_uq ON party_group (org_id, name) WHERE dissolved_on IS NULL;
CREATE INDEX party_group_org_idx ON party_group (org_id) WHERE dissolved_on IS NULL;

ALTER TABLE party_member ADD COLUMN group_id bigint REFERENCES party_group(id);
CREATE INDEX party_member_group_idx ON party_member (group_id) WHERE group_id IS NOT NULL;

-- A member who moves to another organisation (a transfer accepted, an import, a correction) or who
-- leaves or is suspended is no longer in a group of the old one: one trigger covers every writer.
CREATE FUNCTION party_member_leave_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.group_id IS NOT NULL AND (NEW.org_id IS DISTINCT FROM OLD.org_id OR NEW.status IN ('left', 'suspended')) THEN
    NEW.group_id := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER party_member_leave_group BEFORE UPDATE OF org_id, status ON party_member
  FOR EACH ROW EXECUTE FUNCTION party_member_leave_group();
