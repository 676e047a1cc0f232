import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEADER_SYNONYMS, headerKey, planColumns } from '../../src/core/import/column-map.js';
import { findHeaderIndex, isHeaderRow } from '../../src/core/import/header.js';
import { ENTERPRISE_FACT_FIELDS, type EnterpriseFactKey } from '../../src/domain/enterprise-facts.js';

const single = (header: string) => planColumns([header]).byIndex[0];

describe('column mapping', () => {
  it('maps every export label back to its fact', () => {
    for (const f of ENTERPRISE_FACT_FIELDS) expect(single(f.label), f.label).toBe(f.key);
  });

  it.each<[string, EnterpriseFactKey | null]>([
    // spellings named in issue 3
    ['统一社会信用代码', 'creditCode'],
    ['信用代码', 'creditCode'],
    ['企业名称', 'name'],
    ['名称', 'name'],
    ['市场主体名称', 'name'],
    ['企业类型', 'ownershipType'],
    ['法定代表人', 'legalRepresentative'],
    ['负责人', 'legalRepresentative'],
    ['成立日期', 'foundedOn'],
    ['登记状态', 'operatingStatus'],
    ['住所', 'address'],
    ['经营场所', 'address'],
    ['从业人数', 'employeeCount'],
    ['注册资本', 'registeredCapital'],
    ['所属行业', 'industry'],
    // decorations
    ['注册资本(万元)', 'registeredCapital'],
    ['注册资本（万元）', 'registeredCapital'],
    ['从业人数（人）', 'employeeCount'],
    [' *统一社会信用代码 ', 'creditCode'],
    ['企业(机构)名称', 'name'],
    ['法定代表人（负责人）', 'legalRepresentative'],
    ['住所（经营场所）', 'address'],
    ['企业名称：', 'name'],
    ['ＵＳＣＣ', 'creditCode'],
    // not ours
    ['序号', null],
    ['备注', null],
    ['', null],
  ])('%j → %s', (header, key) => expect(single(header)).toBe(key));

  it('lets the first column for a fact win and lists the rest as unmapped', () => {
    const plan = planColumns(['住所', '企业名称', '经营场所', '序号']);
    expect(plan.byIndex).toEqual(['address', 'name', null, null]);
    expect(plan.unmapped).toEqual(['经营场所', '序号']);
    expect(plan.mapped).toEqual({ 住所: 'address', 企业名称: 'name' });
  });

  it('applies a user mapping by exact text or by the same key, before the table', () => {
    const plan = planColumns(['单位全称', '住所', '经营场所', '代码'], { 单位全称: 'name', '经营场所 ': 'address', 住所: 'ignore', '（代码）': 'creditCode' });
    expect(plan.byIndex).toEqual(['name', null, 'address', null]);
    expect(plan.unmapped).toEqual(['代码']); // '（代码）' strips to '', so it does not match 代码
    expect(planColumns(['', '企业名称'], { '（代码）': 'creditCode' }).byIndex).toEqual([null, 'name']);
  });

  it('reads the capital unit from the header', () => {
    expect(planColumns(['注册资本(元)']).capitalUnit).toBe('元');
    expect(planColumns(['注册资本（万元）']).capitalUnit).toBe('万元');
    expect(planColumns(['注册资本']).capitalUnit).toBe('万元');
  });

  it('headerKey ignores width, spaces, markers and brackets', () => {
    expect(headerKey('＊ 注册资本（万元）')).toBe(headerKey('注册资本'));
  });

  it('docs/import.md lists every synonym', () => {
    const doc = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
    for (const spellings of Object.values(HEADER_SYNONYMS)) for (const s of spellings) expect(doc, s).toContain(s);
  });
});

describe('header row', () => {
  it.each<[string[], boolean]>([
    [['统一社会信用代码', '企业名称'], true],
    [['企业名称', '住所'], true],
    [['信用代码', '成立日期'], true],
    [['企业名称'], false], // a title cell
    [['朝阳区非公企业名录', '', ''], false],
    [['住所', '成立日期', '从业人数'], false], // neither code nor name
    [['企业名称', '企业名称'], false], // one fact twice
  ])('%j → %s', (cells, expected) => expect(isHeaderRow(cells)).toBe(expected));

  it('searches only the first 30 rows', () => {
    const title = { row: 1, cells: ['标题'] };
    const header = { row: 0, cells: ['统一社会信用代码', '企业名称'] };
    const rows = (k: number) => [...Array.from({ length: k }, (_, i) => ({ ...title, row: i + 1 })), { ...header, row: k + 1 }];
    expect(findHeaderIndex(rows(29))).toBe(29);
    expect(findHeaderIndex(rows(30))).toBe(-1);
  });

  it('uses the user mapping to recognise a header', () => {
    expect(isHeaderRow(['单位全称', '代码号'])).toBe(false);
    expect(isHeaderRow(['单位全称', '代码号'], { 单位全称: 'name', 代码号: 'creditCode' })).toBe(true);
  });
});
