-- 发展党员 (docs/recruitment.md): the two other outcomes of a 预备期 besides 转正 — 延长预备期 and
-- 取消预备党员资格 — each decided by a 支部大会 (its vote kept) and approved by the higher 党委
-- (细则 第三十二条, 党章 第七条). The approval day is the step's date (extension_on, cancelled_on).
ALTER TABLE recruitment_case
  ADD COLUMN extension_reason     text CHECK (extension_reason IS NULL OR length(extension_reason) BETWEEN 1 AND 500),
  ADD COLUMN extension_meeting_on date,
  ADD COLUMN extension_voting     integer CHECK (extension_voting IS NULL OR extension_voting BETWEEN 1 AND 10000),
  ADD COLUMN extension_present    integer CHECK (extension_present IS NULL OR extension_present >= 0),
  ADD COLUMN extension_yes        integer CHECK (extension_yes IS NULL OR extension_yes >= 0),
  ADD COLUMN cancelled_on         date,
  ADD COLUMN cancel_meeting_on    date,
  ADD COLUMN cancel_voting        integer CHECK (cancel_voting IS NULL OR cancel_voting BETWEEN 1 AND 10000),
  ADD COLUMN cancel_present       integer CHECK (cancel_present IS NULL OR cancel_present >= 0),
  ADD COLUMN cancel_yes           integer CHECK (cancel_yes IS NULL OR cancel_yes >= 0);

-- A cancelled case is closed on the day of cancellation, with the reason.
ALTER TABLE recruitment_case ADD CONSTRAINT recruitment_case_cancelled_closed
  CHECK (cancelled_on IS NULL OR (stage = 'closed' AND closed_on = cancelled_on AND cancel_meeting_on IS NOT NULL));

-- The membership of a 预备党员 whose status is cancelled ends with its own reason.
ALTER TABLE party_member DROP CONSTRAINT IF EXISTS party_member_left_reason_check;
ALTER TABLE party_member ADD CONSTRAINT party_member_left_reason_check
  CHECK (left_reason IS NULL OR left_reason IN ('death','expelled','withdrawn','selfLapsed','removed','other','transferredOut','probationCancelled'));
