import type { Executor } from '../../../db/schema.js';
import { todayInChina } from '../../../domain/org-terms.js';
import type { Actor } from '../../access/actor.js';
import { scopeFor } from '../../access/scope.js';
import { generateOrganisations, type OrganisationPlan } from '../../generator/organisations.js';
import { assignInstructorIn, createInstructorIn } from '../../instructor/instructor.service.js';
import { addCoverageIn, appointPositionIn } from '../../party-org/org-links.service.js';
import { listOrgs } from '../../party-org/party-org.repository.js';
import { createOrgIn } from '../../party-org/party-org.service.js';
import { insertPerson } from '../../person/person.repository.js';
import { addContractIn, addUnionCoverageIn, createUnionIn } from '../../union/union.service.js';
import type { DemoStep } from '../demo.js';
import { districtEnterprises, districtRegionNames } from '../demo.repository.js';

const person = async (tx: Executor, name: string) =>
  (await insertPerson(tx, { name, gender: null, birth_date: null, id_number_enc: null, id_number_index: null, phone_enc: null, phone_index: null, key_id: null })).id;

async function applyOrgs(tx: Executor, actor: Actor, plan: OrganisationPlan): Promise<void> {
  const ids = new Map<string, string>();
  for (const o of plan.orgs) {
    const org = await createOrgIn(tx, actor, { name: o.name, orgType: o.orgType, setupMode: o.setupMode, regionCode: o.regionCode, parentId: o.parentKey ? ids.get(o.parentKey) ?? null : null,
      foundedOn: o.foundedOn, termEndsOn: o.termEndsOn, fullMembers: o.fullMembers, probationaryMembers: o.probationaryMembers });
    ids.set(o.key, org.id);
    for (const enterpriseId of o.covers) await addCoverageIn(tx, actor, org.id, { enterpriseId, since: o.foundedOn, mode: o.setupMode });
    if (o.secretary) await appointPositionIn(tx, actor, org.id, { personId: await person(tx, o.secretary.name), position: 'secretary', since: o.secretary.since });
    if (o.deputy) await appointPositionIn(tx, actor, org.id, { personId: await person(tx, o.deputy), position: 'deputySecretary', since: o.foundedOn });
  }
}

async function applyUnionsAndInstructors(tx: Executor, actor: Actor, plan: OrganisationPlan): Promise<void> {
  for (const u of plan.unions) {
    const union = await createUnionIn(tx, actor, { name: u.name, kind: u.kind, regionCode: u.regionCode, foundedOn: u.foundedOn, termYears: u.termYears, members: u.members,
      femaleMembers: u.femaleMembers, hasCommittee: u.hasCommittee, hasWomenCommittee: u.hasWomenCommittee, fundsBasis: '按工资总额2%拨缴' });
    for (const enterpriseId of u.covers) await addUnionCoverageIn(tx, actor, union.id, { enterpriseId, since: u.foundedOn });
    if (u.contract) await addContractIn(tx, actor, union.id, { kind: 'collective', signedOn: u.contract.signedOn, startsOn: u.contract.signedOn, endsOn: u.contract.endsOn });
  }
  for (const i of plan.instructors) {
    const ins = await createInstructorIn(tx, actor, { personId: await person(tx, i.name), kind: i.kind, regionCode: i.regionCode });
    for (const a of i.assignments) await assignInstructorIn(tx, actor, ins.id, a);
  }
}

/** Party organisations, positions, unions and instructors for the demo district (skipped when present). */
export const organisationsStep: DemoStep = {
  title: '生成党组织、工会和党建指导员',
  async run(ctx) {
    const db = ctx.database.db;
    const prefix = ctx.district.countyCode;
    const existing = await listOrgs(db, scopeFor(ctx.actor, 'org.read'), { regionPrefix: prefix, limit: 1 });
    if (existing.length) {
      ctx.log('      已有党组织，跳过');
      return;
    }
    const enterprises = await districtEnterprises(db, prefix);
    const plan = generateOrganisations(enterprises, { seed: ctx.seed, today: todayInChina(), regions: await districtRegionNames(db, prefix) });
    await db.transaction().execute(async (tx) => {
      await applyOrgs(tx, ctx.actor, plan);
      await applyUnionsAndInstructors(tx, ctx.actor, plan);
    });
    ctx.log(`      党组织 ${plan.orgs.length} 个，工会 ${plan.unions.length} 个，指导员（联络员）${plan.instructors.length} 名`);
    ctx.nextSteps.push('在“工作清单”中查看空白点、预警和建议；在“党组织”中查看组织树和“为什么这样显示？”');
    ctx.nextSteps.push(`联合党支部组建方案：GET /api/planner/joint-branches?regionPrefix=${prefix}`);
  },
};
