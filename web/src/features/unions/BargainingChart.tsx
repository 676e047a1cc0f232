import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Grid } from 'antd';
import { BARGAINING_STAGE_LABELS, BOARD_STAGES, type BargainingStage } from '../../../../src/domain/rules/bargaining';
import type { BargainingBoard } from './bargaining-api';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLOR: Record<string, string> = {
  requested: '#91caff', replied: '#69b1ff', negotiating: '#4096ff', passed: '#1677ff', signed: '#9254de', filed: '#faad14',
  effective: '#52c41a', renewing: '#13c2c2', expired: '#ff4d4f',
};

/** Rounds per stage stacked per street; a click on a segment opens those rounds. On a phone the bars lie down. */
export function BargainingChart({ data, onPick }: { data: BargainingBoard; onPick(region: string, stage: BargainingStage): void }) {
  const phone = !Grid.useBreakpoint().sm;
  const names = data.rows.map((r) => r.name ?? r.region);
  const series = BOARD_STAGES.map((s) => ({
    name: BARGAINING_STAGE_LABELS[s], type: 'bar', stack: 'all', data: data.rows.map((r) => r.counts[s]), itemStyle: { color: COLOR[s] }, barMaxWidth: phone ? 16 : 36,
  }));
  const category = { type: 'category', data: names, axisLabel: phone ? { width: 84, overflow: 'breakAll', lineHeight: 14, interval: 0 } : { interval: 0, rotate: names.length > 5 ? 30 : 0 } };
  const value = { type: 'value', minInterval: 1, name: phone ? undefined : '轮次' };
  const option = {
    animation: false, tooltip: { trigger: 'axis', confine: true }, legend: phone ? { top: 0, type: 'scroll' } : { bottom: 0 },
    grid: phone ? { left: 4, right: 16, top: 32, bottom: 8, containLabel: true } : { left: 40, right: 10, top: 24, bottom: 60, containLabel: true },
    ...(phone ? { yAxis: { ...category, inverse: true }, xAxis: value } : { xAxis: category, yAxis: value }),
    series,
  };
  const height = phone ? Math.max(220, 56 + data.rows.length * 40) : 320;
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge
    onEvents={{ click: (p: { dataIndex: number; seriesIndex: number }) => { const r = data.rows[p.dataIndex]; if (r) onPick(r.region, BOARD_STAGES[p.seriesIndex]!); } }} />;
}
