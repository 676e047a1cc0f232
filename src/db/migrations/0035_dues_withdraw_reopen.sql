-- 少交或免交 withdrawn (撤销): a reduction recorded by mistake, or whose approval was revoked, stops
-- counting from the day it is withdrawn; the row is kept (the audit and the member's history refer
-- to it). A withdrawn reduction was either pending or approved: approval and withdrawal are independent.
ALTER TABLE dues_reduction
  ADD COLUMN withdrawn_on date,
  ADD COLUMN withdrawn_reason text CHECK (withdrawn_reason IS NULL OR length(withdrawn_reason) BETWEEN 1 AND 200),
  ADD CONSTRAINT dues_reduction_withdrawn_check CHECK ((withdrawn_on IS NULL) = (withdrawn_reason IS NULL));

-- A closed month reopened (重新开账): how often and why the last time, beside the audit record.
ALTER TABLE dues_month
  ADD COLUMN reopened_at timestamptz,
  ADD COLUMN reopen_reason text CHECK (reopen_reason IS NULL OR length(reopen_reason) BETWEEN 1 AND 200),
  ADD CONSTRAINT dues_month_reopen_check CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL));
