import type { RuleId } from './catalogue.js';
import { ENTERPRISE_ALERT, ENTERPRISE_STEP, type EnterpriseVerdict } from './evaluate-enterprise.js';
import { ORG_ALERT, ORG_STEP, type OrgVerdict } from './evaluate-org.js';
import { UNION_ALERT, type UnionVerdict } from './evaluate-union.js';

/** Maps each bit of a compact verdict to its rule id (work lists filter by rule id). */
const bits = <K extends string>(mask: number, table: Record<K, number>, prefix: string): RuleId[] =>
  (Object.keys(table) as K[]).filter((k) => mask & table[k]).map((k) => `${prefix}.${k}` as RuleId);

export function ruleIdsOf(
  v: ({ subject: 'enterprise' } & EnterpriseVerdict) | ({ subject: 'org' } & OrgVerdict) | ({ subject: 'union' } & UnionVerdict),
): RuleId[] {
  if (v.subject === 'enterprise') return [...bits(v.steps, ENTERPRISE_STEP, 'enterprise'), ...bits(v.alerts, ENTERPRISE_ALERT, 'enterprise')];
  if (v.subject === 'org') return [...bits(v.steps, ORG_STEP, 'org'), ...bits(v.alerts, ORG_ALERT, 'org')];
  return bits(v.alerts, UNION_ALERT, 'union');
}
