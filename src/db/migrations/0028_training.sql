-- Training (issue 15 item 3; docs/training.md): courses (for secretaries, instructors, 积极分子 and
-- 发展对象, union officers, members), their sessions — each organised by a region (the district or a
-- street) or by a party organisation (a 基层党委) — and who attended with the 学时 credited. A person's
-- hours feed the secretary-training finding and the 发展对象 training check of a recruitment case.
-- The organiser is exactly one of region_code / org_id: it is the place the record is seen and
-- managed by (src/core/access/training-scope.ts).

CREATE TABLE training_course (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title        text NOT NULL CONSTRAINT training_course_title_check CHECK (length(title) BETWEEN 1 AND 200),
  audience     text NOT NULL CONSTRAINT training_course_audience_check CHECK (audience IN ('secretary','instructor','recruit','unionOfficer','member')),
  hours        integer NOT NULL CONSTRAINT training_course_hours_check CHECK (hours BETWEEN 1 AND 500),
  region_code  text CONSTRAINT training_course_region_fk REFERENCES region(code),
  org_id       bigint CONSTRAINT training_course_org_fk REFERENCES party_org(id),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT training_course_organiser_check CHECK ((region_code IS NULL) <> (org_id IS NULL))
);

CREATE TABLE training_session (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  course_id    bigint NOT NULL CONSTRAINT training_session_course_fk REFERENCES training_course(id),
  held_on      date NOT NULL,
  hours        integer NOT NULL CONSTRAINT training_session_hours_check CHECK (hours BETWEEN 1 AND 500),
  place        text CONSTRAINT training_session_place_check CHECK (place IS NULL OR length(place) BETWEEN 1 AND 200),
  region_code  text CONSTRAINT training_session_region_fk REFERENCES region(code),
  org_id       bigint CONSTRAINT training_session_org_fk REFERENCES party_org(id),
  recorded_by  bigint,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT training_session_organiser_check CHECK ((region_code IS NULL) <> (org_id IS NULL))
);
CREATE INDEX training_session_day_idx ON training_session (held_on, id);
CREATE INDEX training_session_course_idx ON training_session (course_id);

-- One row per person per session; hours credited may be fewer than the session's (left early).
CREATE TABLE training_attendance (
  session_id   bigint NOT NULL CONSTRAINT training_attendance_session_fk REFERENCES training_session(id),
  person_id    bigint NOT NULL CONSTRAINT training_attendance_person_fk REFERENCES person(id),
  hours        integer NOT NULL CONSTRAINT training_attendance_hours_check CHECK (hours BETWEEN 0 AND 500),
  PRIMARY KEY (session_id, person_id)
);
-- A person's history and the findings read attendance by person.
CREATE INDEX training_attendance_person_idx ON training_attendance (person_id);
