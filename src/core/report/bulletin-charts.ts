import * as echarts from 'echarts';
import type { Bulletin } from './bulletin-data.js';

/**
 * Charts of the bulletin, drawn by ECharts on the server as SVG (no DOM): the same pictures go
 * into the HTML/PDF directly and into the DOCX as PNG (rendered by Chromium, bulletin-render.ts).
 */
const FONT = 'Noto Sans CJK SC, Noto Sans SC, sans-serif';

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export type BulletinCharts = { ranking: string; trend: string };

export function bulletinCharts(b: Bulletin): BulletinCharts {
  const rows = b.rows.slice(0, 20);
  const ranking = render({
    title: { text: '各地“两个覆盖”率与组织覆盖率（%）', left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
    legend: { bottom: 0, data: ['“两个覆盖”率', '组织覆盖率'] },
    grid: { left: 50, right: 20, top: 40, bottom: 70 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, fontSize: 10 } },
    yAxis: { type: 'value', max: 100 },
    series: [
      { name: '“两个覆盖”率', type: 'bar', data: rows.map((r) => r.twoRate ?? 0), itemStyle: { color: '#c0392b' }, label: { show: rows.length <= 10, position: 'top', fontSize: 9 } },
      { name: '组织覆盖率', type: 'bar', data: rows.map((r) => r.orgRate ?? 0), itemStyle: { color: '#e6a23c' } },
    ],
  }, 640, 300);
  const trend = render({
    title: { text: `${b.regionName}近12个月覆盖率走势（%）`, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
    legend: { bottom: 0, data: ['“两个覆盖”率', '组织覆盖率'] },
    grid: { left: 50, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: b.trend.periods.map((p) => `${Number(p.slice(5))}月`) },
    yAxis: { type: 'value', max: 100 },
    series: [
      { name: '“两个覆盖”率', type: 'line', data: b.trend.two, connectNulls: false, itemStyle: { color: '#c0392b' } },
      { name: '组织覆盖率', type: 'line', data: b.trend.org, connectNulls: false, itemStyle: { color: '#e6a23c' } },
    ],
  }, 640, 260);
  return { ranking, trend };
}
