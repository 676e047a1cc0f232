import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFacts, explainAll, listRules, readFactsFile, renderExplanation } from '../../src/cli/commands/rules.js';
import { AppError } from '../../src/domain/errors.js';
import type { MemberExplanation } from '../../src/domain/rules/index.js';

const FILE = join('docs/examples/rules', 'members.json');
const members = async (o: { date: string; province?: string } = { date: '2025-06-30' }) =>
  explainAll(await readFactsFile(FILE), o) as MemberExplanation[];

describe('liangxin rules check on member records (docs/examples/rules/members.json)', () => {
  it('gives the dues and findings documented in docs/rules.md', async () => {
    const out = await members();
    const summary = out.map((e) => [e.id, e.dues?.amountFen ?? null, e.dues?.bracket.key ?? null, e.findings.map((f) => f.ruleId)]);
    expect(summary).toEqual([
      ['M-1', 5_000, 'employed-2', ['member.probationEnd']],
      ['M-2', null, null, ['member.talk', 'member.applicantUnderAge']],
      ['M-3', 6_200, 'retired-2', ['member.duesArrears', 'member.lostContactSuspend']],
      ['M-4', 20, 'farmer', ['member.mobileMustTransfer']],
      ['M-5', 20, 'minimal', ['member.candidateTooEarly', 'member.leavingSoon', 'member.politicalReviewMissing', 'member.trainingMissing']],
      ['M-6', 1_500, 'employed-1', ['member.duesLapse', 'member.trainingMissing', 'member.sponsorsInvalid', 'member.meetingVotes', 'member.approverNotCommittee']],
      ['M-7', 0, 'employed-1', ['member.declarationUnconfirmed']],
    ]);
    expect(out.find((e) => e.id === 'M-3')?.findings[0].dueOn).toBe('2025-06-30');
  });

  it('prints Chinese for people: amounts in 元 with the bracket, 依据 with citations, due days, no rule id or section mark', async () => {
    const text = (await members()).map(renderExplanation).join('\n\n');
    expect(text).toContain('2025年6月党费：50元（在职党员，月交纳基数5000元；月工资收入3000元以上至5000元（含）按1%）');
    expect(text).toContain('依据：中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）第二条');
    expect(text).toContain('2025年6月党费：0元（在职党员，月交纳基数2800元；月工资收入3000元以下（含）按0.5%；经批准免交（标准14元，2025-03-10批准））');
    expect(text).toMatch(/【逾期】2025-05-10提出入党申请，逾期未谈话 — 建议尽快派人同入党申请人谈话（期限2025-06-10）/);
    expect(text).not.toMatch(/§|domain-rules|member\.[a-z]|dues\.|recruitment\./);
  });

  it('the example output in docs/rules.md is what the command prints', async () => {
    const doc = readFileSync('docs/rules.md', 'utf8').split('(two of the seven records):\n\n```\n')[1].split('```')[0];
    expect(doc.length).toBeGreaterThan(200);
    expect((await members()).map(renderExplanation).join('\n\n')).toContain(doc.trimEnd());
  });

  it('rules list shows money parameters in 元 and rates in %, with their dated sources', () => {
    const text = listRules({ date: '2025-06-30' });
    expect(text).toMatch(/dues\.employed\.upTo1Fen .* = 300000（3000元）（含边界） ✅/);
    expect(text).toMatch(/dues\.employed\.rate3Bp .* = 150（1\.5%）/);
    expect(text).toMatch(/recruitment\.talkWithinMonths .* = 1 ✅\n {4}有效期 2014-06-10 起/);
    expect(listRules({ date: '2013-01-01' })).toMatch(/recruitment\.talkWithinMonths .* = 0 ✅\n {4}有效期 1982-09-06 起，至 2014-06-10 前/);
  });

  it('--province forces a province (its settings apply to every record)', async () => {
    const out = await members({ date: '2025-06-30', province: '44' });
    expect(out.find((e) => e.id === 'M-4')?.dues?.amountFen).toBe(20);
  });

  it('reads member records in a list beside other records', () => {
    const facts = decodeFacts(JSON.stringify([
      { type: 'member', id: 'a', dues: { bases: [{ fromMonth: '2025-01', category: 'retired', baseFen: 500_000 }] } },
      { type: 'union', id: 'u', foundedOn: '2020-01-01', members: 3, femaleMembers: 0, hasCommittee: false, organiser: true, hasWomenCommittee: false },
    ]));
    const [m, u] = explainAll(facts, { date: '2025-01-31' });
    expect(m.subject === 'member' && m.dues?.amountFen).toBe(2_500);
    expect(u.subject).toBe('union');
  });

  it.each<[string, unknown, RegExp]>([
    ['a bad month names its path', { members: [{ id: 'a', dues: { bases: [{ fromMonth: '2025-13', category: 'student' }] } }] }, /\$\.members\[0\]\.dues\.bases\[0\]\.fromMonth：月份格式应为 YYYY-MM/],
    ['an employed member needs a base', { members: [{ id: 'a', dues: { bases: [{ fromMonth: '2025-01', category: 'employed' }] } }] }, /\$\.members\[0\]\.dues\.bases\[0\]\.baseFen：在职、离退休党员须填写/],
    ['money is integer fen', { members: [{ id: 'a', dues: { bases: [{ fromMonth: '2025-01', category: 'employed', baseFen: 3000.5 }] } }] }, /baseFen：金额应为整数，单位为分/],
    ['an unknown category', { members: [{ id: 'a', dues: { bases: [{ fromMonth: '2025-01', category: 'worker' }] } }] }, /\$\.members\[0\]\.dues\.bases\[0\]\.category/],
    ['more present than voting members', { members: [{ id: 'a', recruitment: { appliedOn: '2024-01-01', branchMeeting: { heldOn: '2025-01-01', votingMembers: 5, present: 6, yesVotes: 5 } } }] }, /present：实到人数不能多于/],
    ['a misspelt field', { members: [{ id: 'a', recruitment: { appliedOn: '2024-01-01', talkOn: '2024-01-05' } }] }, /talkOn/],
    ['an empty list', { members: [] }, /列表不能为空/],
  ])('%s', (_name, doc, expected) => {
    let err: unknown;
    try { decodeFacts(JSON.stringify(doc)); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect([e.message, ...e.details.map((d) => d.message)].join('\n')).toMatch(expected);
  });
});

describe('liangxin rules check members (a real process)', () => {
  it('--json keeps rule ids, amounts in fen, brackets and due days', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'rules', 'check', FILE, '--date', '2025-06-30', '--json'], { encoding: 'utf8', timeout: 110_000 });
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as MemberExplanation[];
    expect(out[0].dues).toMatchObject({ month: '2025-06', amountFen: 5_000, ruleId: 'member.duesEmployed', bracket: { key: 'employed-2', rateBp: 100, aboveFen: 300_000, upToFen: 500_000 } });
    expect(out[1].findings[0]).toMatchObject({ ruleId: 'member.talk', severity: 'overdue', dueOn: '2025-06-10' });
    expect(out[1].findings[0].source).toContain('《中国共产党发展党员工作细则》');
  }, 240_000);
});
