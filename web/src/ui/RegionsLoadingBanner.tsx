import { useEffect, useState } from 'react';
import { Alert, Progress } from 'antd';

type Regions = { state: 'ready' | 'loading' | 'failed'; percent: number; message: string };

/**
 * At first start the server loads the region dictionary in the background; until it is complete,
 * pages that need regions answer 503 REGIONS_LOADING. This banner, above every page (sign-in
 * included), says so with the progress from /api/health, and goes away by itself when ready.
 */
export function RegionsLoadingBanner() {
  const [regions, setRegions] = useState<Regions | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch('/api/health', { credentials: 'same-origin' });
        const body = (await res.json()) as { regions?: Regions };
        if (stopped) return;
        setRegions(body.regions ?? null);
        if (body.regions && body.regions.state === 'loading') timer = setTimeout(poll, 3000);
      } catch {
        if (!stopped) timer = setTimeout(poll, 10000); // server restarting: try again later
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (!regions || regions.state === 'ready') return null;
  const failed = regions.state === 'failed';
  return (
    <Alert
      data-testid="regions-loading"
      banner
      type={failed ? 'error' : 'info'}
      message={failed ? regions.message : `${regions.message}（首次启动时在后台载入；区划、统计和导入稍候可用，其余功能可先使用）`}
      description={failed ? undefined : <Progress percent={regions.percent} size="small" style={{ maxWidth: 360, margin: 0 }} />}
    />
  );
}
