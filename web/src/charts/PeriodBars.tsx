// Grouped bars per period (Apache ECharts, SVG renderer), with the exact
// figures: the tooltip shows each decimal string as the API sent it, the
// container carries them in data-series (what the browser tests compare with
// the API), and a table beside the chart gives them to keyboard and
// screen-reader users. Bar heights are the only place a decimal becomes a
// float, for drawing.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { formatMoney } from '../ui.js';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

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
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true, decal: { show: true } },
      animation: false,
      color: series.map((s) => s.color),
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, textStyle: { color: '#1b1f24' } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const list = params as Array<{ dataIndex: number; seriesIndex: number; marker: string }>;
          const first = list[0];
          if (!first) return '';
          const lines = list.map((p) => {
            const s = series[p.seriesIndex]!;
            const exact = s.values[p.dataIndex] ?? '0';
            return `${p.marker} ${escapeHtml(s.name)}: ${escapeHtml(formatMoney(exact, currency))} <span style="color:#525a64">(${escapeHtml(exact)})</span>`;
          });
          return `<strong>${escapeHtml(periods[first.dataIndex] ?? '')}</strong><br/>${lines.join('<br/>')}`;
        },
      },
      xAxis: { type: 'category', data: periods, axisLabel: { color: '#1b1f24' } },
      yAxis: {
        type: 'value',
        axisLabel: { color: '#1b1f24', formatter: (v: number) => compact(v, currency) },
      },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values.map((v) => Number(v)) })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [periods, series, currency]);

  const exact = JSON.stringify({ periods, series: Object.fromEntries(series.map((s) => [s.name, s.values])) });
  return (
    <figure className="card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
      </figcaption>
      <div
        ref={ref}
        className="chart"
        id={id}
        data-series={exact}
        role="img"
        aria-label={`${title}: bar chart per period; the figures are in the table below`}
      />
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
    </figure>
  );
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
