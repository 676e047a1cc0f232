// The ESM build: the CommonJS one (lib/) arrives as { default } through the bundler's interop.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ImportResult } from './types';

// Only the pieces this chart uses, so the import page does not pull in all of ECharts.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const BARS = [
  { key: 'created', label: '新增', color: '#52c41a' },
  { key: 'updated', label: '更新', color: '#1677ff' },
  { key: 'unchanged', label: '无变化', color: '#bfbfbf' },
  { key: 'rejected', label: '未通过', color: '#c41d1d' },
] as const;

/** The outcome of an import as one small bar chart. */
export default function ImportChart({ result }: { result: ImportResult }) {
  const option = {
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: BARS.map((b) => b.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{
      type: 'bar',
      barMaxWidth: 48,
      data: BARS.map((b) => ({ value: result[b.key], itemStyle: { color: b.color } })),
      label: { show: true, position: 'top' },
    }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 220 }} notMerge />;
}
