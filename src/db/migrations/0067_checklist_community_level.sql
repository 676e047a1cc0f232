-- 规范化建设复核 through the approval engine (docs/standards.md, "Review through the approval engine"):
-- a district's flow may put a 社区（村） pre-review in front of the street's, so an assessment may wait
-- at the community level and a community officer's marks are kept like the street's and district's.
ALTER TABLE checklist_assessment DROP CONSTRAINT checklist_assessment_stage_check;
ALTER TABLE checklist_assessment ADD CONSTRAINT checklist_assessment_stage_check CHECK (stage IN ('community','street','district'));
ALTER TABLE checklist_review DROP CONSTRAINT checklist_review_level_check;
ALTER TABLE checklist_review ADD CONSTRAINT checklist_review_level_check CHECK (level IN ('community','street','district'));
