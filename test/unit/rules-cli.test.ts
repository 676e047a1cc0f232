import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFacts, explainAll, listRules, planFromFacts, readFactsFile, renderExplanation } from '../../src/cli/commands/rules.js';
import { AppError } from '../../src/domain/errors.js';
import type { UnionExplanation } from '../../src/domain/rules/index.js';

const EXAMPLES = 'docs/examples/rules';

describe('liangxin rules check (called directly)', () => {
  it('evaluates every shipped example and cites its sources in Chinese, with no rule id or section mark', async () => {
    for (const file of ['enterprise.json', 'org.json', 'union.json', 'list.json']) {
      const out = explainAll(await readFactsFile(join(EXAMPLES, file)), { date: '2025-06-30' });
      expect(out.length).toBeGreaterThan(0);
      const text = out.map(renderExplanation).join('\n');
      expect(text).toMatch(/依据：[^\n]*《/);
      expect(text).not.toMatch(/§|domain-rules|design|(enterprise|org|union)\.[a-z]+[A-Z]\w*/);
    }
  });

  it('the list example gives the statuses documented in docs/rules.md', async () => {
    const out = explainAll(await readFactsFile(join(EXAMPLES, 'list.json')), { date: '2025-06-30' });
    expect(out.map((e) => (e.subject === 'enterprise' ? e.status : e.subject))).toEqual(['gap', 'joint', 'gap', 'closed', 'org', 'union']);
  });

  it('--province forces a province: the Shanghai women threshold applies to a union without one', () => {
    const facts = decodeFacts(JSON.stringify({ type: 'union', id: 'u', foundedOn: '2020-01-01', members: 40, femaleMembers: 12, hasCommittee: true, hasWomenCommittee: false }));
    const national = explainAll(facts, { date: '2025-06-30' })[0] as UnionExplanation;
    const shanghai = explainAll(facts, { date: '2025-06-30', province: '31' })[0] as UnionExplanation;
    expect(national.alerts.map((a) => a.ruleId)).toContain('union.womenCommitteeMissing');
    expect(shanghai.alerts.map((a) => a.ruleId)).toEqual(['union.womenMemberMissing']);
  });

  it.each<[string, string, RegExp]>([
    ['bad JSON names line and column', '{\n  "type": "enterprise",\n  oops\n}', /不是合法的 JSON（第3行/],
    ['a missing field names its JSON path', '[{"type":"enterprise","id":"a","regionCode":"110101001001","coverage":{}}]', /\$\[0\]\.fullMembers/],
    ['a bad date names its JSON path', '{"type":"org","id":"o","orgType":"branch","setupMode":"joint","foundedOn":"2024-02-30","fullMembers":3}', /\$\.foundedOn：日期格式应为/],
    ['an unknown type', '{"type":"person","id":"x"}', /\$\.type/],
    ['a misspelt field is refused', '{"type":"union","id":"u","foundedOn":"2020-01-01","members":1,"femaleMembers":0,"hasCommittee":true,"hasWomenCommitee":false}', /hasWomenCommitee/],
  ])('%s', (_name, text, expected) => {
    let err: unknown;
    try { decodeFacts(text); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect([e.message, ...e.details.map((d) => d.message)].join('\n')).toMatch(expected);
  });

  it('rejects a bad --date and --province', () => {
    expect(() => explainAll([], { date: '2025-13-01' })).toThrow(/--date/);
    expect(() => listRules({ date: '2025-01-01', province: '1' })).toThrow(/--province/);
  });

  it('rules list shows versions by date: branch term 2 years in 2016, 3 after; Beijing override', () => {
    expect(listRules({ date: '2016-01-01' })).toMatch(/party\.termYears\.branch .* = 2/);
    expect(listRules({ date: '2019-01-01' })).toMatch(/party\.termYears\.committee .* = 5/);
    expect(listRules({ date: '2025-01-01', province: '11' })).toMatch(/union\.womenCommitteeMinFemaleMembers .* = 25.*［地方：11］/);
  });

  it('rules plan proposes a joint branch for the two small enterprises of the list example', async () => {
    const plan = planFromFacts(await readFactsFile(join(EXAMPLES, 'list.json')), { date: '2025-06-30' });
    expect(plan.proposals.map((p) => p.enterpriseIds)).toEqual([['E-C', 'E-A']]);
  });
});

describe('liangxin rules check (a real process)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'rules', ...args], { encoding: 'utf8', timeout: 110_000 });

  it('prints JSON and exits 0; bad facts exit 2 with a Chinese error', () => {
    const ok = run('check', join(EXAMPLES, 'enterprise.json'), '--date', '2025-06-30', '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)[0].status).toBe('workOnly');
    const dir = mkdtempSync(join(tmpdir(), 'lx-rules-'));
    writeFileSync(join(dir, 'bad.json'), '{"type":"enterprise","id":"a","regionCode":"11","fullMembers":-1}');
    const bad = run('check', join(dir, 'bad.json'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('$.fullMembers');
    expect(bad.stderr).toContain('事实文件不符合格式');
  }, 240_000);
});
