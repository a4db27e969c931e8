// Rule credit beside model credit per unit (Apache ECharts, SVG renderer):
// a bar per unit for the rules' credit, a diamond for the model's credit of
// the same total, and a whisker for the model's 95% bootstrap interval. A
// bar ending outside its whisker is a divergence; those units are marked ⚑
// on the axis. The exact decimal strings are in the tooltip and in the
// container's data-series (what the browser tests compare with the API);
// bar lengths are the only place a decimal becomes a float, for drawing.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { formatMoney } from '../ui.js';

echarts.use([BarChart, ScatterChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface SpotlightBar {
  unit: string;
  ruleCredit: string;
  modelCredit: string;
  low: string;
  high: string;
  diverges: boolean;
}

const RULE = '#0b5cad';
const MODEL = '#1b1f24';
const INTERVAL = '#c25e00';
const FLAG = '#a3231b';

export function SpotlightBars({ id, title, rows, currency }: { id: string; title: string; rows: SpotlightBar[]; currency: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    const units = rows.map((r) => r.unit);
    chart.setOption({
      aria: { enabled: true, decal: { show: true } },
      animation: false,
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: '#1b1f24' } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const first = (params as Array<{ dataIndex: number }>)[0];
          const r = first ? rows[first.dataIndex] : undefined;
          if (!r) return '';
          const money = (v: string) => `${escapeHtml(formatMoney(v, currency))} <span style="color:#525a64">(${escapeHtml(v)})</span>`;
          return [
            `<strong>${escapeHtml(r.unit)}</strong>${r.diverges ? ' <span style="color:#a3231b">⚑ diverges</span>' : ''}`,
            `Rule credit: ${money(r.ruleCredit)}`,
            `Model credit: ${money(r.modelCredit)}`,
            `95% interval: ${money(r.low)} – ${money(r.high)}`,
          ].join('<br/>');
        },
      },
      xAxis: { type: 'value', axisLabel: { color: '#1b1f24', formatter: (v: number) => compact(v, currency) } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: units,
        axisLabel: {
          color: '#1b1f24',
          formatter: (unit: string, index: number) => (rows[index]?.diverges ? `{flag|⚑ ${unit}}` : unit),
          rich: { flag: { color: FLAG, fontWeight: 'bold' } },
        },
      },
      series: [
        { name: 'Rule credit', type: 'bar', color: RULE, barMaxWidth: 18, data: rows.map((r) => Number(r.ruleCredit)) },
        {
          name: 'Model 95% interval',
          type: 'custom',
          color: INTERVAL,
          encode: { x: [0, 1], y: 2 },
          data: rows.map((r, i) => [Number(r.low), Number(r.high), i]),
          renderItem: (_params: unknown, api: CustomApi) => {
            const low = api.coord([api.value(0), api.value(2)]);
            const high = api.coord([api.value(1), api.value(2)]);
            const cap = Math.max(4, (api.size([0, 1])[1] ?? 20) * 0.25);
            const style = { stroke: INTERVAL, lineWidth: 2 };
            return {
              type: 'group',
              children: [
                { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
                { type: 'line', shape: { x1: low[0], y1: low[1]! - cap, x2: low[0], y2: low[1]! + cap }, style },
                { type: 'line', shape: { x1: high[0], y1: high[1]! - cap, x2: high[0], y2: high[1]! + cap }, style },
              ],
            };
          },
          z: 3,
        },
        {
          name: 'Model credit',
          type: 'scatter',
          color: MODEL,
          symbol: 'diamond',
          symbolSize: 11,
          data: rows.map((r) => Number(r.modelCredit)),
          z: 4,
        },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [rows, currency]);

  const exact = JSON.stringify({
    units: rows.map((r) => r.unit),
    ruleCredit: rows.map((r) => r.ruleCredit),
    modelCredit: rows.map((r) => r.modelCredit),
    low: rows.map((r) => r.low),
    high: rows.map((r) => r.high),
    diverges: rows.map((r) => r.diverges),
  });
  return (
    <figure className="card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
        <p className="muted small">
          Bars: the rules' credit. Diamonds: the model's credit of the same total; whiskers: its 95% interval. ⚑ marks a unit whose rule
          credit lies outside the interval. The figures are in the table below.
        </p>
      </figcaption>
      <div
        ref={ref}
        className="chart"
        id={id}
        data-series={exact}
        role="img"
        aria-label={`${title}: bar chart per unit with the model's interval; the figures are in the table below`}
        style={{ height: `${Math.max(160, 60 + rows.length * 26)}px` }}
      />
    </figure>
  );
}

interface CustomApi {
  value(dim: number): number;
  coord(point: [number, number]): number[];
  size(dataSize: [number, number]): number[];
}

function compact(v: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(v);
  } catch {
    return new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v);
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
