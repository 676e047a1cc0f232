-- 三会一课 and organisational life (issue 15; docs/life.md): one row per meeting held by an
-- organisation — a joint branch records once for all the enterprises it covers — with its kind, day,
-- place, topic, the counts its quorum and votes are judged on (src/domain/rules/life-meeting.ts),
-- the resolutions put to the vote and the minutes. Deleting is soft (deleted_at), audited; the
-- compliance calendar reads the live rows only.

CREATE TABLE meeting (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          bigint NOT NULL CONSTRAINT meeting_org_fk REFERENCES party_org(id),
  kind            text NOT NULL CONSTRAINT meeting_kind_check CHECK (kind IN
                  ('memberMeeting','committeeMeeting','groupMeeting','partyLesson','themeDay','lifeMeeting','memberAppraisal','heartTalk')),
  held_on         date NOT NULL,
  place           text CONSTRAINT meeting_place_check CHECK (place IS NULL OR length(place) BETWEEN 1 AND 200),
  topic           text NOT NULL CONSTRAINT meeting_topic_check CHECK (length(topic) BETWEEN 1 AND 200),
  voting_members  integer CONSTRAINT meeting_voting_check CHECK (voting_members IS NULL OR voting_members BETWEEN 0 AND 10000),
  present         integer CONSTRAINT meeting_present_check CHECK (present IS NULL OR present BETWEEN 0 AND 10000),
  -- [{ "subject": text, "yes": integer }]: yes votes include written opinions (书面意见)
  resolutions     jsonb NOT NULL DEFAULT '[]'::jsonb,
  minutes         text CONSTRAINT meeting_minutes_check CHECK (minutes IS NULL OR length(minutes) <= 20000),
  recorded_by     bigint,
  deleted_at      timestamptz,
  deleted_by      bigint,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT meeting_present_within CHECK (present IS NULL OR voting_members IS NULL OR present <= voting_members)
);
-- The calendar and the list read one organisation's live meetings by day; the roll-up all of them by kind.
CREATE INDEX meeting_org_day_idx ON meeting (org_id, held_on) WHERE deleted_at IS NULL;

-- Who was expected: members on the organisation's roster, present or absent (with the reason), and
-- whether an absent member gave a written opinion (counted in the votes).
CREATE TABLE meeting_attendee (
  meeting_id      bigint NOT NULL CONSTRAINT meeting_attendee_meeting_fk REFERENCES meeting(id),
  member_id       bigint NOT NULL CONSTRAINT meeting_attendee_member_fk REFERENCES party_member(id),
  present         boolean NOT NULL,
  absence_reason  text CONSTRAINT meeting_attendee_reason_check CHECK (absence_reason IS NULL OR length(absence_reason) BETWEEN 1 AND 200),
  written_opinion boolean NOT NULL DEFAULT false,
  PRIMARY KEY (meeting_id, member_id),
  CONSTRAINT meeting_attendee_absent_only CHECK (NOT present OR (absence_reason IS NULL AND NOT written_opinion))
);
CREATE INDEX meeting_attendee_member_idx ON meeting_attendee (member_id);
