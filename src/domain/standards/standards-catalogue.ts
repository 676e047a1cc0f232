import { PLATFORM_SETTING } from '../rules/citations.js';
import { STANDARD_DOC as D } from './standards-sources.js';
import type { ChecklistItem, ChecklistVersion, GradeScale, StarThreshold, TemplateId } from './standards-types.js';

/**
 * The checklist templates (issue 15 item 2; docs/standards.md) — 六有, 七个有, 双强六好 for Party
 * organisations, 六有 and 职工之家 for unions — as dated versions. The item lists are local practice
 * (各地实施办法, cited as such); the items that rest on a national text cite it in `requirement`.
 * A district that adopts another list adds a version with its own `validFrom`; nothing else changes.
 */
const UP = ['upload', 'attestation'] as const;
const UPLOAD = ['upload'] as const;
const FIVE: readonly StarThreshold[] = [{ stars: 5, min: 95 }, { stars: 4, min: 85 }, { stars: 3, min: 75 }, { stars: 2, min: 65 }, { stars: 1, min: 60 }];
const THREE: readonly StarThreshold[] = [{ stars: 3, min: 90 }, { stars: 2, min: 80 }, { stars: 1, min: 70 }];
const SINCE = '2019-01-01';
/**
 * 职工之家 grades by the reviewed total. The names are 全总's; the cut-off scores were not found in a
 * national text, so they are the platform's working rule (a district enters its own in a new version).
 */
const WORKERS_HOME_GRADES: GradeScale = {
  thresholds: [{ grade: '模范职工之家', min: 90 }, { grade: '先进职工之家', min: 80 }, { grade: '合格职工之家', min: 60 }],
  source: `${D.workersHomeGrades}；分数线：90分以上为模范职工之家，80分以上为先进职工之家，60分以上为合格职工之家（${PLATFORM_SETTING}）`,
};

const item = (key: string, title: string, weight: number, requirement: string, extra: Partial<ChecklistItem> = {}): ChecklistItem =>
  ({ key, title, weight, requirement, accepts: UP, ...extra });

const COMMITTEE = `${D.branchRegulation}（正式党员7人以上的党支部设立支部委员会）`;
const THREE_MEMBERS = `${D.partyConstitution}第三十条（有正式党员三人以上的，都应当成立党的基层组织）`;

export const CHECKLIST_VERSIONS: readonly ChecklistVersion[] = [
  {
    templateId: 'partySixHave', validFrom: SINCE, name: '党组织“六有”规范化建设', orgKind: 'partyOrg',
    source: `${D.nonPublicOpinion}；${D.localSixHave}`, localPractice: true, reviewLevels: ['street'], passMark: 60, stars: THREE,
    items: [
      item('organisation', '有健全的组织', 20, `按规定设立党组织，班子健全；${COMMITTEE}`, { record: { record: 'committeeElected', minPositions: 3 } }),
      item('secretary', '有合格的书记', 15, '党组织书记在任，政治素质好、熟悉党务', { record: { record: 'secretaryInPost' } }),
      item('site', '有活动场所', 15, '有相对固定的党员活动场所（可与工会等共享）'),
      item('rules', '有规章制度', 15, '三会一课、组织生活会、党员教育管理等制度健全', { accepts: UPLOAD }),
      item('activities', '有经常性活动', 20, `${D.branchRegulation}第十六条（每月相对固定1天开展主题党日）；本年度已开展6次以上`, { record: { record: 'meetingsHeld', kind: 'themeDay', min: 6 } }),
      item('funds', '有经费保障', 15, '党建工作经费有保障（党费返还、企业管理费列支等）'),
    ],
  },
  {
    templateId: 'partySevenHave', validFrom: SINCE, name: '党组织“七个有”建设', orgKind: 'partyOrg',
    source: `${D.nonPublicOpinion}；${D.localSevenHave}`, localPractice: true, reviewLevels: ['street', 'district'], passMark: 60, stars: FIVE,
    items: [
      item('organisation', '有组织', 15, COMMITTEE, { record: { record: 'committeeElected', minPositions: 3 } }),
      item('members', '有队伍', 15, THREE_MEMBERS, { record: { record: 'membersOnRoster', min: 3 } }),
      item('site', '有阵地', 15, '有相对固定、标识规范的党员活动阵地'),
      item('rules', '有制度', 10, '党组织工作制度健全并上墙或成册', { accepts: UPLOAD }),
      item('activities', '有活动', 20, `${D.branchRegulation}第十一条（支部党员大会一般每季度召开1次）；本年度已召开4次以上`, { record: { record: 'meetingsHeld', kind: 'memberMeeting', min: 4 } }),
      item('funds', '有经费', 10, '党建工作经费有来源、有台账'),
      item('effect', '有作用', 15, '党组织在企业发展、职工队伍建设中发挥作用，有具体事例'),
    ],
  },
  {
    templateId: 'doubleStrongSixGood', validFrom: SINCE, name: '“双强六好”党组织创建', orgKind: 'partyOrg',
    source: `${D.nonPublicOpinion}；${D.localDoubleStrong}`, localPractice: true, reviewLevels: ['street', 'district'], passMark: 60, stars: FIVE,
    items: [
      item('leadership', '领导班子好', 20, '党组织书记在任，班子团结、作风好', { record: { record: 'secretaryInPost' } }),
      item('members', '党员队伍好', 15, THREE_MEMBERS, { record: { record: 'membersOnRoster', min: 3 } }),
      item('mechanism', '工作机制好', 15, `${D.branchRegulation}第十二条（支部委员会会议一般每月召开1次）；本年度已召开10次以上`, { record: { record: 'meetingsHeld', kind: 'committeeMeeting', min: 10 } }),
      item('life', '组织生活好', 20, `${D.branchRegulation}第十七条（每年至少召开1次组织生活会）`, { record: { record: 'meetingsHeld', kind: 'lifeMeeting', min: 1 } }),
      item('performance', '发展业绩好', 15, '企业依法经营、发展态势良好（党建强、发展强）'),
      item('reputation', '群众反映好', 15, '职工群众认可，社会反响好'),
    ],
  },
  {
    templateId: 'unionSixHave', validFrom: SINCE, name: '工会“六有”建设', orgKind: 'union',
    source: `${D.tradeUnionLaw}；${D.localUnionSixHave}`, localPractice: true, reviewLevels: ['street'], passMark: 60, stars: THREE,
    items: [
      item('chair', '有依法选举的工会主席', 20, `${D.tradeUnionLaw}（工会主席由民主选举产生）`, { record: { record: 'unionChair' } }),
      item('organisation', '有健全的工会组织', 15, '建立工会委员会（会员不足25人的可选举组织员）', { record: { record: 'unionCommittee' } }),
      item('site', '有职工活动阵地', 15, '有职工活动场所（可与党组织共享）'),
      item('rules', '有规范的工作制度', 15, '会员管理、经费管理、厂务公开等制度健全', { accepts: UPLOAD }),
      item('activities', '有经常性的活动', 20, `${D.tradeUnionLaw}（职工代表大会或职工大会是企业实行民主管理的基本形式）；本年度已召开`, { record: { record: 'unionCongressHeld' } }),
      item('funds', '有稳定的经费', 15, `${D.tradeUnionLaw}（按全部职工工资总额2%拨缴工会经费）`, { record: { record: 'unionFunds' } }),
    ],
  },
  {
    templateId: 'workersHome', validFrom: SINCE, name: '“职工之家”建设', orgKind: 'union',
    source: `${D.tradeUnionLaw}；${D.localWorkersHome}`, localPractice: true, reviewLevels: ['street', 'district'], passMark: 60, stars: FIVE,
    grades: WORKERS_HOME_GRADES,
    items: [
      item('organisation', '组织健全', 15, '工会委员会依法建立、按期换届', { record: { record: 'unionCommittee' } }),
      item('democracy', '民主管理', 20, `${D.tradeUnionLaw}（职工代表大会制度）；本年度已召开职代会或职工大会`, { record: { record: 'unionCongressHeld' } }),
      item('bargaining', '集体协商', 20, `${D.collectiveContract}（集体合同依法签订并报送审查）`, { record: { record: 'collectiveContract' } }),
      item('women', '女职工工作', 10, `${D.womenCommitteeRegulation}（建立女职工委员会或配备女职工委员）`, { record: { record: 'unionWomenCommittee' } }),
      item('service', '服务职工', 20, '困难帮扶、技能提升、文体活动等服务职工事例'),
      item('site', '阵地建设', 15, '有职工书屋、活动室等阵地', { accepts: UPLOAD }),
    ],
  },
];

export const TEMPLATE_LABELS: Record<TemplateId, string> = {
  partySixHave: '党组织“六有”', partySevenHave: '党组织“七个有”', doubleStrongSixGood: '“双强六好”',
  unionSixHave: '工会“六有”', workersHome: '职工之家',
};

/** The version of a template in force on `date`, or undefined before the first. */
export function checklistVersionOn(templateId: string, date: string): ChecklistVersion | undefined {
  return CHECKLIST_VERSIONS.find((v) => v.templateId === templateId && v.validFrom <= date && (v.validTo === undefined || date < v.validTo));
}

export const checklistVersionAt = (templateId: string, validFrom: string): ChecklistVersion | undefined =>
  CHECKLIST_VERSIONS.find((v) => v.templateId === templateId && v.validFrom === validFrom);

/** The templates in force on `date` for an organisation kind. */
export const checklistsOn = (date: string, orgKind?: ChecklistVersion['orgKind']): ChecklistVersion[] =>
  CHECKLIST_VERSIONS.filter((v) => (!orgKind || v.orgKind === orgKind) && v.validFrom <= date && (v.validTo === undefined || date < v.validTo));
