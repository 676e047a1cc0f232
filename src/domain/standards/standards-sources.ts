import { DOC } from '../rules/citations.js';

/**
 * The texts the checklist templates cite, as people read them. Where no national text lists the
 * items, the list is local practice and is cited as such (各地…实施办法), never given a title of our own.
 */
export const STANDARD_DOC = {
  nonPublicOpinion: '中共中央办公厅《关于加强和改进非公有制企业党的建设工作的意见（试行）》（2012年）',
  branchRegulation: DOC.branchRegulation,
  partyConstitution: DOC.partyConstitution,
  tradeUnionLaw: DOC.tradeUnionLaw,
  localSixHave: '各地非公有制企业党组织“六有”规范化建设标准（地方实施办法）',
  localSevenHave: '各地两新组织党组织“七个有”建设标准（地方实施办法）',
  localDoubleStrong: '各地非公有制企业党组织“双强六好”创建标准（地方实施办法）',
  localUnionSixHave: '中华全国总工会关于“六有”工会建设的要求及各地工会实施办法',
  localWorkersHome: '中华全国总工会关于职工之家建设的要求及各地工会“职工之家”建设标准',
  workersHomeGrades: '中华全国总工会关于建设职工之家的要求（模范职工之家、合格职工之家由工会命名）',
  womenCommitteeRegulation: DOC.womenCommitteeRegulation,
  collectiveContract: DOC.collectiveContractProvisions,
} as const;
