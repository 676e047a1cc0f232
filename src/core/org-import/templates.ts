/**
 * XLSX templates for the organisation imports (docs/organisations.md "Import templates"). The label
 * is the header a template carries and an export writes; `synonyms` are other spellings accepted.
 */
export type OrgImportKind = 'orgs' | 'positions' | 'unions' | 'assignments';
export type TemplateColumn = { key: string; label: string; required: boolean; note: string; synonyms?: string[] };

export const ORG_IMPORT_KINDS: readonly OrgImportKind[] = ['orgs', 'positions', 'unions', 'assignments'];

export const TEMPLATE_TITLE: Record<OrgImportKind, string> = {
  orgs: '党组织导入模板', positions: '党组织班子成员导入模板', unions: '工会组织导入模板', assignments: '党建指导员（联络员）联系企业导入模板',
};

export const TEMPLATES: Record<OrgImportKind, TemplateColumn[]> = {
  orgs: [
    { key: 'name', label: '党组织名称', required: true, note: '同一区划内名称唯一（自然键：组织代码，或名称+属地区划）', synonyms: ['组织名称', '名称'] },
    { key: 'code', label: '组织代码', required: false, note: '有则按代码匹配' },
    { key: 'orgType', label: '组织类别', required: true, note: '基层党委、党总支、党支部', synonyms: ['类别', '组织类型'] },
    { key: 'setupMode', label: '组建方式', required: true, note: '单独组建、联合组建、挂靠组建、派员组建' },
    { key: 'temporary', label: '是否临时党支部', required: false, note: '是/否' },
    { key: 'mobile', label: '是否流动党员党支部', required: false, note: '是/否' },
    { key: 'parent', label: '上级党组织', required: false, note: '上级党组织名称（同区划或本文件前面的行）或组织代码', synonyms: ['上级组织'] },
    { key: 'regionCode', label: '属地区划代码', required: true, note: '12位统计用区划代码', synonyms: ['区划代码'] },
    { key: 'foundedOn', label: '成立日期', required: false, note: '如 2020-05-01' },
    { key: 'termYears', label: '任期（年）', required: false, note: '空则按规则（党支部、党总支3年，基层党委5年）', synonyms: ['任期'] },
    { key: 'termEndsOn', label: '任期届满日期', required: false, note: '空则按成立日期和任期推算', synonyms: ['换届日期'] },
    { key: 'fullMembers', label: '正式党员数', required: false, note: '整数' },
    { key: 'probationaryMembers', label: '预备党员数', required: false, note: '整数' },
    { key: 'covered', label: '覆盖企业统一社会信用代码', required: false, note: '多个用顿号、逗号或换行分隔', synonyms: ['覆盖企业'] },
    { key: 'coveredSince', label: '覆盖开始日期', required: false, note: '空则取成立日期' },
  ],
  positions: [
    { key: 'orgName', label: '党组织名称', required: true, note: '已有的党组织', synonyms: ['组织名称'] },
    { key: 'orgRegion', label: '属地区划代码', required: false, note: '党组织的属地区划代码（名称重复时必填）', synonyms: ['区划代码'] },
    { key: 'personName', label: '姓名', required: true, note: '' },
    { key: 'idNumber', label: '身份证号', required: true, note: '18位（加密保存，用于识别同一人）', synonyms: ['公民身份号码', '身份证号码'] },
    { key: 'position', label: '职务', required: true, note: '书记、副书记、委员' },
    { key: 'since', label: '任职日期', required: true, note: '' },
    { key: 'until', label: '离任日期', required: false, note: '离任当日起不再担任' },
  ],
  unions: [
    { key: 'name', label: '工会名称', required: true, note: '同一区划内名称唯一', synonyms: ['名称'] },
    { key: 'code', label: '工会代码', required: false, note: '' },
    { key: 'kind', label: '工会类别', required: true, note: '独立工会、联合工会、工会联合会' },
    { key: 'regionCode', label: '属地区划代码', required: true, note: '12位统计用区划代码', synonyms: ['区划代码'] },
    { key: 'foundedOn', label: '成立日期', required: false, note: '' },
    { key: 'termYears', label: '任期（年）', required: false, note: '3或5' },
    { key: 'members', label: '会员数', required: false, note: '整数' },
    { key: 'femaleMembers', label: '女会员数', required: false, note: '整数' },
    { key: 'hasCommittee', label: '是否建立工会委员会', required: false, note: '是/否（否则为工会组织员）' },
    { key: 'hasWomenCommittee', label: '是否建立女职工委员会', required: false, note: '是/否' },
    { key: 'fundsBasis', label: '经费拨缴方式', required: false, note: '如：按工资总额2%拨缴' },
    { key: 'covered', label: '覆盖企业统一社会信用代码', required: false, note: '多个用顿号、逗号或换行分隔', synonyms: ['覆盖企业'] },
    { key: 'coveredSince', label: '覆盖开始日期', required: false, note: '空则取成立日期' },
  ],
  assignments: [
    { key: 'personName', label: '姓名', required: true, note: '' },
    { key: 'idNumber', label: '身份证号', required: true, note: '18位（加密保存）', synonyms: ['公民身份号码', '身份证号码'] },
    { key: 'kind', label: '类别', required: true, note: '党建指导员、联络员' },
    { key: 'regionCode', label: '所属区划代码', required: false, note: '指导员所属区划（12位）', synonyms: ['属地区划代码', '区划代码'] },
    { key: 'creditCode', label: '企业统一社会信用代码', required: true, note: '联系的企业', synonyms: ['统一社会信用代码', '信用代码'] },
    { key: 'since', label: '开始日期', required: true, note: '' },
    { key: 'until', label: '结束日期', required: false, note: '当日起不再联系' },
  ],
};
