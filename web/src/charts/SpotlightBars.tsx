// Rule credit beside model credit per unit (Apache ECharts through
// ./chart.tsx): a bar per unit for the rules' credit, a diamond for the
// model's credit of the same total, and a whisker for the model's 95%
// bootstrap interval. A bar ending outside its whisker is a divergence; those
// units are marked ⚑ on the axis. The exact decimal strings are in the
// tooltip and in the container's data-series (what the browser tests compare
// with the API); bar lengths are the only place a decimal becomes a float,
// for drawing.
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { baseOption, Chart, ChartFigure, compactMoney, escapeHtml, INK, moneyHtml } from './chart.js';

echarts.use([BarChart, ScatterChart, CustomChart]);

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
  const option = useMemo(
    () => ({
      ...baseOption((params: unknown) => {
        const first = (params as Array<{ dataIndex: number }>)[0];
        const r = first ? rows[first.dataIndex] : undefined;
        if (!r) return '';
        return [
          `<strong>${escapeHtml(r.unit)}</strong>${r.diverges ? ' <span style="color:#a3231b">⚑ diverges</span>' : ''}`,
          `Rule credit: ${moneyHtml(r.ruleCredit, currency)}`,
          `Model credit: ${moneyHtml(r.modelCredit, currency)}`,
          `95% interval: ${moneyHtml(r.low, currency)} – ${moneyHtml(r.high, currency)}`,
        ].join('<br/>');
      }),
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { color: INK, formatter: (v: number) => compactMoney(v, currency) } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.unit),
        axisLabel: {
          color: INK,
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
    }),
    [rows, currency],
  );

  const exact = JSON.stringify({
    units: rows.map((r) => r.unit),
    ruleCredit: rows.map((r) => r.ruleCredit),
    modelCredit: rows.map((r) => r.modelCredit),
    low: rows.map((r) => r.low),
    high: rows.map((r) => r.high),
    diverges: rows.map((r) => r.diverges),
  });
  return (
    <ChartFigure
      id={id}
      title={title}
      note={
        <p className="muted small">
          Bars: the rules' credit. Diamonds: the model's credit of the same total; whiskers: its 95% interval. ⚑ marks a unit whose rule
          credit lies outside the interval. The figures are in the table below.
        </p>
      }
    >
      <Chart
        id={id}
        option={option}
        exact={exact}
        label={`${title}: bar chart per unit with the model's interval; the figures are in the table below`}
        style={{ height: `${Math.max(160, 60 + rows.length * 26)}px` }}
      />
    </ChartFigure>
  );
}

interface CustomApi {
  value(dim: number): number;
  coord(point: [number, number]): number[];
  size(dataSize: [number, number]): number[];
}
