import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Grid } from 'antd';
import type { LifeRollup, LifeStatus } from './district-api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const SERIES: Array<{ status: LifeStatus; name: string; color: string }> = [
  { status: 'compliant', name: '达标', color: '#52c41a' },
  { status: 'lagging', name: '滞后', color: '#faad14' },
  { status: 'dormant', name: '不活跃', color: '#ff4d4f' },
];

/**
 * 党支部 达标 / 滞后 / 不活跃 stacked per area; a click on a segment opens those organisations. On a
 * phone the bars lie down, one row per area with its whole name (as the coverage page's chart).
 */
export function DistrictChart({ data, onPick }: { data: LifeRollup; onPick(region: string, status: LifeStatus): void }) {
  const phone = !Grid.useBreakpoint().sm;
  const names = data.rows.map((r) => r.name ?? r.region);
  const series = SERIES.map((s) => ({ name: s.name, type: 'bar', stack: 'all', data: data.rows.map((r) => r[s.status]), itemStyle: { color: s.color }, barMaxWidth: phone ? 16 : 36 }));
  const category = { type: 'category', data: names, axisLabel: phone ? { width: 84, overflow: 'breakAll', lineHeight: 14, interval: 0 } : { interval: 0, rotate: names.length > 5 ? 30 : 0 } };
  const value = { type: 'value', minInterval: 1, name: phone ? undefined : '党支部' };
  const option = {
    animation: false, tooltip: { trigger: 'axis', confine: true }, legend: phone ? { top: 0 } : { bottom: 0 },
    grid: phone ? { left: 4, right: 16, top: 32, bottom: 8, containLabel: true } : { left: 40, right: 10, top: 24, bottom: 60, containLabel: true },
    ...(phone ? { yAxis: { ...category, inverse: true }, xAxis: value } : { xAxis: category, yAxis: value }),
    series,
  };
  const height = phone ? Math.max(200, 48 + data.rows.length * 40) : 300;
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge
    onEvents={{ click: (p: { dataIndex: number; seriesIndex: number }) => { const r = data.rows[p.dataIndex]; if (r) onPick(r.region, SERIES[p.seriesIndex]!.status); } }} />;
}
