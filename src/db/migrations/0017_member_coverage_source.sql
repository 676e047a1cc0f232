-- Members (issue 14): an organisation that keeps its roster here (party_org.roster_since) counts its
-- members from party_member, and so do the enterprises it covers (docs/members.md, "Counts"). A
-- roster change is therefore a coverage source like the organisation changes of 0007: the same
-- statement trigger bumps coverage_source_seq, and the next read rebuilds the coverage rows.
CREATE TRIGGER party_member_coverage_source AFTER INSERT OR UPDATE OR DELETE ON party_member
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_source_changed();

-- Whether a coverage row's full_members came from the roster (else the ledger's typed 党员数量,
-- shown as 填报数 beside the number).
ALTER TABLE enterprise_coverage ADD COLUMN members_from_roster boolean NOT NULL DEFAULT false;
