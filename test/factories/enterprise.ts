import crypto from 'node:crypto';
import type { Actor } from '../../src/core/access/actor.js';
import { creditCodeCheckChar, orgCodeCheckChar } from '../../src/domain/credit-code.js';
import type { ApplyItem } from '../../src/core/import/import-items.js';
import type { Executor } from '../../src/db/schema.js';
import type { EnterpriseFacts } from '../../src/domain/enterprise-facts.js';

/** Test data for the ledger: a tiny region tree, facts, reader items and scoped actors. */
export const REGIONS = [
  { code: '110000000000', level: 1, name: '北京市', parent_code: null, prefix: '11' },
  { code: '110100000000', level: 2, name: '市辖区', parent_code: '110000000000', prefix: '1101' },
  { code: '110101000000', level: 3, name: '东城区', parent_code: '110100000000', prefix: '110101' },
  { code: '110101001000', level: 4, name: '东华门街道', parent_code: '110101000000', prefix: '110101001' },
  { code: '110101002000', level: 4, name: '景山街道', parent_code: '110101000000', prefix: '110101002' },
  { code: '110102000000', level: 3, name: '西城区', parent_code: '110100000000', prefix: '110102' },
  { code: '110102001000', level: 4, name: '西长安街街道', parent_code: '110102000000', prefix: '110102001' },
];

export async function seedRegions(db: Executor): Promise<void> {
  await db.insertInto('region').values(REGIONS).onConflict((oc) => oc.column('code').doNothing()).execute();
}

/** A valid code (GB 32100 and the embedded GB 11714 check) for enterprise number n of a county. */
export function code(n: number, county = '110101'): string {
  const body = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91${county}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

export function facts(n: number, over: Partial<EnterpriseFacts> = {}): EnterpriseFacts {
  return {
    creditCode: code(n),
    name: `北京测试${n}号科技有限公司`,
    ownershipType: '有限责任公司',
    legalRepresentative: '张三',
    foundedOn: '2019-03-01',
    operatingStatus: 'active',
    address: `北京市东城区东华门街道${n}号`,
    employeeCount: 10 + n,
    registeredCapital: '100',
    industry: '软件和信息技术服务业',
    sizeClass: 'small',
    aboveDesignatedSize: false,
    memberCount: 1,
    ownerProfile: null,
    regionCode: '110101001000',
    parkName: null,
    associationName: null,
    ...over,
  };
}

export const hashFacts = (f: EnterpriseFacts): string =>
  crypto.createHash('sha256').update(JSON.stringify(f)).digest('hex');

export function rowItem(row: number, f: EnterpriseFacts): ApplyItem {
  return { kind: 'row', row, facts: f, factsHash: hashFacts(f) };
}

export function rejectedItem(row: number, column = '统一社会信用代码'): ApplyItem {
  return { kind: 'rejected', row, errors: [{ row, column, code: 'CREDIT_CODE_CHECK', message: '校验码不正确' }] };
}

export async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const i of items) yield i;
}

export function userActor(userId: string, role: string, regionPrefixes: string[], extra: Partial<Actor['grants'][number]> = {}): Actor {
  return {
    kind: 'user', userId, username: `u${userId}`, ip: null, userAgent: null,
    grants: [{ role, allRegions: false, regionPrefixes, parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [], ...extra }],
  };
}
