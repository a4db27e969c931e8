// Grouped bars per period (Apache ECharts through ./chart.tsx), with the
// exact figures: the tooltip shows each decimal string as the API sent it,
// the container carries them in data-series (what the browser tests compare
// with the API), and a table beside the chart gives them to keyboard and
// screen-reader users. Bar heights are the only place a decimal becomes a
// float, for drawing.
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { formatMoney } from '../ui/money.js';
import { baseOption, Chart, ChartFigure, compactMoney, escapeHtml, INK, moneyHtml } from './chart.js';

echarts.use([BarChart]);

export interface PeriodSeries {
  name: string;
  /** One exact decimal string per period (same order as `periods`). */
  values: string[];
  color: string;
}

export function PeriodBars({
  id,
  title,
  periods,
  series,
  currency,
}: {
  id: string;
  title: string;
  periods: string[];
  series: PeriodSeries[];
  currency: string;
}) {
  const option = useMemo(
    () => ({
      ...baseOption((params: unknown) => {
        const list = params as Array<{ dataIndex: number; seriesIndex: number; marker: string }>;
        const first = list[0];
        if (!first) return '';
        const lines = list.map((p) => {
          const s = series[p.seriesIndex]!;
          return `${p.marker} ${escapeHtml(s.name)}: ${moneyHtml(s.values[p.dataIndex] ?? '0', currency)}`;
        });
        return `<strong>${escapeHtml(periods[first.dataIndex] ?? '')}</strong><br/>${lines.join('<br/>')}`;
      }),
      color: series.map((s) => s.color),
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods, axisLabel: { color: INK } },
      yAxis: { type: 'value', axisLabel: { color: INK, formatter: (v: number) => compactMoney(v, currency) } },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values.map((v) => Number(v)) })),
    }),
    [periods, series, currency],
  );

  const exact = JSON.stringify({ periods, series: Object.fromEntries(series.map((s) => [s.name, s.values])) });
  return (
    <ChartFigure id={id} title={title}>
      <Chart id={id} option={option} exact={exact} label={`${title}: bar chart per period; the figures are in the table below`} />
      <details>
        <summary>Figures as a table</summary>
        <div className="table-wrap">
          <table data-chart-table={id}>
            <caption>
              {title} ({currency})
            </caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {series.map((s) => (
                  <th key={s.name} scope="col" className="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((p, i) => (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  {series.map((s) => (
                    <td key={s.name} className="num" title={`${s.values[i]} ${currency}`} data-exact={s.values[i]}>
                      {formatMoney(s.values[i] ?? '0', currency)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </ChartFigure>
  );
}
