import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLE_ACTIONS, ROLES } from '../../src/domain/permissions.js';
import { RULE_CATALOGUE } from '../../src/domain/rules/index.js';
import { MEMBER_RULE_CATALOGUE } from '../../src/domain/rules/member-catalogue.js';
import { kindForFinding, TASK_KINDS, taskDueOn, taskKind, taskKindLabel, taskKindSource } from '../../src/domain/task-kinds.js';

const HAN = /[\u4e00-\u9fff]/;

describe('task kind registry', () => {
  it('declares each kind once, with a Chinese label and due rule; a rule kind names a finding the catalogue knows, a workflow kind its source', () => {
    expect(new Set(TASK_KINDS.map((k) => k.id)).size).toBe(TASK_KINDS.length);
    for (const k of TASK_KINDS) {
      expect(k.label).toMatch(HAN);
      expect(k.subjectLabel).toMatch(HAN);
      expect(k.dueRule).toMatch(HAN);
      expect(ACTIONS).toContain(k.action);
      if (k.finding) {
        expect(k.dueRule).toContain(String(k.dueDays));
        expect(taskKindSource(k)).toMatch(HAN);
        // A member rule (dues arrears) is counted per organisation: its task's subject is the organisation.
        if (k.finding.ruleId.startsWith('member.')) expect(MEMBER_RULE_CATALOGUE[k.finding.ruleId as keyof typeof MEMBER_RULE_CATALOGUE].subject).toBe('member');
        else if (!k.finding.ruleId.startsWith('life.') && !k.finding.ruleId.startsWith('placement.')) expect(RULE_CATALOGUE[k.finding.ruleId as keyof typeof RULE_CATALOGUE].subject).toBe(({ party_org: 'org', union_org: 'union' } as Record<string, string>)[k.subject] ?? 'enterprise');
        expect(k.anchor).toBe(k.subject);
      } else {
        expect(k.workflow).toMatch(/^[a-z][a-zA-Z.]+$/);
        expect(k.source).toMatch(HAN);
      }
    }
  });

  it('is meant for roles that hold the action the kind needs', () => {
    for (const k of TASK_KINDS) {
      expect(k.forRoles.length).toBeGreaterThan(0);
      for (const r of k.forRoles) {
        expect(ROLES).toContain(r);
        expect(ROLE_ACTIONS[r]).toContain(k.action);
      }
    }
  });

  it('cites the law or document in Chinese, never a rule id', () => {
    for (const k of TASK_KINDS) {
      const s = taskKindSource(k);
      expect(s).toMatch(/《.+》|平台/);
      if (k.finding) expect(s).not.toContain(k.finding.ruleId);
      expect(s).not.toMatch(/[a-z]+\.[a-z]+/i);
    }
  });

  it.each([
    ['enterprise', 'enterprise.status', 'gap', 'coverage.gap'],
    ['enterprise', 'enterprise.status', 'standalone', undefined],
    ['party_org', 'org.secretaryVacant', undefined, 'org.secretaryVacant'],
    ['party_org', 'org.reelectionDue', undefined, undefined],
    ['enterprise', 'org.secretaryVacant', undefined, undefined],
    ['party_org', 'member.duesArrears', undefined, 'dues.arrears'],
  ] as const)('a %s finding %s (%s) opens kind %s', (subject, ruleId, status, kind) => {
    expect(kindForFinding(subject, ruleId, status)?.id).toBe(kind);
  });

  it('sets the due date from the opening day and labels an undeclared kind in Chinese', () => {
    expect(taskDueOn(taskKind('org.secretaryVacant')!, '2025-12-15')).toBe('2026-01-14');
    expect(taskDueOn(taskKind('coverage.gap')!, '2024-02-01')).toBe('2024-05-01');
    expect(taskKindLabel('retired.kind')).toBe('其他待办');
  });
});
