import type { Db } from '../../db/schema.js';
import { childLength, previousPeriod, ratePercent, type MetricId, type Pair } from '../../domain/metrics.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { DEFS, DEF_LIST } from '../coverage/coverage-figures.service.js';
import { childRegionRows, hasSnapshot, regionNames, snapshotRows, type SnapshotRow } from '../coverage/snapshot.repository.js';
import { nodeFor, periodsUntil, requireSnapshot } from '../coverage/snapshot.service.js';
import { bulletinLife, type BulletinLife } from './bulletin-life.js';
import { bulletinUnion, type BulletinUnion } from './bulletin-union.js';
import { bulletinTargets, type BulletinTargets } from './bulletin-targets.js';
import type { BulletinIssue } from './bulletin-issue.repository.js';
import { typedCountsNote, typedMemberCounts, type TypedCounts } from './bulletin-typed-counts.js';

/**
 * The monthly bulletin (月通报) as one data model; HTML/PDF, DOCX and XLSX render it
 * (bulletin-html.ts, bulletin-docx.ts, bulletin-xlsx.ts). Figures come from the month-end
 * snapshots of the month and the month before (requireSnapshot: only last month is taken when
 * missing, any other missing month is 404), so the bulletin agrees
 * with the dashboard's month view and the drill-down lists to the row.
 */
export type MetricFigure = { id: MetricId; label: string; now: Pair; before: Pair; rate: number | null; change: number | null; higherIsBetter: boolean };
export type RankedRow = {
  rank: number; code: string; name: string; enterprises: number;
  orgRate: number | null; twoRate: number | null; twoChange: number | null; unionRate: number | null;
  gaps: number; standaloneDue: number; unionDue: number;
};
export type Bulletin = {
  title: string; office: string; issuedOn: string; period: string; periodLabel: string; regionName: string; regionCode: string;
  summary: string; metrics: MetricFigure[]; rows: RankedRow[];
  /** In-service enterprises placed at the node itself, not under a child: outside the ranking. */
  ownLevel: number;
  gaps: { gaps: number; standaloneDue: number; unionDue: number; secretaryVacant: number };
  /** 工作目标进展 (bulletin-targets.ts): the targets that apply to the region, progress at the month end. */
  targets?: BulletinTargets;
  /** 组织生活开展情况 (bulletin-life.ts): 党支部 达标 / 滞后 / 不活跃 at the month end; absent without active 党支部. */
  life?: BulletinLife;
  /** 工会工作情况 (bulletin-union.ts): the union figures by area, mediation in time, dispatched members; absent without unions. */
  union?: BulletinUnion;
  trend: { periods: string[]; two: Array<number | null>; org: Array<number | null> };
  /** Whose member counts are 填报数 (no roster by the month end), and the note saying so under the figures. */
  typedCounts?: TypedCounts & { note: string };
  /** 文号, 主送, 抄送 and 印发 as issued (bulletin-issue.service.ts); null in a draft not issued yet. */
  issue: BulletinIssue | null;
};

const LEVEL_OFFICE: Record<number, (n: string) => string> = {
  2: (n) => `中共${n}委组织部`, 4: (n) => `中共${n}委组织部`, 6: (n) => `中共${n}委组织部`, 9: (n) => `中共${n}工作委员会`, 12: (n) => `${n}党组织`,
};
const periodLabel = (p: string) => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`;
const fmt = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}%`);
const pp = (c: number | null) => (c === null ? '持平' : c > 0 ? `上升${c.toFixed(1)}个百分点` : c < 0 ? `下降${(-c).toFixed(1)}个百分点` : '持平');

function pairOf(rows: SnapshotRow[], key: string, metric: string): Pair {
  const r = rows.find((x) => x.scope_key === key && x.metric === metric);
  return { numerator: Number(r?.numerator ?? 0), denominator: Number(r?.denominator ?? 0) };
}

function change(now: Pair, before: Pair): number | null {
  const a = ratePercent(now);
  const b = ratePercent(before);
  return a === null || b === null ? null : Math.round((a - b) * 10) / 10;
}

function rankRows(kids: SnapshotRow[], prev: SnapshotRow[], names: Map<string, string>): RankedRow[] {
  const codes = [...new Set(kids.map((k) => k.scope_key))];
  const rows = codes.map((code) => {
    const p = (m: string) => pairOf(kids, code, m);
    const two = p('twoCoverage');
    return {
      rank: 0, code, name: names.get(code) ?? code, enterprises: two.denominator,
      orgRate: ratePercent(p('orgCoverage')), twoRate: ratePercent(two), twoChange: change(two, pairOf(prev, code, 'twoCoverage')),
      unionRate: ratePercent(p('unionSetup')), gaps: two.denominator - two.numerator,
      standaloneDue: p('standaloneRate').denominator - p('standaloneRate').numerator, unionDue: p('unionSetup').denominator - p('unionSetup').numerator,
    };
  });
  rows.sort((a, b) => (b.twoRate ?? -1) - (a.twoRate ?? -1) || a.gaps - b.gaps || a.code.localeCompare(b.code));
  return rows.map((r, i) => ({ ...r, rank: i + 1 }));
}

export async function buildBulletin(db: Db, actor: Actor, regionPrefix: string, period: string, office?: string): Promise<Bulletin> {
  const scope = requireAction(actor, 'report.generate');
  const node = nodeFor(scope, { regionPrefix });
  const prev = previousPeriod(period);
  // The month itself must be stored (or be last month, taken now); the month before is compared
  // with when it is stored — a missing one leaves the changes blank, it is never taken here.
  await requireSnapshot(db, period, actor);
  const prevStored = await hasSnapshot(db, prev);
  const key = node.key;
  const [mine, childLen] = [await snapshotRows(db, node.kind, [key], periodsUntil(period, 12)), childLength(regionPrefix.length)];
  const kids = childLen ? await childRegionRows(db, regionPrefix, childLen, period) : [];
  const kidsPrev = childLen ? await childRegionRows(db, regionPrefix, childLen, prev) : [];
  const names = await regionNames(db, [key, ...kids.map((k) => k.scope_key)]);
  const regionName = names.get(key) ?? regionPrefix;
  const at = (p: string) => mine.filter((r) => r.period === p);
  const metrics: MetricFigure[] = DEF_LIST.map((d) => {
    const now = pairOf(at(period), key, d.id);
    const before = pairOf(at(prev), key, d.id);
    return { id: d.id, label: d.label, now, before, rate: ratePercent(now), change: change(now, before), higherIsBetter: d.higherIsBetter };
  });
  const m = (id: MetricId) => metrics.find((x) => x.id === id)!;
  const two = m('twoCoverage');
  const gaps = { gaps: two.now.denominator - two.now.numerator, standaloneDue: m('standaloneRate').now.denominator - m('standaloneRate').now.numerator,
    unionDue: m('unionSetup').now.denominator - m('unionSetup').now.numerator, secretaryVacant: m('secretaryVacancy').now.numerator };
  const trendPeriods = periodsUntil(period, 12);
  const trendOf = (id: MetricId) => trendPeriods.map((p) => (at(p).length ? ratePercent(pairOf(at(p), key, id)) : null));
  // Without last month's snapshot there is nothing to compare with: say so rather than "持平".
  const vsLast = (c: number | null) => (prevStored ? `较上月${pp(c)}` : '上月无月末快照，暂无法比较');
  const summary = `截至${periodLabel(period)}末，${regionName}共有在营非公企业${two.now.denominator}家。党的组织覆盖率${fmt(m('orgCoverage').rate)}，${vsLast(m('orgCoverage').change)}；`
    + `“两个覆盖”率${fmt(two.rate)}，${vsLast(two.change)}；尚有空白点${gaps.gaps}家。正式党员3名以上企业单独组建率${fmt(m('standaloneRate').rate)}，仍有${gaps.standaloneDue}家应建未建。`
    + `工会组建率${fmt(m('unionSetup').rate)}，职工入会率${fmt(m('unionMembership').rate)}，集体合同签订率${fmt(m('collectiveContract').rate)}。`;
  const ranked = rankRows(kids, kidsPrev, names);
  const typed = await typedMemberCounts(db, regionPrefix, period, childLen);
  return {
    title: `关于${periodLabel(period)}${regionName}两新组织党建工作“两个覆盖”情况的通报`,
    office: office ?? LEVEL_OFFICE[regionPrefix.length]?.(regionName) ?? regionName,
    issuedOn: todayInChina(), period, periodLabel: periodLabel(period), regionName, regionCode: key, summary, metrics,
    rows: ranked, ownLevel: two.now.denominator - ranked.reduce((n, r) => n + r.enterprises, 0), gaps,
    targets: await bulletinTargets(db, actor, regionPrefix, period),
    life: await bulletinLife(db, actor, regionPrefix, period, regionName),
    union: await bulletinUnion(db, actor, regionPrefix, period, { mine: at(period), kids, key, names, regionName }),
    typedCounts: { ...typed, note: typedCountsNote(typed, regionName, ranked.length > 0) },
    trend: { periods: trendPeriods, two: trendOf('twoCoverage'), org: trendOf('orgCoverage') }, issue: null,
  };
}

export { DEFS, fmt, pp };
