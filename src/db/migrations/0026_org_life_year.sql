-- The compliance roll-up's summary (docs/life.md, "Roll-up"): one narrow row per organisation and
-- year with meetings, so a province's roll-up reads one row per 党支部 instead of generating every
-- expected period and anti-joining the meetings (docs/benchmarks.md, "Organisational life").
-- Each mask has bit m (0 = January) set when a live meeting of the kind was held in month m + 1;
-- a quarter, half year or year is held when any of its months is. last_on is the year's last live
-- meeting of any kind, group_first_on its first 党小组会: both dates, so a roll-up on a past day
-- of the year stays exact. Written only by the trigger below, in the transaction of the meeting write.
CREATE TABLE org_life_year (
  org_id            bigint NOT NULL REFERENCES party_org(id) ON DELETE CASCADE,
  year              integer NOT NULL,
  member_meeting    smallint NOT NULL DEFAULT 0,
  committee_meeting smallint NOT NULL DEFAULT 0,
  group_meeting     smallint NOT NULL DEFAULT 0,
  party_lesson      smallint NOT NULL DEFAULT 0,
  theme_day         smallint NOT NULL DEFAULT 0,
  life_meeting      smallint NOT NULL DEFAULT 0,
  member_appraisal  smallint NOT NULL DEFAULT 0,
  heart_talk        smallint NOT NULL DEFAULT 0,
  last_on           date,
  group_first_on    date,
  PRIMARY KEY (org_id, year)
);
-- Which branches have ever held a 党小组会 (then one is expected of them every month).
CREATE INDEX org_life_year_group_idx ON org_life_year (org_id, group_first_on) WHERE group_first_on IS NOT NULL;

-- Recomputes the (organisation, year) rows a statement touched from the live meetings. The rows are
-- locked first (inserted or updated in place), and the recomputation is a later statement: under
-- READ COMMITTED it then sees every meeting committed by a concurrent writer of the same row, so
-- two writers of one branch's year never lose each other's month. Statement-level with transition
-- tables, so a COPY or an INSERT … SELECT of a province's meetings recomputes each row once.
CREATE FUNCTION org_life_year_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs bigint[];
  years integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(org_id), array_agg(year) INTO orgs, years
      FROM (SELECT DISTINCT org_id, extract(year FROM held_on)::int AS year FROM new_rows) k;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(org_id), array_agg(year) INTO orgs, years
      FROM (SELECT org_id, extract(year FROM held_on)::int AS year FROM new_rows
            UNION SELECT org_id, extract(year FROM held_on)::int FROM old_rows) k;
  ELSE
    SELECT array_agg(org_id), array_agg(year) INTO orgs, years
      FROM (SELECT DISTINCT org_id, extract(year FROM held_on)::int AS year FROM old_rows) k;
  END IF;
  IF orgs IS NULL THEN RETURN NULL; END IF;
  INSERT INTO org_life_year (org_id, year) SELECT k.org_id, k.year FROM unnest(orgs, years) AS k(org_id, year) ORDER BY 1, 2
    ON CONFLICT (org_id, year) DO UPDATE SET year = EXCLUDED.year;
  UPDATE org_life_year y SET
    member_meeting = coalesce(a.member_meeting, 0), committee_meeting = coalesce(a.committee_meeting, 0),
    group_meeting = coalesce(a.group_meeting, 0), party_lesson = coalesce(a.party_lesson, 0),
    theme_day = coalesce(a.theme_day, 0), life_meeting = coalesce(a.life_meeting, 0),
    member_appraisal = coalesce(a.member_appraisal, 0), heart_talk = coalesce(a.heart_talk, 0),
    last_on = a.last_on, group_first_on = a.group_first_on
  FROM unnest(orgs, years) AS k(org_id, year) LEFT JOIN LATERAL (
    SELECT
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'memberMeeting')::smallint AS member_meeting,
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'committeeMeeting')::smallint AS committee_meeting,
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'groupMeeting')::smallint AS group_meeting,
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'partyLesson')::smallint AS party_lesson,
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'themeDay')::smallint AS theme_day,
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'lifeMeeting')::smallint AS life_meeting,
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'memberAppraisal')::smallint AS member_appraisal,
      bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'heartTalk')::smallint AS heart_talk,
      max(m.held_on) AS last_on, min(m.held_on) FILTER (WHERE m.kind = 'groupMeeting') AS group_first_on
    FROM meeting m
    WHERE m.org_id = k.org_id AND m.deleted_at IS NULL
      AND m.held_on >= make_date(k.year, 1, 1) AND m.held_on < make_date(k.year + 1, 1, 1)
  ) a ON TRUE
  WHERE y.org_id = k.org_id AND y.year = k.year;
  -- A year left without live meetings keeps no row (nor holds up the organisation's deletion).
  DELETE FROM org_life_year y USING unnest(orgs, years) AS k(org_id, year) WHERE y.org_id = k.org_id AND y.year = k.year AND y.last_on IS NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER meeting_life_insert AFTER INSERT ON meeting REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION org_life_year_refresh();
CREATE TRIGGER meeting_life_update AFTER UPDATE ON meeting REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION org_life_year_refresh();
CREATE TRIGGER meeting_life_delete AFTER DELETE ON meeting REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION org_life_year_refresh();

-- The meetings already recorded.
INSERT INTO org_life_year (org_id, year, member_meeting, committee_meeting, group_meeting, party_lesson, theme_day,
  life_meeting, member_appraisal, heart_talk, last_on, group_first_on)
SELECT m.org_id, extract(year FROM m.held_on)::int,
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'memberMeeting'), 0),
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'committeeMeeting'), 0),
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'groupMeeting'), 0),
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'partyLesson'), 0),
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'themeDay'), 0),
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'lifeMeeting'), 0),
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'memberAppraisal'), 0),
  coalesce(bit_or(1 << (extract(month FROM m.held_on)::int - 1)) FILTER (WHERE m.kind = 'heartTalk'), 0),
  max(m.held_on), min(m.held_on) FILTER (WHERE m.kind = 'groupMeeting')
FROM meeting m WHERE m.deleted_at IS NULL
GROUP BY m.org_id, extract(year FROM m.held_on)::int;
