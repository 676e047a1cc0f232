import { useEffect, useState } from 'react';
import { Tooltip } from 'antd';
import type { RegionDetailOut } from '../../../src/contracts/region';
import { apiGet } from '../api/client';

/**
 * A region shown as people read it — "深圳市 › 南山区 › 粤海街道" — with the code in a tooltip, instead
 * of 440305003000. Names come from GET /api/regions/:code, once per code per page load (a list of
 * fifty rows names a handful of regions).
 */
const cache = new Map<string, Promise<string>>();

/** The path below the province (the province adds nothing inside one deployment), or the name. */
function pathOf(r: RegionDetailOut): string {
  const names = r.path.map((p) => p.name);
  return (names.length > 2 ? names.slice(1) : names).join(' › ') || r.name;
}

export function regionNameOf(code: string): Promise<string> {
  let hit = cache.get(code);
  if (!hit) {
    hit = apiGet<RegionDetailOut>(`/api/regions/${code}`).then(pathOf, () => code);
    cache.set(code, hit);
  }
  return hit;
}

/** While the name loads it shows an ellipsis, not the code: a code where a name belongs is what people must never read. */
export function RegionName({ code, empty = '—' }: { code: string | null | undefined; empty?: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setName(null);
    if (code) regionNameOf(code).then((n) => { if (live) setName(n); });
    return () => { live = false; };
  }, [code]);
  if (!code) return <>{empty}</>;
  return <Tooltip title={`区划代码 ${code}`}><span data-region-code={code} aria-busy={name === null}>{name ?? '…'}</span></Tooltip>;
}
