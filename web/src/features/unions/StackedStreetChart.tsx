import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Grid } from 'antd';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type StackSeries<K extends string> = { key: K; label: string; color: string };

/**
 * Counts per street, stacked by kind (帮扶 levels, 经费 statuses); a click on a segment opens its rows.
 * On a phone the bars lie down, as the 集体协商 chart does.
 */
export function StackedStreetChart<R extends { region: string; name: string | null }, K extends string>(
  { rows, series, value, unit, onPick }: { rows: R[]; series: Array<StackSeries<K>>; value(r: R, k: K): number; unit: string; onPick(r: R, k: K): void },
) {
  const phone = !Grid.useBreakpoint().sm;
  const names = rows.map((r) => r.name ?? (r.region || '未登记属地'));
  const category = { type: 'category', data: names, axisLabel: phone ? { width: 84, overflow: 'breakAll', lineHeight: 14, interval: 0 } : { interval: 0, rotate: names.length > 5 ? 30 : 0 } };
  const axis = { type: 'value', minInterval: 1, name: phone ? undefined : unit };
  const option = {
    animation: false, tooltip: { trigger: 'axis', confine: true }, legend: phone ? { top: 0, type: 'scroll' } : { bottom: 0 },
    grid: phone ? { left: 4, right: 16, top: 32, bottom: 8, containLabel: true } : { left: 40, right: 10, top: 24, bottom: 60, containLabel: true },
    ...(phone ? { yAxis: { ...category, inverse: true }, xAxis: axis } : { xAxis: category, yAxis: axis }),
    series: series.map((s) => ({ name: s.label, type: 'bar', stack: 'all', data: rows.map((r) => value(r, s.key)), itemStyle: { color: s.color }, barMaxWidth: phone ? 16 : 36 })),
  };
  const height = phone ? Math.max(220, 56 + rows.length * 40) : 320;
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge
    onEvents={{ click: (p: { dataIndex: number; seriesIndex: number }) => { const r = rows[p.dataIndex]; const s = series[p.seriesIndex]; if (r && s) onPick(r, s.key); } }} />;
}
