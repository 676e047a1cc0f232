import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `liangxin rules check` on an organisation's meetings (docs/rules.md, "Organisational life"),
 * through the package's bin as people run it: expected/held per period, missed periods, quorum and
 * vote verdicts, findings with rule ids (JSON) and sources (text, no rule ids).
 */
const FILE = path.join('docs/examples/rules', 'org-life.json');
const bin = path.resolve('bin', 'liangxin.js');
const run = (...args: string[]) => spawnSync(bin, ['rules', 'check', FILE, '--date', '2025-06-30', ...args], { encoding: 'utf8', timeout: 110_000 });

describe('liangxin rules check with meetings (docs/examples/rules/org-life.json)', () => {
  it('--json: each kind expected/met/missed, the verdicts and the findings with rule ids and sources', () => {
    const r = run('--json');
    expect(r.status, r.stderr).toBe(0);
    const [org] = JSON.parse(r.stdout) as Array<{ life: {
      status: string;
      kinds: Array<{ kind: string; expected: number; met: number; missed: string[]; missedInARow: number }>;
      meetings: Array<{ date: string; quorum: string; votes: Array<{ verdict: string }> }>;
      findings: Array<{ ruleId: string; source: string }>;
    } }>;
    const kinds = Object.fromEntries(org!.life.kinds.map((k) => [k.kind, [k.expected, k.met, k.missed, k.missedInARow]]));
    expect(kinds.committeeMeeting).toEqual([5, 3, ['2025-04', '2025-05'], 2]);
    expect(kinds.memberMeeting).toEqual([1, 1, [], 0]);
    expect(kinds.themeDay).toEqual([5, 5, [], 0]);
    expect(org!.life.meetings.filter((m) => m.votes.length).map((m) => [m.date, m.quorum, m.votes[0]!.verdict]))
      .toEqual([['2025-03-18', 'notMet', 'noQuorum'], ['2025-06-20', 'met', 'passed']]);
    expect(org!.life.findings.map((f) => f.ruleId)).toEqual(['life.committeeMeeting', 'life.meetingQuorum']);
    expect(org!.life.findings[0]!.source).toBe('《中国共产党支部工作条例（试行）》第十二条（支部委员会会议一般每月召开1次）');
    expect(org!.life.status).toBe('lagging');
  });

  it('prints Chinese for people, no rule ids, exactly as docs/rules.md shows', () => {
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('连续2个月未召开支部委员会会议');
    expect(r.stdout).not.toMatch(/life\.|§|domain-rules/);
    const doc = readFileSync('docs/rules.md', 'utf8').split('--date 2025-06-30`:\n\n```\n').at(-1)!.split('```')[0]!;
    expect(doc.length).toBeGreaterThan(200);
    expect(r.stdout.trimEnd()).toBe(doc.trimEnd());
  });

  it('a bad meeting kind or date names the path in the file, in Chinese', async () => {
    const { decodeFacts } = await import('../../src/cli/commands/rules.js');
    const bad = JSON.stringify({ ...JSON.parse(readFileSync(FILE, 'utf8')), meetings: [{ kind: 'picnic', date: '2025-02-30' }] });
    expect(() => decodeFacts(bad)).toThrow(/事实文件不符合格式/);
    try { decodeFacts(bad); } catch (e) {
      expect((e as { details: Array<{ field: string }> }).details.map((d) => d.field)).toEqual(['$.meetings[0].kind', '$.meetings[0].date']);
    }
  });
});
