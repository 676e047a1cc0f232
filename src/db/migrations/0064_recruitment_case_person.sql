-- People are read through the 发展党员 cases they applied in (src/core/access/person-scope.ts): the
-- people list tests each row for a case by person, closed and full cases included, which the
-- partial unique index on open cases does not serve.
CREATE INDEX recruitment_case_person_idx ON recruitment_case (person_id);
