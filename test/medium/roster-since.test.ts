import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { getOrgDetail } from '../../src/core/party-org/party-org.query.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { setRosterSince } from '../../src/core/party-org/roster-since.service.js';
import { AppError } from '../../src/domain/errors.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedRegions, TOWN_A } from '../helpers/org-fixtures.js';

/**
 * 党员名册启用日期 (docs/members.md, "Counts"): the organisation's managers state it; Chinese
 * refusals for a date in the future or before the founding date; a stale version is a conflict;
 * success switches the counts to the roster, with a history event and an audit entry. Who may
 * set it (two streets, a joint branch across them) is in the permission matrix and the scope property test.
 */
const admin = systemActor('tester');

describe(`roster_since on ${testEngine()}`, () => {
  let database: Database;
  let orgId = '';
  const detail = () => getOrgDetail(database.db, admin, orgId, todayInChina());
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    return { code: err.code, message: err.message, field: err.details?.[0]?.code };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    orgId = (await createOrg(database.db, admin, {
      name: '南岭名册启用党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A, foundedOn: '2021-03-15', fullMembers: 5, probationaryMembers: 2,
    })).id;
  });
  afterAll(async () => { await database?.close(); });

  it('refuses a date after today or before the founding date, in Chinese, writing nothing', async () => {
    const v = (await detail()).version;
    expect(await refusal(setRosterSince(database.db, admin, orgId, { version: v, rosterSince: '2999-01-01' })))
      .toEqual({ code: 'VALIDATION_FAILED', message: '党员名册启用日期不能晚于今天', field: 'NOT_FUTURE' });
    expect(await refusal(setRosterSince(database.db, admin, orgId, { version: v, rosterSince: '2021-03-14' })))
      .toEqual({ code: 'VALIDATION_FAILED', message: '党员名册启用日期不能早于党组织成立日期（2021-03-15）', field: 'BEFORE_FOUNDED' });
    expect(await detail()).toMatchObject({ rosterSince: null, memberCountSource: 'typed', fullMembers: 5, version: v });
  });

  it('a stale version is a conflict', async () => {
    const v = (await detail()).version;
    expect((await refusal(setRosterSince(database.db, admin, orgId, { version: v + 5, rosterSince: '2024-01-01' }))).code).toBe('VERSION_CONFLICT');
  });

  it('sets the date: counts from the roster, history event, audit entry', async () => {
    const v = (await detail()).version;
    const out = await setRosterSince(database.db, admin, orgId, { version: v, rosterSince: '2021-03-15' });
    expect(out).toMatchObject({ rosterSince: '2021-03-15', memberCountSource: 'roster', version: v + 1 });
    expect(await detail()).toMatchObject({ rosterSince: '2021-03-15', memberCountSource: 'roster', fullMembers: 0, probationaryMembers: 0 });
    const ev = await database.db.selectFrom('party_org_event').select(['kind', 'at', 'data']).where('org_id', '=', orgId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(ev.kind).toBe('adjusted');
    expect(String(ev.at).slice(0, 10) === '2021-03-15' || (ev.at as unknown) instanceof Date).toBe(true);
    expect(ev.data).toMatchObject({ changes: { rosterSince: [null, '2021-03-15'] } });
    const audit = await database.db.selectFrom('audit_event').select(['action']).where('entity', '=', 'party_org').where('entity_id', '=', orgId).where('action', '=', 'party_org.roster_since').execute();
    expect(audit).toHaveLength(1);
  });
});
