import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeCode,
  normalizeName,
  normalizeText,
  parseCapital,
  parseCount,
  parseDate,
  parseOperatingStatus,
  parseRegionCode,
  parseSizeClass,
  parseYesNo,
  toHalfWidth,
} from '../../src/domain/normalize.js';
import { OPERATING_STATUS_LABEL, SIZE_CLASS_LABEL } from '../../src/domain/enterprise-facts.js';

const ok = <T>(value: T) => expect.objectContaining({ ok: true, value });
const err = (code: string) => expect.objectContaining({ ok: false, code });

describe('text', () => {
  it.each([
    ['９１１１ＡＢｃ', '9111ABc'],
    ['（北京）', '(北京)'], // U+FF08/FF09 are ASCII forms; normalizeName restores （） for names
    ['Ａ\u3000Ｂ', 'A B'],
    ['plain', 'plain'],
  ])('toHalfWidth(%s) = %s', (input, out) => expect(toHalfWidth(input)).toBe(out));

  it.each([
    ['  某某  公司 \n 二部 ', '某某 公司 二部'],
    ['\u3000全角空格\u3000', '全角空格'],
    ['', ''],
  ])('normalizeText(%j) = %j', (input, out) => expect(normalizeText(input)).toBe(out));

  it.each([
    ['北京某某(科技)有限公司', '北京某某（科技）有限公司'],
    ['北京某某（科技）有限公司', '北京某某（科技）有限公司'],
    ['某某 ( 北京 ) 有限公司', '某某（北京）有限公司'],
    ['某某（北京）有限公司', '某某（北京）有限公司'],
  ])('normalizeName(%s) = %s', (input, out) => expect(normalizeName(input)).toBe(out));

  it('normalizeCode upper-cases, half-widths and drops spaces', () => {
    expect(normalizeCode(' ９１１１ 0105ma01h8t23x ')).toBe('91110105MA01H8T23X');
  });

  it('normalisers are idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Ａ', ' ', '\u3000', '(', '（', ')', '）', '公', '司', '\n', '1', '１') }), (s) => {
        expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
        expect(normalizeName(normalizeName(s))).toBe(normalizeName(s));
        expect(normalizeCode(normalizeCode(s))).toBe(normalizeCode(s));
      }),
    );
  });
});

describe('parseDate', () => {
  it.each<[string | number | Date, string]>([
    ['2019-03-01', '2019-03-01'],
    ['2019/3/1', '2019-03-01'],
    ['2019.03.01', '2019-03-01'],
    ['2019年3月1日', '2019-03-01'],
    ['2019年03月01日', '2019-03-01'],
    ['2019 年 3 月 1 日', '2019-03-01'],
    ['20190301', '2019-03-01'],
    ['２０１９－０３－０１', '2019-03-01'],
    ['2019-03-01 00:00:00', '2019-03-01'],
    ['2019-03-01T00:00:00.000Z', '2019-03-01'],
    ['2019/3/1 0:00', '2019-03-01'],
    ['43525', '2019-03-01'], // Excel serial
    [43525, '2019-03-01'],
    ['43525.75', '2019-03-01'], // a time of day does not move the date
    ['36526', '2000-01-01'],
    ['2020-02-29', '2020-02-29'],
    [new Date(Date.UTC(2019, 2, 1)), '2019-03-01'],
    [' 2019-03-01 ', '2019-03-01'],
  ])('%j → %s', (input, out) => expect(parseDate(input)).toEqual(ok(out)));

  it.each<[string | Date, string]>([
    ['2019-02-29', 'not a leap year'],
    ['2019-13-01', 'month 13'],
    ['2019-04-31', 'April 31'],
    ['2019', 'a bare year is not a serial'],
    ['201903', 'year and month only'],
    ['19-03-01', 'two-digit year'],
    ['03/01/2019', 'US order is ambiguous'],
    ['1899-12-31', 'before 1900'],
    ['abc', 'text'],
    ['', 'empty'],
    [new Date(Number.NaN), 'invalid Date'],
  ])('%j is rejected (%s)', (input) => expect(parseDate(input)).toEqual(err('DATE_INVALID')));
});

describe('parseCount', () => {
  it.each<[string, number]>([
    ['50', 50],
    ['50人', 50],
    ['50 人', 50],
    ['1,200', 1200],
    ['１，２００人', 1200],
    ['0', 0],
    ['50.0', 50],
    [' 7 ', 7],
  ])('%j → %d', (input, out) => expect(parseCount(input)).toEqual(ok(out)));

  it.each(['约50', '50余人', '10-20', '-5', '50.5', 'abc', '五十', '99999999999'])('%j → COUNT_INVALID', (input) =>
    expect(parseCount(input)).toEqual(err('COUNT_INVALID')),
  );
});

describe('parseCapital (万元 decimal text)', () => {
  it.each<[string, '万元' | '元', string]>([
    ['100', '万元', '100'],
    ['100万元', '万元', '100'],
    ['100万', '万元', '100'],
    ['100 万元人民币', '万元', '100'],
    ['人民币100万元', '万元', '100'],
    ['1000000元', '万元', '100'],
    ['1,000,000元', '万元', '100'],
    ['1.5亿', '万元', '15000'],
    ['12.3456', '万元', '12.3456'],
    ['50000', '元', '5'],
    ['0', '万元', '0'],
    ['12.345678', '万元', '12.3457'], // numeric(18,4): what is hashed is what is stored
    ['1元', '万元', '0.0001'],
  ])('%j (bare unit %s) → %s', (input, unit, out) => {
    const r = parseCapital(input, unit);
    expect(r).toEqual(ok(out));
    expect(r.ok && r.warning).toBeFalsy();
  });

  it.each([
    ['50万美元', '50', '美元'],
    ['美元50万', '50', '美元'],
    ['500000港元', '50', '港元'],
  ])('%j keeps the amount (%s 万) and warns about %s', (input, value, currency) => {
    const r = parseCapital(input);
    expect(r).toEqual(ok(value));
    expect(r.ok && r.warning?.code).toBe('CAPITAL_CURRENCY');
    expect(r.ok && r.warning?.message).toContain(currency);
  });

  it.each(['abc', '-100', '100万-200万', '约100万', '99999999999999', '1e5', '10000000000亿'])('%j → CAPITAL_INVALID', (input) =>
    expect(parseCapital(input)).toEqual(err('CAPITAL_INVALID')),
  );
});

describe('parseOperatingStatus', () => {
  it.each([
    ['存续（在营、开业、在册）', 'active'],
    ['存续(在营、开业、在册)', 'active'],
    ['存续', 'active'],
    ['在营', 'active'],
    ['在业', 'active'],
    ['开业', 'active'],
    ['在册', 'active'],
    ['正常', 'active'],
    ['', 'active'],
    ['歇业', 'suspended'],
    ['停业', 'suspended'],
    ['注销', 'deregistered'],
    ['已注销', 'deregistered'],
    ['吊销，已注销', 'deregistered'],
    ['吊销,已注销', 'deregistered'],
    ['吊销，未注销', 'revoked'],
    ['吊销未注销', 'revoked'],
    ['吊销', 'revoked'],
    ['撤销', 'revoked'],
    ['迁出', 'moved_out'],
    ['已迁出', 'moved_out'],
    ['active', 'active'],
    ['moved_out', 'moved_out'],
  ])('%j → %s', (input, out) => expect(parseOperatingStatus(input)).toEqual(ok(out)));

  it('every export label maps back to its status', () => {
    for (const [status, label] of Object.entries(OPERATING_STATUS_LABEL)) expect(parseOperatingStatus(label)).toEqual(ok(status));
  });

  it.each(['未知', '清算中', '未注销', '其他'])('%j → STATUS_UNKNOWN (never guessed)', (input) =>
    expect(parseOperatingStatus(input)).toEqual(err('STATUS_UNKNOWN')),
  );
});

describe('parseSizeClass / parseYesNo / parseRegionCode', () => {
  it.each([
    ['大型', 'large'],
    ['中型企业', 'medium'],
    ['小', 'small'],
    ['微型', 'micro'],
    ['', null],
  ])('size %j → %s', (input, out) => expect(parseSizeClass(input)).toEqual(ok(out)));

  it('every size label maps back', () => {
    for (const [size, label] of Object.entries(SIZE_CLASS_LABEL)) expect(parseSizeClass(label)).toEqual(ok(size));
  });

  it.each(['巨型', '中小型'])('size %j → SIZE_CLASS_UNKNOWN', (input) => expect(parseSizeClass(input)).toEqual(err('SIZE_CLASS_UNKNOWN')));

  it.each<[string, boolean | null]>([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['TRUE', true],
    ['FALSE', false],
    ['1', true],
    ['0', false],
    ['√', true],
    ['', null],
  ])('yes/no %j → %s', (input, out) => expect(parseYesNo(input)).toEqual(ok(out)));

  it('yes/no rejects other text', () => expect(parseYesNo('也许')).toEqual(err('YES_NO_INVALID')));

  it.each<[string, string | null]>([
    ['110105', '110105000000'],
    ['110105001', '110105001000'],
    ['320508019044', '320508019044'],
    ['３２０５０８０１９０４４', '320508019044'],
    ['', null],
  ])('region %j → %s', (input, out) => expect(parseRegionCode(input)).toEqual(ok(out)));

  it.each(['11010', '1101050010001', '11010A'])('region %j → REGION_CODE_INVALID', (input) =>
    expect(parseRegionCode(input)).toEqual(err('REGION_CODE_INVALID')),
  );
});

describe('control characters', () => {
  it('normalizeText drops them (they are never content)', () => {
    expect(normalizeText('某\u0000公\u001f司\u0007')).toBe('某公司');
    expect(normalizeName('a\u001fb')).toBe('ab');
  });
});
