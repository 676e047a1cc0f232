-- 撤回 (docs/approvals.md, "Withdrawing"): a requester takes back a pending or returned request; the
-- request ends as 已撤回 (its state already allowed 'withdrawn') and the step is kept like every other.
ALTER TABLE approval_step DROP CONSTRAINT approval_step_action_check;
ALTER TABLE approval_step ADD CONSTRAINT approval_step_action_check
  CHECK (action IN ('submitted','approved','returned','resubmitted','delegated','completed','withdrawn'));
