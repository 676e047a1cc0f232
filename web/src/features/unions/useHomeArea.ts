import { roleAllows } from '../../../../src/domain/permissions';
import { useAuth } from '../../app/auth';

const PREFIX = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/**
 * The area a union district page opens on: the address's ?region= when valid, else the person's own
 * first area; an all-regions union reader with no area may clear it to see everything.
 */
export function useHomeArea(asked: string | null): { region: string | undefined; place: string; unrestricted: boolean } {
  const { me } = useAuth();
  const areas = me?.areas ?? [];
  const unrestricted = (me?.grants ?? []).some((g) => g.allRegions && roleAllows(g.role, 'union.read'));
  const home = unrestricted && !areas.length ? undefined : areas[0]?.prefix;
  const region = asked && PREFIX.test(asked) ? asked : home;
  const place = areas.find((a) => a.prefix === region)?.name ?? (region ? '所选区划' : '全部');
  return { region, place, unrestricted };
}
