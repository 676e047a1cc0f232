import type { MeetingKind } from '../rules/life-catalogue.js';

/**
 * Standards as data (issue 15 item 2; docs/standards.md): a checklist template is a dated version
 * of items, each with a weight, the evidence it needs and who reviews it. The platform judges
 * nothing by template id — scoring, star levels and review levels are read from the version.
 */
export type StandardOrgKind = 'partyOrg' | 'union';
/** 社区 reviews only where a district's approval flow puts it in front (docs/standards.md, "Review through the approval engine"). */
export type ReviewLevel = 'community' | 'street' | 'district';

/** Facts the platform already records, looked up before asking for an upload (core/standards/evidence.repository.ts). */
export type RecordNeed =
  | { record: 'secretaryInPost' }
  | { record: 'committeeElected'; minPositions: number }
  | { record: 'meetingsHeld'; kind: MeetingKind; min: number }
  | { record: 'membersOnRoster'; min: number }
  | { record: 'unionChair' }
  | { record: 'unionCommittee' }
  | { record: 'unionCongressHeld' }
  | { record: 'collectiveContract' }
  | { record: 'unionWomenCommittee' }
  | { record: 'unionFunds' };
export type RecordKind = RecordNeed['record'];

export type ChecklistItem = {
  key: string;
  title: string;
  /** What the reviewer looks for, in the document's words. */
  requirement: string;
  weight: number;
  /** A record that satisfies the item when found; otherwise (or as well) an upload or an attestation. */
  record?: RecordNeed;
  accepts: ReadonlyArray<'upload' | 'attestation'>;
};

export type StarThreshold = { stars: number; min: number };

/** A named grade a total reaches (职工之家: 模范职工之家 …), highest first; the cut-offs cite their source. */
export type GradeThreshold = { grade: string; min: number };
export type GradeScale = { thresholds: readonly GradeThreshold[]; source: string };

export type ChecklistVersion = {
  templateId: TemplateId;
  validFrom: string;
  validTo?: string;
  name: string;
  orgKind: StandardOrgKind;
  /** The documents the template rests on, in Chinese. */
  source: string;
  /** True when the item list itself is local practice rather than a national text. */
  localPractice: boolean;
  reviewLevels: readonly ReviewLevel[];
  /** Below `passMark` the result is 未达标; stars from the highest threshold met (none = 达标 without stars). */
  passMark: number;
  stars: readonly StarThreshold[];
  /** Named grades by total, where the document names them (职工之家); the grade is computed, never stored. */
  grades?: GradeScale;
  items: readonly ChecklistItem[];
};

export const TEMPLATE_IDS = ['partySixHave', 'partySevenHave', 'doubleStrongSixGood', 'unionSixHave', 'workersHome'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const REVIEW_LEVEL_LABELS: Record<ReviewLevel, string> = { community: '社区（村）', street: '街道（乡镇）', district: '区（县）' };

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  secretaryInPost: '党组织书记在任', committeeElected: '支部委员会已选举产生', meetingsHeld: '本年度已召开会议', membersOnRoster: '党员名册',
  unionChair: '工会主席（组织员）在任', unionCommittee: '工会委员会已建立', unionCongressHeld: '本年度已召开职工代表大会（职工大会）',
  collectiveContract: '集体合同在有效期内', unionWomenCommittee: '女职工委员会（女职工委员）', unionFunds: '工会经费拨缴',
};
