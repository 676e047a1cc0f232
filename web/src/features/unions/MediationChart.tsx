import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Grid } from 'antd';
import { MEDIATION_CATEGORIES, MEDIATION_CATEGORY_SHORT, type MediationCategory } from '../../../../src/domain/mediation';
import type { MediationStats } from './mediation-api';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Cases received by category (the six of 第二条); a click on a bar opens those cases. Bars lie down on a phone. */
export function MediationChart({ stats, onPick }: { stats: MediationStats; onPick(category: MediationCategory): void }) {
  const phone = !Grid.useBreakpoint().sm;
  const names = MEDIATION_CATEGORIES.map((k) => MEDIATION_CATEGORY_SHORT[k]);
  const values = MEDIATION_CATEGORIES.map((k) => stats.totals.byCategory[k]?.n ?? 0);
  const category = { type: 'category', data: names, axisLabel: phone ? { width: 96, overflow: 'breakAll', interval: 0 } : { interval: 0, rotate: 20 } };
  const value = { type: 'value', minInterval: 1, name: phone ? undefined : '件' };
  const option = {
    animation: false, tooltip: { trigger: 'axis', confine: true },
    grid: phone ? { left: 4, right: 16, top: 8, bottom: 8, containLabel: true } : { left: 40, right: 10, top: 24, bottom: 40, containLabel: true },
    ...(phone ? { yAxis: { ...category, inverse: true }, xAxis: value } : { xAxis: category, yAxis: value }),
    series: [{ name: '受理件数', type: 'bar', data: values, itemStyle: { color: '#1677ff' }, barMaxWidth: 36 }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: phone ? 280 : 300 }} notMerge
    onEvents={{ click: (p: { dataIndex: number }) => { const k = MEDIATION_CATEGORIES[p.dataIndex]; if (k) onPick(k); } }} />;
}
