import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { FiguresResult, TrendResult } from './api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Sub-regions side by side; a click on a bar drills into that region. */
export function RegionBars({ data, onPick }: { data: FiguresResult; onPick(key: string | null): void }) {
  const groups = data.groups;
  const option = {
    animation: false, tooltip: { trigger: 'axis' }, legend: { bottom: 0, itemGap: 28 },
    grid: { left: 40, right: 10, top: 16, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { interval: 0, rotate: groups.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: [
      { name: '“两个覆盖”率', type: 'bar', data: groups.map((g) => g.pairs.twoCoverage?.rate ?? 0), itemStyle: { color: '#c0392b' } },
      { name: '组织覆盖率', type: 'bar', data: groups.map((g) => g.pairs.orgCoverage?.rate ?? 0), itemStyle: { color: '#e6a23c' } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge
    onEvents={{ click: (p: { dataIndex: number }) => onPick(groups[p.dataIndex]?.key ?? null) }} />;
}

export function TrendLines({ data }: { data: TrendResult }) {
  const line = (id: string) => (data.series[id] ?? []).map((p) => p?.rate ?? null);
  const option = {
    animation: false, tooltip: { trigger: 'axis' }, legend: { bottom: 0, itemGap: 28 },
    grid: { left: 40, right: 10, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: data.periods },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: [
      { name: '“两个覆盖”率', type: 'line', data: line('twoCoverage') },
      { name: '组织覆盖率', type: 'line', data: line('orgCoverage') },
      { name: '工会组建率', type: 'line', data: line('unionSetup') },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge />;
}
