import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Grid } from 'antd';
import type { FiguresResult, TrendResult } from './api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * On a phone (narrower than antd's `sm`, 576 px) the charts change shape rather than shrink: the
 * sub-region bars lie down — one row per region, its whole name on the left, wrapped onto a second
 * line when long (never cut off: a tap on a bar drills down, so a tooltip could not be read) — and
 * the legend moves to the top, clear of the axis names.
 */
const usePhone = () => !Grid.useBreakpoint().sm;

const BAR_SERIES = [
  { name: '“两个覆盖”率', id: 'twoCoverage', color: '#c0392b' },
  { name: '组织覆盖率', id: 'orgCoverage', color: '#e6a23c' },
] as const;

/** Sub-regions side by side; a click on a bar drills into that region. */
export function RegionBars({ data, onPick }: { data: FiguresResult; onPick(key: string | null): void }) {
  const phone = usePhone();
  const groups = data.groups;
  const names = groups.map((g) => g.label);
  const series = BAR_SERIES.map((s) => ({
    name: s.name, type: 'bar', data: groups.map((g) => g.pairs[s.id]?.rate ?? 0), itemStyle: { color: s.color },
    ...(phone ? { barMaxWidth: 14, label: { show: true, position: 'right', fontSize: 10, formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` } } : {}),
  }));
  const option = phone ? {
    animation: false, tooltip: { trigger: 'axis', confine: true }, legend: { top: 0, itemGap: 16 },
    grid: { left: 4, right: 44, top: 32, bottom: 8, containLabel: true },
    // Rows top to bottom in the list's order; the whole name, wrapped at ~6 characters.
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 84, overflow: 'breakAll', lineHeight: 14, interval: 0 } },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%' } },
    series,
  } : {
    animation: false, tooltip: { trigger: 'axis' }, legend: { bottom: 0, itemGap: 28 },
    grid: { left: 40, right: 10, top: 16, bottom: 60, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: groups.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    series,
  };
  // A row per region on a phone: the chart grows with the list instead of squeezing the bars.
  const height = phone ? Math.max(220, 48 + groups.length * 46) : 300;
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge
    onEvents={{ click: (p: { dataIndex: number }) => onPick(groups[p.dataIndex]?.key ?? null) }} />;
}

/** `2025-09` → `9月`, and `2025年1月` where a year starts (and on the first label), for a narrow axis. */
const monthLabel = (v: string, i: number) => (i === 0 || v.endsWith('-01') ? `${v.slice(0, 4)}年${Number(v.slice(5))}月` : `${Number(v.slice(5))}月`);

/** The trend's lines; a click on a month's point opens what that month end counted (onPick). */
const TREND_SERIES = [
  { name: '“两个覆盖”率', id: 'twoCoverage' }, { name: '组织覆盖率', id: 'orgCoverage' }, { name: '工会组建率', id: 'unionSetup' },
  // Recorded by month-end snapshots from issue 15 on; earlier months have no point.
  { name: '组织生活达标率', id: 'lifeCompliance' },
] as const;

export function TrendLines({ data, onPick }: { data: TrendResult; onPick?(metric: string, period: string): void }) {
  const phone = usePhone();
  const line = (id: string) => (data.series[id] ?? []).map((p) => p?.rate ?? null);
  const option = {
    animation: false, tooltip: { trigger: 'axis', confine: true },
    legend: phone ? { top: 0, itemGap: 12, itemWidth: 18 } : { bottom: 0, itemGap: 28 },
    grid: phone ? { left: 4, right: 12, top: 40, bottom: 8, containLabel: true } : { left: 40, right: 10, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: data.periods, axisLabel: phone ? { formatter: monthLabel, hideOverlap: true } : {} },
    yAxis: { type: 'value', max: 100, ...(phone ? { axisLabel: { formatter: '{value}%' } } : { name: '%' }) },
    series: TREND_SERIES.filter((s) => data.series[s.id]).map((s) => ({ name: s.name, type: 'line', data: line(s.id) })),
  };
  const shown = TREND_SERIES.filter((s) => data.series[s.id]);
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: phone ? 260 : 280 }} notMerge
    onEvents={{ click: (p: { seriesIndex: number; dataIndex: number }) => {
      const metric = shown[p.seriesIndex]?.id;
      const period = data.periods[p.dataIndex];
      if (onPick && metric && period && data.series[metric]?.[p.dataIndex]) onPick(metric, period);
    } }} />;
}
