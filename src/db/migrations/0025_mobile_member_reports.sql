-- 流动党员 report to the organisation holding them at least once a year (docs/member-transfers.md):
-- the day of the latest report; each report is also a member event (history), audited.
ALTER TABLE party_member ADD COLUMN mobile_reported_on date;
