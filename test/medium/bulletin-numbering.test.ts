import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getIssuer, issueBulletin, saveIssuer } from '../../src/core/report/bulletin-issue.service.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The bulletin's 文号 (docs/bulletin.md): numbered per office and year from 1, the same bulletin
 * keeps its number, bulletins issued at the same moment get distinct consecutive numbers (on
 * PostgreSQL truly at once, over a pool of connections). Settings are versioned, audited and set
 * only by the region's department. Region world: 西湖区 330106 with 北山街道 and 西溪街道.
 */
let database: Database;
const sys = systemActor();
const district = actorWith('org_admin', { regionPrefixes: ['330106'] }, 'xihu');
const otherDistrict = actorWith('org_admin', { regionPrefixes: ['330108'] }, 'binjiang');
const street = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'beishan');
const YEAR = Number(todayInChina().slice(0, 4));
const audits = async (action: string) => Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n'))
  .where('action', '=', action).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedRegions(database.db);
});
afterAll(async () => database?.close());

describe(`bulletin numbering on ${testEngine()}`, () => {
  it('starts from defaults made of the region names', async () => {
    const s = await getIssuer(database.db, district, '330106');
    expect(s).toMatchObject({
      version: 0, docPrefix: '西组通', office: '中共杭州市西湖区委组织部', copyTo: '杭州市委组织部', printedBy: '中共杭州市西湖区委组织部',
      mainTo: '各街道党工委', issuedThisYear: 0, nextNumber: `西组通〔${YEAR}〕1号`,
    });
    expect((await getIssuer(database.db, street, '330106001')).mainTo).toBe('各社区党组织');
  });

  it('only the region department sets them; versioned and audited', async () => {
    const fields = { docPrefix: '西组通', office: '中共杭州市西湖区委组织部', copyTo: '杭州市委组织部', printedBy: '中共杭州市西湖区委组织部办公室' };
    await expect(saveIssuer(database.db, street, { region: '330106001', version: 0, ...fields })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveIssuer(database.db, otherDistrict, { region: '330106', version: 0, ...fields })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const saved = await saveIssuer(database.db, district, { region: '330106', version: 0, ...fields });
    expect(saved).toMatchObject({ version: 1, printedBy: '中共杭州市西湖区委组织部办公室' });
    await expect(saveIssuer(database.db, district, { region: '330106', version: 0, ...fields, docPrefix: '错组通' })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await getIssuer(database.db, district, '330106')).docPrefix).toBe('西组通');
    expect(await audits('report.issuer_save')).toBe(1);
  });

  it('numbers per year from 1; the same bulletin keeps its number', async () => {
    const july = await issueBulletin(database.db, district, '330106', '2025-07');
    const aug = await issueBulletin(database.db, district, '330106', '2025-08');
    expect([july.docNumber, aug.docNumber]).toEqual([`西组通〔${YEAR}〕1号`, `西组通〔${YEAR}〕2号`]);
    expect(july).toMatchObject({ mainTo: '各街道党工委', copyTo: '杭州市委组织部', printedBy: '中共杭州市西湖区委组织部办公室', issuedOn: todayInChina() });
    expect(await issueBulletin(database.db, sys, '330106', '2025-07')).toEqual(july);
    expect(await audits('report.bulletin_number')).toBe(2);
    // A street numbers on its own.
    expect((await issueBulletin(database.db, sys, '330106001', '2025-07')).docNumber).toBe(`北山工通〔${YEAR}〕1号`);
    // Another district's bulletins are not this department's to number.
    await expect(issueBulletin(database.db, district, '330108', '2025-07')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('bulletins issued at once get distinct consecutive numbers; repeats of one share it', async () => {
    const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
    const requests = [...months, '2025-01', '2025-01', '2025-03'].map((m) => issueBulletin(database.db, district, '330106', m).then((i) => [m, i.seq] as const));
    const got = await Promise.all(requests);
    const byMonth = new Map<string, Set<number>>();
    for (const [m, seq] of got) byMonth.set(m, (byMonth.get(m) ?? new Set()).add(seq));
    for (const m of months) expect(byMonth.get(m)!.size, m).toBe(1);
    expect(months.map((m) => [...byMonth.get(m)!][0]!).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8]);
    expect((await getIssuer(database.db, district, '330106')).nextNumber).toBe(`西组通〔${YEAR}〕9号`);
    expect(await audits('report.bulletin_number')).toBe(2 + 1 + 6);
  });

  it('a new prefix applies to later numbers only; issued ones keep theirs', async () => {
    const now = await getIssuer(database.db, district, '330106');
    await saveIssuer(database.db, district, { region: '330106', version: now.version, docPrefix: '杭西组通', office: now.office, copyTo: now.copyTo, printedBy: now.printedBy });
    expect((await issueBulletin(database.db, district, '330106', '2025-07')).docNumber).toBe(`西组通〔${YEAR}〕1号`);
    expect((await issueBulletin(database.db, district, '330106', '2025-09')).docNumber).toBe(`杭西组通〔${YEAR}〕9号`);
  });
});
