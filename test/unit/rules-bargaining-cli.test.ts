import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFacts, explainAll, renderExplanation } from '../../src/cli/commands/rules.js';

/**
 * `liangxin rules check` on a union's 集体协商 rounds (docs/rules.md, "集体协商";
 * docs/examples/rules/union-bargaining.json): each due date with its rule id (JSON) and source, the
 * Shanghai 15-day reply beside the national 20 days; text for people without rule ids.
 */
const facts = decodeFacts(readFileSync('docs/examples/rules/union-bargaining.json', 'utf8'));
type Check = { stage: string; dues: Array<{ key: string; ruleId: string; date: string; state: string; source: string; local?: string }>; findings: Array<{ ruleId: string }> };

describe('liangxin rules check with bargaining rounds', () => {
  const out = explainAll(facts, { date: '2025-06-30' }) as unknown as Array<{ bargaining: Check[] }>;

  it('each due date — reply, filing, effective, renewal — with rule id and source; Shanghai answers in 15 days', () => {
    const [sh, zj] = out;
    const dues = (c: Check) => c.dues.map((d) => [d.key, d.ruleId, d.date, d.state]);
    expect(sh!.bargaining[0]!.stage).toBe('effective');
    expect(dues(sh!.bargaining[0]!)).toEqual([
      ['reply', 'bargaining.replyDue', '2023-03-16', 'done'],
      ['filing', 'bargaining.filingDue', '2023-05-30', 'done'],
      ['effective', 'bargaining.effective', '2023-06-14', 'done'],
      ['renewal', 'bargaining.renewalDue', '2026-05-19', 'pending'],
    ]);
    expect(sh!.bargaining[0]!.dues[0]).toMatchObject({ local: '31', source: expect.stringContaining('《上海市集体合同条例》') });
    expect(sh!.bargaining[0]!.dues[2]!.source).toContain('《劳动合同法》第五十四条');
    expect(sh!.bargaining[1]!.findings.map((f) => f.ruleId)).toEqual(['bargaining.replyOverdue']);
    expect(zj!.bargaining[0]!.dues[0]).toMatchObject({ date: '2025-04-21', source: expect.stringContaining('《集体合同规定》（劳动和社会保障部令第22号）第三十二条') });
    expect(zj!.bargaining[0]!.findings.map((f) => f.ruleId)).toEqual(['bargaining.filingOverdue']);
  });

  it('--province 33 judges the Shanghai union by the national 20 days', () => {
    const [sh] = explainAll(facts, { date: '2025-06-30', province: '33' }) as unknown as Array<{ bargaining: Check[] }>;
    expect(sh!.bargaining[1]!.dues[0]).toMatchObject({ date: '2025-06-22', state: 'overdue' });
  });

  it('prints Chinese for people: the dates and sources, no rule ids', () => {
    const text = (explainAll(facts, { date: '2025-06-30' })).map(renderExplanation).join('\n');
    expect(text).toContain('书面答复（15日内）：2023-03-16前');
    expect(text).toContain('审查期满生效（收到后15日内无异议）：2023-06-14生效');
    expect(text).toContain('报送审查（10日内）：2025-05-30前（已逾期）');
    expect(text).not.toMatch(/bargaining\.|§|domain-rules/);
  });

  it('refuses a bad round with the JSON path in Chinese', () => {
    expect(() => decodeFacts(JSON.stringify({ type: 'union', id: 'u', foundedOn: '2020-01-01', members: 1, femaleMembers: 0, hasCommittee: false, hasWomenCommittee: false,
      bargaining: [{ contractKind: 'collective', requestedOn: '2025-01-01', requestedBy: 'union', vote: { heldOn: '2025-02-01', representatives: 30, present: 31, yes: 1 } }] })))
      .toThrow(/事实文件不符合格式/);
  });
});
