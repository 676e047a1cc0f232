-- People get a registration region (登记区划): where the office that registered them sits. A person
-- is visible by this region and through what they belong to (positions, instructor roles, union
-- organiser), docs/security.md "People". Existing people have none: they are seen through their links.
ALTER TABLE person ADD COLUMN region_code text REFERENCES region(code);
CREATE INDEX person_region_idx ON person (region_code text_pattern_ops, id) WHERE region_code IS NOT NULL;
-- Visibility through links looks positions and instructors up by person.
CREATE INDEX IF NOT EXISTS instructor_person_idx ON instructor (person_id);
CREATE INDEX IF NOT EXISTS union_org_organiser_idx ON union_org (organiser_person_id) WHERE organiser_person_id IS NOT NULL;
