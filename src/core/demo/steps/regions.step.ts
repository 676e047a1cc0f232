import { loadRegions } from '../../region/region-load.service.js';
import type { DemoStep } from '../demo.js';

/** The district's whole city, so addresses naming a neighbouring district still place. */
export const regionsStep: DemoStep = {
  title: '载入演示城市的区划',
  async run(ctx) {
    const r = await loadRegions(ctx.database, ctx.actor, { scope: [ctx.district.cityPrefix] });
    ctx.log(`      区划 ${r.staged} 条（新增 ${r.inserted}，未变 ${r.unchanged}）`);
  },
};
