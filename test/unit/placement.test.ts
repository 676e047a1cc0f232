import { beforeAll, describe, expect, it } from 'vitest';
import { readDivisions, type DivisionRow } from '../../src/core/region/division-source.js';
import { buildRegionIndex } from '../../src/core/region/region-index.js';
import { placerFromIndex, type Placer } from '../../src/core/region/placement.js';
import { withChecks } from '../../src/core/generator/credit-codes.js';

// The real dictionary for 北京, 深圳, 东莞, 长春市朝阳区 (a second 朝阳区, for ambiguity) and three
// 郑州 districts whose streets are named after roads (建设路街道, 花园路街道, 嵩山路街道).
let placer: Placer;
beforeAll(async () => {
  const rows: DivisionRow[] = [];
  for await (const r of readDivisions(['11', '4403', '4419', '220104', '410102', '410103', '410105'])) rows.push(r);
  placer = placerFromIndex(buildRegionIndex(rows));
});

const cc = (county6: string) => withChecks('91', county6, 'MA01H8T2');

type Case = { name: string; address: string | null; creditCode: string; regionCode?: string; want: { regionCode: string | null; level: number; placed: boolean; reason?: RegExp; suggestion?: string } };

const cases: Case[] = [
  { name: 'full address down to the community', address: '北京市东城区东华门街道多福巷社区居委会北侧10号', creditCode: cc('110101'),
    want: { regionCode: '110101001001', level: 5, placed: true } },
  { name: 'community by its spoken name', address: '北京市东城区东华门街道多福巷社区12号', creditCode: cc('110101'),
    want: { regionCode: '110101001001', level: 5, placed: true } },
  { name: 'a lane named like its community is only a lane: township level', address: '北京市东城区东华门街道多福巷12号', creditCode: cc('110101'),
    want: { regionCode: '110101001000', level: 4, placed: true } },
  { name: 'no township written: a community unique in the county decides', address: '深圳市南山区四海社区创业路383号', creditCode: cc('440305'),
    want: { regionCode: '440305006007', level: 5, placed: true, reason: /社区（村）名称/ } },
  { name: 'a township short name inside a community name is not that township', address: '深圳市福田区莲花一村社区幸福路712号', creditCode: cc('440304'),
    want: { regionCode: '440304009013', level: 5, placed: true } },
  { name: 'a road named like a community is not the community', address: '深圳市南山区粤海街道创业路52号', creditCode: cc('440305'),
    want: { regionCode: '440305007000', level: 4, placed: true } },
  { name: 'township only', address: '北京市东城区景山街道某胡同3号', creditCode: cc('110101'),
    want: { regionCode: '110101002000', level: 4, placed: true, reason: /未找到社区/ } },
  { name: 'township by short name', address: '北京市东城区交道口北二条1号', creditCode: cc('110101'),
    want: { regionCode: '110101003000', level: 4, placed: true } },
  { name: 'no county in the address: county from the credit code', address: '东华门街道多福巷社区12号', creditCode: cc('110101'),
    want: { regionCode: '110101001001', level: 5, placed: true, reason: /信用代码/ } },
  { name: 'explicit dictionary code wins', address: '随便写的地址', creditCode: cc('110101'), regionCode: '110101001002',
    want: { regionCode: '110101001002', level: 5, placed: true } },
  { name: 'explicit county-level code then the address', address: '北京市东城区景山街道', creditCode: cc('440305'), regionCode: '110101000000',
    want: { regionCode: '110101002000', level: 4, placed: true } },
  { name: 'unknown explicit code is ignored, not trusted', address: '北京市东城区景山街道', creditCode: cc('110101'), regionCode: '999999999999',
    want: { regionCode: '110101002000', level: 4, placed: true, reason: /不在区划库/ } },
  { name: 'city-level authority 440300: county from the address', address: '广东省深圳市南山区粤海街道科技园', creditCode: cc('440300'),
    want: { regionCode: '440305007003', level: 5, placed: true } },
  { name: 'township named like its county is matched after the county', address: '深圳市南山区南山街道登良路', creditCode: cc('440305'),
    want: { regionCode: '440305002000', level: 4, placed: true } },
  { name: 'address names another county than the credit code', address: '深圳市福田区华富街道莲花一村', creditCode: cc('440305'),
    want: { regionCode: '440304009013', level: 5, placed: true, reason: /按住所认定/ } },
  { name: 'county known, no township: pending with the county', address: '深圳市南山区科技园南区高新南一道', creditCode: cc('440305'),
    want: { regionCode: '440305000000', level: 3, placed: false, reason: /未找到所属街道/ } },
  { name: 'a road named after a township is not the township', address: '北京市东城区东华门大街5号', creditCode: cc('110101'),
    want: { regionCode: '110101000000', level: 3, placed: false } },
  { name: 'two townships equally named: ambiguous, never guessed', address: '北京市东城区景山街道东四街道1号', creditCode: cc('110101'),
    want: { regionCode: '110101000000', level: 3, placed: false, reason: /多个街道/ } },
  { name: 'two 朝阳区 and no other clue: ambiguous county', address: '朝阳区建国路88号', creditCode: cc('990000'),
    want: { regionCode: null, level: 0, placed: false, reason: /歧义/ } },
  { name: 'province names the 朝阳区', address: '北京市朝阳区建外街道建国路88号', creditCode: cc('990000'),
    want: { regionCode: '110105001000', level: 4, placed: true } },
  { name: 'county-less city 东莞: township under the city', address: '广东省东莞市虎门镇连升路1号', creditCode: cc('441900'),
    want: { regionCode: '441900121000', level: 4, placed: true } },
  { name: 'a community (full name) of another township covers a township short name', address: '广东省东莞市大岭山生活区青年路341号', creditCode: cc('441900'),
    want: { regionCode: '441900121500', level: 5, placed: true } },
  { name: 'township short name followed by its own community explains more', address: '东莞市横沥村头村滨河路79号', creditCode: cc('441900'),
    want: { regionCode: '441900106206', level: 5, placed: true } },
  { name: 'no address, county from the code', address: null, creditCode: cc('110101'),
    want: { regionCode: '110101000000', level: 3, placed: false } },
  { name: 'nothing known', address: '某地某路1号', creditCode: cc('990000'),
    want: { regionCode: null, level: 0, placed: false } },
  { name: 'full-width characters and spaces are normalised', address: '北京市 东城区 景山街道 １号', creditCode: cc('110101'),
    want: { regionCode: '110101002000', level: 4, placed: true } },
  // A street named after a road: the road alone is a suggestion, never a placement.
  { name: 'road 建设路 is not 建设路街道: suggestion only', address: '郑州市中原区建设路200号', creditCode: cc('410102'),
    want: { regionCode: '410102000000', level: 3, placed: false, reason: /“建设路”是道路名.*按道路名推测，请核实/, suggestion: '410102002000' } },
  { name: 'road 花园路 is not 花园路街道: suggestion only', address: '金水区花园路281号', creditCode: cc('410105'),
    want: { regionCode: '410105000000', level: 3, placed: false, suggestion: '410105002000' } },
  { name: 'road 嵩山路 is not 嵩山路街道: suggestion only', address: '二七区嵩山路155号', creditCode: cc('410103'),
    want: { regionCode: '410103000000', level: 3, placed: false, suggestion: '410103011000' } },
  { name: 'road 建中街 is not 建中街街道', address: '郑州市二七区建中街3号院', creditCode: cc('410103'),
    want: { regionCode: '410103000000', level: 3, placed: false, suggestion: '410103008000' } },
  { name: 'the full name 花园路街道 places', address: '郑州市金水区花园路街道农业路72号', creditCode: cc('410105'),
    want: { regionCode: '410105002000', level: 4, placed: true } },
  { name: 'the full name 建设路街道 places, the road after it does not matter', address: '郑州市中原区建设路街道建设路200号', creditCode: cc('410102'),
    want: { regionCode: '410102002000', level: 4, placed: true } },
  { name: 'another street full name beats a road-named street', address: '郑州市金水区经八路街道花园路281号', creditCode: cc('410105'),
    want: { regionCode: '410105001000', level: 4, placed: true } },
  { name: 'a road-named street with its own community after the road places there', address: '郑州市二七区嵩山路刘砦155号', creditCode: cc('410103'),
    want: { regionCode: '410103011007', level: 5, placed: true, reason: /道路名及嵩山路街道的社区/ } },
  { name: 'a spoken community of the street places, road or not', address: '郑州市二七区嵩山路155号黄岗寺社区', creditCode: cc('410103'),
    want: { regionCode: '410103011008', level: 5, placed: true } },
  { name: 'two road-named streets equally long: no suggestion', address: '郑州市金水区文化路与东风路交叉口', creditCode: cc('410105'),
    want: { regionCode: '410105000000', level: 3, placed: false } },
  { name: 'a road named like 体育馆路街道 is only a suggestion in 北京 too', address: '北京市东城区体育馆路5号', creditCode: cc('110101'),
    want: { regionCode: '110101000000', level: 3, placed: false, suggestion: '110101015000' } },
];

describe('placement', () => {
  it.each(cases)('$name', ({ address, creditCode, regionCode, want }) => {
    const got = placer.place({ address, creditCode, regionCode });
    expect({ regionCode: got.regionCode, level: got.level, placed: got.placed }).toEqual({ regionCode: want.regionCode, level: want.level, placed: want.placed });
    if (want.reason) expect(got.reason).toMatch(want.reason);
    expect(got.suggestion?.regionCode).toBe(want.suggestion);
    if (got.suggestion) expect(got.placed).toBe(false);
  });
});
