import type { DemoStep } from '../demo.js';
import { enterprisesStep } from './enterprises.step.js';
import { regionsStep } from './regions.step.js';
import { organisationsStep } from './organisations.step.js';
import { coverageStep } from './coverage.step.js';
import { membersStep } from './members.step.js';
import { memberLifeStep } from './member-life.step.js';
import { orgLifeStep } from './org-life.step.js';
import { standardsStep } from './standards.step.js';
import { bargainingStep } from './bargaining.step.js';
import { unionMembersStep } from './union-members.step.js';
import { unionJoinStep } from './union-join.step.js';
import { mediationStep } from './mediation.step.js';
import { unionServicesStep } from './union-services.step.js';
import { unionCommitteeStep } from './union-committee.step.js';
import { trainingStep } from './training.step.js';
import { studyStep } from './study.step.js';
import { supportStep } from './support.step.js';
import { annualReportStep } from './annual-report.step.js';
import { tasksStep } from './tasks.step.js';
import { fieldworkStep } from './fieldwork.step.js';
import { surveyStep } from './survey.step.js';
import { noticesStep } from './notices.step.js';
import { approvalsStep } from './approvals.step.js';

/** The demo, in order. Add a module's step with one line. */
export const demoSteps: DemoStep[] = [
  regionsStep,
  enterprisesStep,
  organisationsStep,
  membersStep,
  memberLifeStep,
  orgLifeStep,
  standardsStep,
  unionMembersStep,
  unionJoinStep,
  bargainingStep,
  unionCommitteeStep,
  mediationStep,
  unionServicesStep,
  trainingStep,
  studyStep, // 学习: the district's, streets' and a few organisations' study materials
  supportStep,
  annualReportStep, // after every record its report and the secretaries' sheets prefill from
  noticesStep, // 通知公告: past notices of the district and a street, read and answered by most; the rest keep their task
  surveyStep, // 排查摸底: answers accepted into the ledger before the inbox and the snapshots read it
  fieldworkStep, // 实地走访: visits over the last months; what they found becomes the streets' tasks
  approvalsStep, // 审批: requests in flight (two streets' 综合党委 ask, 社区 and 街道 decide), before the inbox refresh reads the cases
  tasksStep, // after every record: the inbox's tasks come from the findings on them
  coverageStep, // keep last: the snapshots read what every step above wrote
];
