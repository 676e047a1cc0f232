-- 发展党员 (issue 14; docs/recruitment.md): one recruitment case per applicant, held by the
-- organisation that receives the application, from 入党申请人 to 正式党员. The applicant is a person
-- (0005: ID number encrypted, blind index). The case records the date of each step and the people
-- in it; the rule engine (src/domain/rules/member-recruitment.ts) judges the timeline. Approval by
-- the higher 党委 creates the party_member row (probationary, joined_on = 支部大会 date), 转正 makes
-- it full: member_id links the two.

CREATE TABLE recruitment_case (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id             bigint NOT NULL REFERENCES person(id),
  org_id                bigint NOT NULL REFERENCES party_org(id),         -- holds the case (the branch receiving the application)
  stage                 text NOT NULL DEFAULT 'applicant'
                        CHECK (stage IN ('applicant','activist','candidate','probationary','full','closed')),
  applied_on            date NOT NULL,                                   -- 提出入党申请
  talked_on             date,                                            -- 谈话
  talker_name           text CHECK (talker_name IS NULL OR length(talker_name) BETWEEN 1 AND 100),
  activist_on           date,                                            -- 确定为入党积极分子
  candidate_on          date,                                            -- 列为发展对象
  review_on             date,                                            -- 政治审查 concluded
  review_result         text CHECK (review_result IS NULL OR review_result IN ('passed','failed')),
  training_on           date,                                            -- 短期集中培训 completed
  training_days         integer CHECK (training_days IS NULL OR training_days BETWEEN 0 AND 366),
  training_hours        integer CHECK (training_hours IS NULL OR training_hours BETWEEN 0 AND 2000),
  candidate_notice_from date,                                            -- 发展对象公示
  candidate_notice_to   date,
  admission_notice_from date,                                            -- 拟接收预备党员公示
  admission_notice_to   date,
  meeting_on            date,                                            -- 支部大会 (接收预备党员)
  meeting_voting        integer CHECK (meeting_voting IS NULL OR meeting_voting BETWEEN 1 AND 10000),
  meeting_present       integer CHECK (meeting_present IS NULL OR meeting_present >= 0),
  meeting_yes           integer CHECK (meeting_yes IS NULL OR meeting_yes >= 0),
  approved_on           date,                                            -- 上级党委审批
  approver_org_id       bigint REFERENCES party_org(id),
  approval_extended     boolean NOT NULL DEFAULT false,                  -- 特殊情况延长审批
  extension_on          date,                                            -- 延长预备期 decided
  extension_months      integer CHECK (extension_months IS NULL OR extension_months BETWEEN 6 AND 12),
  full_notice_from      date,                                            -- 拟转正公示
  full_notice_to        date,
  full_meeting_on       date,                                            -- 支部大会 (转正)
  full_approved_on      date,                                            -- 上级党委 approval of 转正
  full_on               date,                                            -- 转为正式党员 (转正日期)
  leaving_on            date,                                            -- expected to leave the unit
  member_id             bigint UNIQUE REFERENCES party_member(id),
  closed_on             date,
  closed_reason         text CHECK (closed_reason IS NULL OR length(closed_reason) BETWEEN 1 AND 500),
  created_by            bigint,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((talked_on IS NULL) = (talker_name IS NULL)),
  CHECK ((review_on IS NULL) = (review_result IS NULL)),
  CHECK ((candidate_notice_from IS NULL) = (candidate_notice_to IS NULL) AND (candidate_notice_to IS NULL OR candidate_notice_to >= candidate_notice_from)),
  CHECK ((admission_notice_from IS NULL) = (admission_notice_to IS NULL) AND (admission_notice_to IS NULL OR admission_notice_to >= admission_notice_from)),
  CHECK ((full_notice_from IS NULL) = (full_notice_to IS NULL) AND (full_notice_to IS NULL OR full_notice_to >= full_notice_from)),
  CHECK ((meeting_on IS NULL) = (meeting_voting IS NULL) AND (meeting_on IS NULL) = (meeting_present IS NULL) AND (meeting_on IS NULL) = (meeting_yes IS NULL)),
  CHECK (meeting_present IS NULL OR meeting_present <= meeting_voting),
  CHECK (meeting_yes IS NULL OR meeting_yes <= meeting_present),
  CHECK ((approved_on IS NULL) = (approver_org_id IS NULL)),
  CHECK ((extension_on IS NULL) = (extension_months IS NULL)),
  CHECK (stage NOT IN ('probationary','full') OR (member_id IS NOT NULL AND approved_on IS NOT NULL)),
  CHECK (stage <> 'full' OR full_on IS NOT NULL),
  CHECK ((stage = 'closed') = (closed_reason IS NOT NULL)),
  CHECK ((closed_on IS NULL) = (closed_reason IS NULL))
);
-- One open case per person; boards and lists by organisation and stage.
CREATE UNIQUE INDEX recruitment_case_open_uq ON recruitment_case (person_id) WHERE stage NOT IN ('full','closed');
CREATE INDEX recruitment_case_org_idx ON recruitment_case (org_id, stage);

-- The people named in a case: 培养联系人 (mentor, 1–2) and 入党介绍人 (sponsor, 2, full members on
-- the roster). A mentor is a member on the roster or a name as written.
CREATE TABLE recruitment_person (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES recruitment_case(id),
  role        text NOT NULL CHECK (role IN ('mentor','sponsor')),
  position    smallint NOT NULL CHECK (position BETWEEN 1 AND 2),
  member_id   bigint REFERENCES party_member(id),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  UNIQUE (case_id, role, position),
  CHECK (role <> 'sponsor' OR member_id IS NOT NULL)
);
CREATE INDEX recruitment_person_member_idx ON recruitment_person (member_id) WHERE member_id IS NOT NULL;

-- Append-only history of a case: every step, with the values entered. `at` is the business date.
CREATE TABLE recruitment_event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES recruitment_case(id),
  kind         text NOT NULL,
  at           date NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id     bigint,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recruitment_event_case_idx ON recruitment_event (case_id, id);
