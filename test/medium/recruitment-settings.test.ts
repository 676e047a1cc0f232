import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { getCaseIn } from '../../src/core/recruitment/recruitment.query.js';
import { getRecruitmentSettings, saveRecruitmentSettings } from '../../src/core/recruitment/recruitment-settings.js';
import { worklistPage } from '../../src/core/worklist/worklist.service.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedPerson, seedRegions } from '../helpers/org-fixtures.js';

/**
 * 发展党员 province settings (docs/recruitment.md, "Settings"): changed only by the whole
 * jurisdiction's organisation department, versioned and audited; the case's findings, on its page and
 * on the work list, follow the setting of its organisation's province from the setting's day.
 */
const keyring = parseKeyring(generateKeyringText(), 'env', null);
const sys = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const LOCAL = '《浙江省发展党员工作实施细则》';

describe(`recruitment province settings on ${testEngine()}`, () => {
  let database: Database;
  let caseId = '';
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    const { id: orgId } = await db.insertInto('party_org').values({ name: '北山第一党支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('party_org').set({ path: orgId }).where('id', '=', orgId).execute();
    caseId = (await db.insertInto('recruitment_case').values({
      person_id: await seedPerson(db, '周公示', COMMUNITY_A1), org_id: orgId, stage: 'candidate', applied_on: '2020-01-10', talked_on: '2020-01-20', talker_name: '王书记',
      activist_on: '2020-03-01', candidate_on: '2021-03-15', candidate_notice_from: '2021-03-16', candidate_notice_to: '2021-03-18',
    }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => database?.close());

  const short = async () => (await getCaseIn(database.db, keyring, townA, caseId)).findings.find((f) => f.ruleId === 'member.publicNoticeShort');

  it('only the whole jurisdiction changes them; bad values are refused with the field; a stale version is a conflict', async () => {
    expect(await getRecruitmentSettings(database.db, townA)).toEqual({ version: 0, entries: [], canChange: false });
    expect((await getRecruitmentSettings(database.db, sys)).canChange).toBe(true);
    const entry = { province: '33', param: 'publicNoticeMinDays', value: 3, validFrom: '2020-01-01', source: `${LOCAL}第十六条` } as const;
    expect(await codeOf(saveRecruitmentSettings(database.db, townA, { version: 0, entries: [entry] }))).toBe('UNRESTRICTED_SCOPE_REQUIRED');
    expect(await codeOf(saveRecruitmentSettings(database.db, sys, { version: 0, entries: [{ ...entry, value: 0 }] }))).toBe('OUT_OF_RANGE');
    expect(await codeOf(saveRecruitmentSettings(database.db, sys, { version: 0, entries: [entry, entry] }))).toBe('DUPLICATE');
    expect(await codeOf(saveRecruitmentSettings(database.db, sys, { version: 3, entries: [entry] }))).toBe('VERSION_CONFLICT');
    expect((await getRecruitmentSettings(database.db, sys)).version).toBe(0);
    expect(await database.db.selectFrom('audit_event').select('action').where('action', '=', 'recruitment.settings').execute()).toEqual([]);
  });

  it('a 3-day 公示 is short under the national 5 days, not under the province\'s 3, and short under its 7 citing the local text', async () => {
    expect((await short())?.source).toContain('中国共产党发展党员工作细则');
    const three = await saveRecruitmentSettings(database.db, sys, { version: 0, entries: [{ province: '33', param: 'publicNoticeMinDays', value: 3, validFrom: '2020-01-01', source: `${LOCAL}第十六条` }] });
    expect(three.version).toBe(1);
    expect(await short()).toBeUndefined();
    const list = await worklistPage(database.db, sys, 'alerts', { limit: 1000, kind: 'recruitment_case', ruleId: 'member.publicNoticeShort' });
    expect(list.items).toEqual([]);
    await saveRecruitmentSettings(database.db, sys, { version: 1, entries: [{ province: '33', param: 'publicNoticeMinDays', value: 7, validFrom: '2020-01-01', source: `${LOCAL}第十六条` }] });
    const f = (await short())!;
    expect(f.summary).toContain('不足7天');
    expect(f.message).toContain(LOCAL);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'entity_id']).where('action', '=', 'recruitment.settings').execute();
    expect(audit).toEqual([{ action: 'recruitment.settings', entity_id: 'recruitment.settings' }, { action: 'recruitment.settings', entity_id: 'recruitment.settings' }]);
  });
});
