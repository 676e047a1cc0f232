import { useSearchParams } from 'react-router-dom';
import { roleAllows } from '../../../../src/domain/permissions';
import type { MeArea } from '../../../../src/contracts/auth';
import { useAuth } from '../../app/auth';
import { regionPrefix } from '../../ui/RegionSelect';
import { useAsync } from '../../ui/useAsync';
import { getRegion } from './api';

/**
 * Which node and month the statistics page shows, kept in the address (`?region=440305&month=2025-09`)
 * so a link, a reload or 后退 reopens the same view. Without `region` the page opens on the person's
 * own area (their first scope root, from GET /api/auth/me); `region=` (empty) is 全部, offered only to
 * an unrestricted account — anyone else would see a whole they cannot read.
 */
export type Crumb = { label: string; region: string };
export type DashboardView = {
  region?: string;
  month?: string;
  unrestricted: boolean;
  /** Where the region picker's tree starts: the person's own areas (none → the dictionary's roots). */
  roots?: MeArea[];
  crumbs: Crumb[];
  label: string;
  go(next: { region?: string; month?: string }): void;
};

const PREFIX = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function useDashboardView(): DashboardView {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const areas = me?.areas ?? [];
  const unrestricted = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'coverage.read'));
  const asked = params.get('region');
  const home = unrestricted && !areas.length ? undefined : areas[0]?.prefix;
  const region = asked === null ? home : asked && PREFIX.test(asked) ? regionPrefix(asked.padEnd(12, '0')) : unrestricted ? undefined : home;
  const monthParam = params.get('month') ?? '';
  const month = MONTH.test(monthParam) ? monthParam : undefined;

  const detail = useAsync(async () => (region ? getRegion(region.padEnd(12, '0')) : null), [region]);
  const inMine = (prefix: string) => unrestricted || areas.some((a) => prefix.startsWith(a.prefix));
  const path = (detail.data?.path ?? []).map((r) => ({ label: r.name, region: regionPrefix(r.code) })).filter((c) => inMine(c.region));
  const current = region ? path.at(-1)?.label ?? detail.data?.name ?? areas.find((a) => a.prefix === region)?.name ?? region : '全部';
  const crumbs: Crumb[] = [...(unrestricted ? [{ label: '全部', region: '' }] : []), ...(region && !path.length ? [{ label: current, region }] : path)];

  const go = (next: { region?: string; month?: string }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v !== undefined) p.set(k, v);
    if (p.get('month') === '') p.delete('month');
    setParams(p);
  };
  return { region, month, unrestricted, roots: areas.length && !unrestricted ? areas : undefined, crumbs, label: current, go };
}
