import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { assignInstructorIn, createInstructorIn, endAssignmentIn } from '../instructor/instructor.service.js';
import { addCoverageIn, appointPositionIn, endPositionIn } from '../party-org/org-links.service.js';
import { findOrgByKey } from '../party-org/party-org.repository.js';
import { adjustOrgIn, createOrgIn } from '../party-org/party-org.service.js';
import { checkPersonFacts, idNumberIndexOf, toPersonValues } from '../person/person-input.js';
import { personAuditView, toPersonOut } from '../person/person.mapper.js';
import { findPersonByIdNumberIndex, insertPerson } from '../person/person.repository.js';
import { findUnionByKey } from '../union/union.repository.js';
import { addUnionCoverageIn, createUnionIn, updateUnionIn } from '../union/union.service.js';
import { findAssignmentByKey, findInstructorId, findPositionByKey, openOrgCoverage, openUnionCoverage } from './org-import.repository.js';
import { INSTRUCTOR_KINDS, ORG_TYPES, POSITIONS, RowReader, SETUP_MODES, UNION_KINDS, type RowError } from './parse-rows.js';
import type { TemplateRow } from './read-template.js';
import { checkContract, checkRegions, enterpriseIds, orgRef, RowRejected } from './row-refs.js';
import { PartyOrgCreate } from '../../contracts/party-org.js';
import { UnionCreate } from '../../contracts/union.js';

export { rowErrorsOf } from './row-refs.js';

export type Outcome = 'created' | 'updated' | 'unchanged';
export type ApplyDeps = { tx: Executor; actor: Actor; keyring: () => Keyring };

const done = (r: RowReader) => { if (r.errors.length) throw new RowRejected(r.errors); };

/** Only the fields the file gives and that differ from the record: what an adjustment must change. */
function diffOf(current: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(wanted).filter(([k, v]) => v !== null && v !== undefined && current[k] !== v));
}

export async function applyOrgRow(d: ApplyDeps, row: TemplateRow): Promise<Outcome> {
  const r = new RowReader(row, 'orgs');
  const v = {
    name: r.text('name', true), code: r.text('code'), orgType: r.pick('orgType', ORG_TYPES, true), setupMode: r.pick('setupMode', SETUP_MODES, true),
    temporary: r.yesNo('temporary'), mobile: r.yesNo('mobile'), regionCode: r.region('regionCode', true), foundedOn: r.date('foundedOn'),
    termYears: r.count('termYears'), termEndsOn: r.date('termEndsOn'), fullMembers: r.count('fullMembers'), probationaryMembers: r.count('probationaryMembers'),
  };
  const parentKey = r.text('parent');
  const covered = r.codes('covered');
  const coveredSince = r.date('coveredSince') ?? v.foundedOn;
  r.check(!covered.length || !!coveredSince, 'coveredSince', 'REQUIRED', '有覆盖企业时须填覆盖开始日期或成立日期');
  done(r);
  checkContract(PartyOrgCreate, v, row.row, 'orgs');
  await checkRegions(d.tx, row.row, [['属地区划代码', v.regionCode]]);
  const parent = parentKey ? await orgRef(d.tx, parentKey, null, row.row, '上级党组织') : undefined;
  const fields = { ...v, name: v.name!, orgType: v.orgType!, setupMode: v.setupMode!, parentId: parent?.id ?? null } as const;
  const existing = await findOrgByKey(d.tx, { code: v.code, name: fields.name, regionCode: v.regionCode });
  let outcome: Outcome = 'unchanged';
  let orgId: string;
  if (!existing) {
    const created = await createOrgIn(d.tx, d.actor, { ...fields, temporary: v.temporary ?? undefined, mobile: v.mobile ?? undefined, fullMembers: v.fullMembers ?? undefined, probationaryMembers: v.probationaryMembers ?? undefined });
    orgId = created.id;
    outcome = 'created';
  } else {
    orgId = existing.id;
    const current = { name: existing.name, code: existing.code, orgType: existing.org_type, setupMode: existing.setup_mode, temporary: existing.temporary, mobile: existing.mobile,
      parentId: existing.parent_id, foundedOn: existing.founded_on, termYears: existing.term_years, termEndsOn: existing.term_ends_on,
      fullMembers: existing.full_members, probationaryMembers: existing.probationary_members, regionCode: existing.region_code };
    const changes = diffOf(current, { ...fields, parentId: parentKey ? fields.parentId : null });
    if (Object.keys(changes).length) {
      await adjustOrgIn(d.tx, d.actor, orgId, { version: existing.version, changes, reason: '导入' });
      outcome = 'updated';
    }
  }
  for (const enterpriseId of await enterpriseIds(d.tx, covered, row.row, '覆盖企业统一社会信用代码')) {
    if (await openOrgCoverage(d.tx, orgId, enterpriseId)) continue;
    await addCoverageIn(d.tx, d.actor, orgId, { enterpriseId, since: coveredSince! });
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}

/** The person with this ID number (blind-index lookup), created when new. */
async function personFor(d: ApplyDeps, p: { name: string; idNumber: string; regionCode: string | null }, row: number): Promise<string> {
  const { name, idNumber } = p;
  const index = idNumberIndexOf(d.keyring(), idNumber);
  if (!index) throw new RowRejected([{ row, column: '身份证号', code: 'INVALID_ID_NUMBER', message: '身份证号码不正确（GB 11643 校验未通过）' }]);
  const found = await findPersonByIdNumberIndex(d.tx, index);
  if (found) return found.id;
  const facts = (() => {
    try {
      return checkPersonFacts({ name, idNumber, phone: null, gender: null, birthDate: null });
    } catch (err) {
      // The person's facts come from the row's 姓名 / 身份证号 columns: name them, not the API field.
      const d = err instanceof AppError ? err.details[0] : undefined;
      if (!d?.field) throw err;
      throw new RowRejected([{ row, column: d.field === 'name' ? '姓名' : '身份证号', code: d.code ?? 'VALUE_INVALID', message: d.message ?? (err as Error).message }]);
    }
  })();
  const created = await insertPerson(d.tx, { ...toPersonValues(d.keyring(), facts), region_code: p.regionCode });
  await recordAudit(d.tx, d.actor, { action: 'person.create', entity: 'person', entityId: created.id, after: personAuditView(toPersonOut(d.keyring(), created, false)) });
  return created.id;
}

export async function applyPositionRow(d: ApplyDeps, row: TemplateRow): Promise<Outcome> {
  const r = new RowReader(row, 'positions');
  const orgName = r.text('orgName', true);
  const orgRegion = r.region('orgRegion');
  const name = r.text('personName', true);
  const idNumber = r.text('idNumber', true);
  const position = r.pick('position', POSITIONS, true);
  const since = r.date('since', true);
  const until = r.date('until');
  r.check(!until || !since || until > since, 'until', 'UNTIL_BEFORE_SINCE', '离任日期须晚于任职日期');
  done(r);
  await checkRegions(d.tx, row.row, [['属地区划代码', orgRegion]]);
  const org = await orgRef(d.tx, orgName!, orgRegion, row.row, '党组织名称');
  // A person first met in this row is registered where the organisation sits.
  const personId = await personFor(d, { name: name!, idNumber: idNumber!, regionCode: org.region_code }, row.row);
  const key = { orgId: org.id, personId, position: position!, since: since! };
  let existing = await findPositionByKey(d.tx, key);
  let outcome: Outcome = 'unchanged';
  if (!existing) {
    const p = await appointPositionIn(d.tx, d.actor, org.id, { personId, position: position!, since: since! }, { personByIdNumber: true });
    existing = { id: p.id, until: null };
    outcome = 'created';
  }
  if (until && existing.until === null) {
    await endPositionIn(d.tx, d.actor, org.id, existing.id, { until, reason: '导入' });
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}

export async function applyUnionRow(d: ApplyDeps, row: TemplateRow): Promise<Outcome> {
  const r = new RowReader(row, 'unions');
  const v = {
    name: r.text('name', true), code: r.text('code'), kind: r.pick('kind', UNION_KINDS, true), regionCode: r.region('regionCode', true),
    foundedOn: r.date('foundedOn'), termYears: r.count('termYears'), members: r.count('members'), femaleMembers: r.count('femaleMembers'),
    hasCommittee: r.yesNo('hasCommittee'), hasWomenCommittee: r.yesNo('hasWomenCommittee'), fundsBasis: r.text('fundsBasis'),
  };
  const covered = r.codes('covered');
  const coveredSince = r.date('coveredSince') ?? v.foundedOn;
  r.check(!covered.length || !!coveredSince, 'coveredSince', 'REQUIRED', '有覆盖企业时须填覆盖开始日期或成立日期');
  r.check(v.members === null || v.femaleMembers === null || v.femaleMembers <= v.members, 'femaleMembers', 'FEMALE_EXCEEDS', '女会员数不能大于会员数');
  done(r);
  checkContract(UnionCreate, v, row.row, 'unions');
  await checkRegions(d.tx, row.row, [['属地区划代码', v.regionCode]]);
  const existing = await findUnionByKey(d.tx, { code: v.code, name: v.name!, regionCode: v.regionCode });
  let outcome: Outcome = 'unchanged';
  let unionId: string;
  const fields = Object.fromEntries(Object.entries({ ...v, name: v.name!, kind: v.kind! }).filter(([, x]) => x !== null));
  if (!existing) {
    unionId = (await createUnionIn(d.tx, d.actor, fields as Parameters<typeof createUnionIn>[2])).id;
    outcome = 'created';
  } else {
    unionId = existing.id;
    const current = { name: existing.name, code: existing.code, kind: existing.kind, regionCode: existing.region_code, foundedOn: existing.founded_on,
      termYears: existing.term_years, members: existing.members, femaleMembers: existing.female_members, hasCommittee: existing.has_committee,
      hasWomenCommittee: existing.has_women_committee, fundsBasis: existing.funds_basis };
    const changes = diffOf(current, fields);
    if (Object.keys(changes).length) {
      await updateUnionIn(d.tx, d.actor, unionId, { version: existing.version, changes, reason: '导入' });
      outcome = 'updated';
    }
  }
  for (const enterpriseId of await enterpriseIds(d.tx, covered, row.row, '覆盖企业统一社会信用代码')) {
    if (await openUnionCoverage(d.tx, unionId, enterpriseId)) continue;
    await addUnionCoverageIn(d.tx, d.actor, unionId, { enterpriseId, since: coveredSince! });
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}

export async function applyAssignmentRow(d: ApplyDeps, row: TemplateRow): Promise<Outcome> {
  const r = new RowReader(row, 'assignments');
  const name = r.text('personName', true);
  const idNumber = r.text('idNumber', true);
  const kind = r.pick('kind', INSTRUCTOR_KINDS, true);
  const regionCode = r.region('regionCode');
  const creditCode = r.codes('creditCode')[0] ?? r.text('creditCode', true);
  const since = r.date('since', true);
  const until = r.date('until');
  r.check(!until || !since || until > since, 'until', 'UNTIL_BEFORE_SINCE', '结束日期须晚于开始日期');
  done(r);
  await checkRegions(d.tx, row.row, [['所属区划代码', regionCode]]);
  const [enterpriseId] = await enterpriseIds(d.tx, [creditCode!], row.row, '企业统一社会信用代码');
  // A person first met in this row is registered where the instructor belongs.
  const personId = await personFor(d, { name: name!, idNumber: idNumber!, regionCode }, row.row);
  let outcome: Outcome = 'unchanged';
  let instructorId = (await findInstructorId(d.tx, personId, kind!))?.id;
  if (!instructorId) {
    instructorId = (await createInstructorIn(d.tx, d.actor, { personId, kind: kind!, regionCode }, { personByIdNumber: true })).id;
    outcome = 'created';
  }
  let existing = await findAssignmentByKey(d.tx, { instructorId, enterpriseId: enterpriseId!, since: since! });
  if (!existing) {
    existing = { id: (await assignInstructorIn(d.tx, d.actor, instructorId, { enterpriseId: enterpriseId!, since: since! })).id, until: null };
    outcome = 'created';
  }
  if (until && existing.until === null) {
    await endAssignmentIn(d.tx, d.actor, instructorId, existing.id, { until, reason: '导入' });
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}
