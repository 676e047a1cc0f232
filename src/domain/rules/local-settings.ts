import type { ParamId, ParamVersion, RuleSet } from './rule-set.js';

/**
 * The province settings of the recruitment rules (docs/recruitment.md, "Settings"): the numbers the
 * 细则 leaves to local rules — 公示天数 and the wait from application to 积极分子 — set per province
 * from a day, citing the local document. Turned here into province overrides of the rule set: the
 * national versions before the first local one, then the local versions in date order, so a step
 * is still judged by the rule in force on its day.
 */
export const LOCAL_RECRUITMENT_PARAMS = {
  publicNoticeMinDays: 'recruitment.publicNoticeMinDays',
  activistMinMonths: 'recruitment.activistMinMonths',
} as const satisfies Record<string, ParamId>;
export type LocalParamKey = keyof typeof LOCAL_RECRUITMENT_PARAMS;
export const LOCAL_PARAM_KEYS = ['publicNoticeMinDays', 'activistMinMonths'] as const satisfies readonly LocalParamKey[];
export const LOCAL_PARAM_LABELS: Record<LocalParamKey, string> = { publicNoticeMinDays: '公示最少天数（自然日）', activistMinMonths: '提出申请后列为入党积极分子的最短间隔（月）' };
export const LOCAL_PARAM_RANGES: Record<LocalParamKey, [number, number]> = { publicNoticeMinDays: [1, 30], activistMinMonths: [0, 24] };

export type LocalSetting = { province: string; param: LocalParamKey; value: number; validFrom: string; source: string };

export function withLocalSettings(base: RuleSet, entries: readonly LocalSetting[]): RuleSet {
  if (!entries.length) return base;
  const overrides: RuleSet['overrides'] = { ...base.overrides };
  const groups = new Map<string, LocalSetting[]>();
  for (const e of entries) groups.set(`${e.province}:${e.param}`, [...(groups.get(`${e.province}:${e.param}`) ?? []), e]);
  for (const group of groups.values()) {
    const { province, param } = group[0]!;
    const id = LOCAL_RECRUITMENT_PARAMS[param];
    const sorted = [...group].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    const first = sorted[0]!.validFrom;
    const national = base.overrides[province]?.[id] ?? base.params.find((p) => p.id === id)!.versions;
    const before: ParamVersion[] = national.filter((v) => v.validFrom < first).map((v) => ({ ...v, validTo: v.validTo && v.validTo < first ? v.validTo : first }));
    const local: ParamVersion[] = sorted.map((e, i) => ({
      value: e.value, validFrom: e.validFrom, ...(sorted[i + 1] ? { validTo: sorted[i + 1]!.validFrom } : {}), source: e.source, confidence: '◐',
    }));
    overrides[province] = { ...overrides[province], [id]: [...before, ...local] };
  }
  return { ...base, version: `${base.version}+local`, overrides };
}
