// What the app's ECharts charts share: the SVG renderer and components, the
// base options (accessible decals, no animation, legend, axis tooltip), the
// chart element (sized by its container, carrying the exact figures in
// data-series), the card it stands in, and the formatting of money in
// tooltips and on axes. Values drawn are the only floats; the tooltip shows
// each decimal string as the API sent it.
import { type CSSProperties, type ReactNode, useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { formatMoney } from '../ui/money.js';

echarts.use([GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** Text colour of legends and axes. */
export const INK = '#1b1f24';

/** The options every chart starts from; `tooltip` formats what the axis pointer is on. */
export function baseOption(tooltip: (params: unknown) => string): echarts.EChartsCoreOption {
  return {
    aria: { enabled: true, decal: { show: true } },
    animation: false,
    legend: { top: 0, textStyle: { color: INK } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltip },
  };
}

/** The chart element: draws `option` (memoize it), resizes with its container, carries `exact` in data-series. */
export function Chart({
  id,
  option,
  exact,
  label,
  style,
}: {
  id: string;
  option: echarts.EChartsCoreOption;
  exact: string;
  label: string;
  style?: CSSProperties;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" id={id} data-series={exact} role="img" aria-label={label} style={style} />;
}

/** The card a chart stands in, titled (`${id}-title`); `note` goes under the title, `children` after the chart. */
export function ChartFigure({ id, title, note, children }: { id: string; title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <figure className="card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
        {note}
      </figcaption>
      {children}
    </figure>
  );
}

/** An amount in a tooltip: formatted, then the exact decimal string. */
export function moneyHtml(exact: string, currency: string): string {
  return `${escapeHtml(formatMoney(exact, currency))} <span style="color:#525a64">(${escapeHtml(exact)})</span>`;
}

/** An axis label: a compact amount (e.g. $1.2M). */
export function compactMoney(v: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(v);
  } catch {
    return new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v);
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
