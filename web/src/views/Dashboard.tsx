// Scorecard dashboard (partner managers, leadership): sourced vs influenced
// pipeline and revenue per period (charts of the `scorecard` grouped by
// period), a table per partner / partner type / channel (the `scorecard`
// grouped so), filters in the URL (shareable), CSV of what is on screen
// (`scorecardCsv`), and the drill-down partner → deals → a deal's explanation.
import { useMemo, useState } from 'react';
import { expectType } from '../client.js';
import { graphql } from '../gql/index.js';
import type { PeriodUnit, ScorecardGroupBy, WebScorecardQuery } from '../gql/graphql.js';
import { PeriodBars } from '../charts/PeriodBars.js';
import { filterCsv } from '../csv.js';
import { compareDecimal } from '../decimal.js';
import type { ViewProps } from '../types.js';
import { download } from '../ui/download.js';
import { ErrorBox, Loaded, useLoad } from '../ui/load.js';
import { Link } from '../ui/link.js';
import { Percent } from '../ui/money.js';
import { DataTable, EmptyRow, MoneyCell } from '../ui/table.js';
import { DateField, FilterForm, type Option, SelectField } from '../ui/fields.js';
import { ruleSetOptions } from '../rule-sets.js';
import { RuleVersionBadge } from '../ui/rule-version.js';
import { DealExplanation, PartnerDeals } from './Drilldown.js';

const SetupQuery = graphql(`
  query WebDashboardSetup {
    ruleSets(first: 100) { nodes { key name currentVersion { version sourceHash } } }
    earliest: opportunities(first: 1, orderBy: [{ field: CREATED_AT, direction: ASC }]) { nodes { createdAt } }
    latest: opportunities(first: 1, orderBy: [{ field: CREATED_AT, direction: DESC }]) { nodes { createdAt } }
  }
`);

const ScorecardQuery = graphql(`
  query WebScorecard($ruleSetKey: String!, $from: Date!, $to: Date!, $groupBy: ScorecardGroupBy!, $period: PeriodUnit!) {
    totals: scorecard(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: period, period: $period) {
      __typename
      ... on Scorecard {
        currency periods
        rows { period sourcedPipeline influencedPipeline sourcedRevenue influencedRevenue }
      }
      ... on UserError { code message }
    }
    table: scorecard(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: $groupBy, period: $period) {
      __typename
      ... on Scorecard {
        currency periods groupBy from to
        ruleVersions { id number sourceHash status }
        rows {
          groupKey groupLabel period previousPeriod
          sourcedPipeline influencedPipeline sourcedRevenue influencedRevenue involvedRevenue
          sourcedRevenueChange { previous current delta relative }
          influencedRevenueChange { previous current delta relative }
          sourcedPipelineChange { previous current delta relative }
          winRateInvolved { won closed rate } winRateOther { won closed rate }
          velocityInvolved { days deals } velocityOther { days deals }
          coverageRate coverageOpportunities coverageWithSignals
          roiSourced roiInfluenced roiReason
          ruleVersions { number sourceHash }
        }
      }
      ... on UserError { code message }
    }
  }
`);

const ScorecardCsvQuery = graphql(`
  query WebScorecardCsv($ruleSetKey: String!, $from: Date!, $to: Date!, $groupBy: ScorecardGroupBy!, $period: PeriodUnit!) {
    scorecardCsv(ruleSetKey: $ruleSetKey, from: $from, to: $to, groupBy: $groupBy, period: $period) {
      __typename
      ... on CsvDownload { filename contentType content rows }
      ... on UserError { code message }
    }
  }
`);

const PERIODS: ReadonlyArray<Option<PeriodUnit>> = [
  { value: 'quarter', label: 'Fiscal quarters' },
  { value: 'month', label: 'Months' },
];

const GROUPINGS: ReadonlyArray<Option<Exclude<ScorecardGroupBy, 'period'>>> = [
  { value: 'partner', label: 'Partner' },
  { value: 'partner_type', label: 'Partner type' },
  { value: 'channel', label: 'Channel' },
];

export interface DashboardFilters {
  ruleSet: string;
  from: string;
  to: string;
  groupBy: Exclude<ScorecardGroupBy, 'period'>;
  period: PeriodUnit;
  /** The period the table shows, or 'all'. */
  show: string;
}

/** The filter part of a dashboard URL, to keep filters across the drill-down. */
export function filterQuery(f: DashboardFilters): string {
  const q = new URLSearchParams({ ruleSet: f.ruleSet, from: f.from, to: f.to, groupBy: f.groupBy, period: f.period, show: f.show });
  return `?${q.toString()}`;
}

type Setup = Awaited<ReturnType<typeof loadSetup>>;
async function loadSetup(client: ViewProps['client']) {
  const data = await client.request(SetupQuery);
  return data;
}

function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}
function monthEnd(iso: string): string {
  const [y, m] = iso.slice(0, 7).split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${iso.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

function filtersFrom(query: URLSearchParams, setup: Setup): DashboardFilters | null {
  const ruleSets = setup.ruleSets.nodes;
  const first = ruleSets.find((r) => r.currentVersion) ?? ruleSets[0];
  if (!first) return null;
  const today = new Date().toISOString().slice(0, 10);
  const earliest = setup.earliest.nodes[0]?.createdAt ?? today;
  const latest = setup.latest.nodes[0]?.createdAt ?? today;
  const groupBy = GROUPINGS.find((g) => g.value === query.get('groupBy'))?.value ?? 'partner';
  const period: PeriodUnit = query.get('period') === 'month' ? 'month' : 'quarter';
  const date = (v: string | null, fallback: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : fallback);
  return {
    ruleSet: ruleSets.some((r) => r.key === query.get('ruleSet')) ? query.get('ruleSet')! : first.key,
    from: date(query.get('from'), monthStart(earliest)),
    to: date(query.get('to'), monthEnd(latest)),
    groupBy,
    period,
    show: query.get('show') ?? 'latest',
  };
}

export function Dashboard(props: ViewProps) {
  const { client, route } = props;
  const setup = useLoad(() => loadSetup(client), [client]);
  const sub = route.segments[1];
  return (
    <Loaded value={setup} what="the rule sets">
      {(s) => {
        const filters = filtersFrom(route.query, s);
        if (!filters)
          return (
            <p>
              No rule set is published yet: publish one in the rules workbench or with <code>attrib</code>.
            </p>
          );
        if (sub === 'partner' && route.segments[2]) return <PartnerDeals {...props} partnerKey={route.segments[2]} filters={filters} />;
        if (sub === 'deal' && route.segments[2]) return <DealExplanation {...props} opportunityKey={route.segments[2]} filters={filters} />;
        return <Scorecard {...props} setup={s} filters={filters} />;
      }}
    </Loaded>
  );
}

function Scorecard({ client, navigate, setup, filters }: ViewProps & { setup: Setup; filters: DashboardFilters }) {
  const [draft, setDraft] = useState(filters);
  const set =
    <K extends keyof DashboardFilters>(k: K) =>
    (v: DashboardFilters[K]) =>
      setDraft({ ...draft, [k]: v });
  const [csvError, setCsvError] = useState<Error | null>(null);
  const [csvBusy, setCsvBusy] = useState(false);
  const vars = {
    ruleSetKey: filters.ruleSet,
    from: filters.from,
    to: filters.to,
    groupBy: filters.groupBy as ScorecardGroupBy,
    period: filters.period,
  };
  const data = useLoad(async () => {
    const r = await client.request(ScorecardQuery, vars);
    return { totals: expectType(r.totals, 'Scorecard'), table: expectType(r.table, 'Scorecard') };
  }, [client, filters.ruleSet, filters.from, filters.to, filters.groupBy, filters.period]);

  const apply = (next: DashboardFilters) => navigate(`/dashboard${filterQuery(next)}`, { replace: true });

  const downloadCsv = (shown: ReadonlySet<string>, all: boolean) => {
    setCsvBusy(true);
    setCsvError(null);
    client
      .request(ScorecardCsvQuery, vars)
      .then((r) => {
        const csv = expectType(r.scorecardCsv, 'CsvDownload');
        const content = all ? csv.content : filterCsv(csv.content, 'period', shown);
        const name = all ? csv.filename : csv.filename.replace(/\.csv$/, `-${[...shown].join('_')}.csv`);
        download(name, content, csv.contentType);
      })
      .catch((err: unknown) => setCsvError(err as Error))
      .finally(() => setCsvBusy(false));
  };

  const ruleSetName = setup.ruleSets.nodes.find((r) => r.key === filters.ruleSet)?.name ?? filters.ruleSet;

  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">Partner scorecard</h1>
      <FilterForm label="Scorecard filters" onApply={() => apply(draft)}>
        <SelectField
          id="f-ruleset"
          label="Rule set"
          value={draft.ruleSet}
          options={ruleSetOptions(setup.ruleSets.nodes)}
          onChange={set('ruleSet')}
        />
        <DateField id="f-from" label="From" required value={draft.from} onChange={set('from')} />
        <DateField id="f-to" label="To" required value={draft.to} onChange={set('to')} />
        <SelectField id="f-period" label="Periods" value={draft.period} options={PERIODS} onChange={set('period')} />
        <SelectField id="f-group" label="Group by" value={draft.groupBy} options={GROUPINGS} onChange={set('groupBy')} />
      </FilterForm>
      <Loaded value={data} what="the scorecard">
        {({ totals, table }) => (
          <ScorecardBody
            totals={totals}
            table={table}
            filters={filters}
            ruleSetName={ruleSetName}
            onShow={(show) => apply({ ...filters, show })}
            onCsv={downloadCsv}
            csvBusy={csvBusy}
            csvError={csvError}
          />
        )}
      </Loaded>
    </section>
  );
}

type Totals = Extract<WebScorecardQuery['totals'], { __typename?: 'Scorecard' }>;
type Table = Extract<WebScorecardQuery['table'], { __typename?: 'Scorecard' }>;
type Row = Table['rows'][number];

type SortKey =
  | 'label'
  | 'sourcedRevenue'
  | 'influencedRevenue'
  | 'sourcedPipeline'
  | 'influencedPipeline'
  | 'winRate'
  | 'coverage'
  | 'roiSourced';
const SORT_VALUE: Record<Exclude<SortKey, 'label'>, (r: Row) => string | null | undefined> = {
  sourcedRevenue: (r) => r.sourcedRevenue,
  influencedRevenue: (r) => r.influencedRevenue,
  sourcedPipeline: (r) => r.sourcedPipeline,
  influencedPipeline: (r) => r.influencedPipeline,
  winRate: (r) => r.winRateInvolved.rate,
  coverage: (r) => r.coverageRate,
  roiSourced: (r) => r.roiSourced,
};

/** The two charts over the totals per period. */
const CHARTS = [
  { id: 'chart-pipeline', title: 'Pipeline: sourced vs influenced', figure: 'pipeline' },
  { id: 'chart-revenue', title: 'Revenue: sourced vs influenced', figure: 'revenue' },
] as const;

function ScorecardBody({
  totals,
  table,
  filters,
  ruleSetName,
  onShow,
  onCsv,
  csvBusy,
  csvError,
}: {
  totals: Totals;
  table: Table;
  filters: DashboardFilters;
  ruleSetName: string;
  onShow: (show: string) => void;
  onCsv: (shown: ReadonlySet<string>, all: boolean) => void;
  csvBusy: boolean;
  csvError: Error | null;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'sourcedRevenue', desc: true });
  const periods = totals.periods;
  const byPeriod = new Map(totals.rows.map((r) => [r.period, r]));
  const series = useMemo(
    () => ({
      pipeline: [
        { name: 'Sourced pipeline', color: '#0b5cad', values: periods.map((p) => byPeriod.get(p)?.sourcedPipeline ?? '0.00') },
        { name: 'Influenced pipeline', color: '#c25e00', values: periods.map((p) => byPeriod.get(p)?.influencedPipeline ?? '0.00') },
      ],
      revenue: [
        { name: 'Sourced revenue', color: '#0b5cad', values: periods.map((p) => byPeriod.get(p)?.sourcedRevenue ?? '0.00') },
        { name: 'Influenced revenue', color: '#c25e00', values: periods.map((p) => byPeriod.get(p)?.influencedRevenue ?? '0.00') },
      ],
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }),
    [totals],
  );

  const shown = filters.show === 'all' ? 'all' : periods.includes(filters.show) ? filters.show : (periods[periods.length - 1] ?? 'all');
  const rows = table.rows.filter((r) => shown === 'all' || r.period === shown);
  const sorted = [...rows].sort((a, b) => {
    const c =
      sort.key === 'label' ? a.groupLabel.localeCompare(b.groupLabel) : compareDecimal(SORT_VALUE[sort.key](a), SORT_VALUE[sort.key](b));
    return (sort.desc ? -c : c) || a.groupLabel.localeCompare(b.groupLabel) || a.period.localeCompare(b.period);
  });
  const groupLabel = GROUPINGS.find((g) => g.value === filters.groupBy)?.label ?? 'Group';
  const currency = table.currency;

  const header = (key: SortKey, label: string, num = true) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={num ? 'num' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'label' })}>
          {label}
          {active ? (sort.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  return (
    <>
      <p className="muted" data-testid="rule-versions">
        Figures of <strong>{ruleSetName}</strong>, {filters.from} to {filters.to}, in {currency}, from rule version
        {table.ruleVersions.length === 1 ? '' : 's'}{' '}
        {table.ruleVersions.length === 0
          ? 'none (no credit yet)'
          : table.ruleVersions.map((v) => <RuleVersionBadge key={v.id} number={v.number} sourceHash={v.sourceHash} />)}
        . Hover a figure for its exact value.{' '}
        <Link to={`/spotlight?${new URLSearchParams({ ruleSet: filters.ruleSet }).toString()}`}>
          Compare these rules with the data-driven spotlight
        </Link>
        .
      </p>
      <div className="grid-2">
        {CHARTS.map((c) => (
          <PeriodBars key={c.id} id={c.id} title={c.title} periods={periods} series={series[c.figure]} currency={currency} />
        ))}
      </div>
      <h2 id="table-title">By {groupLabel.toLowerCase()}</h2>
      <div className="toolbar">
        <SelectField
          id="f-show"
          label="Period"
          inline
          value={shown}
          options={[...periods.map((p) => ({ value: p, label: p })), { value: 'all', label: 'All periods' }]}
          onChange={onShow}
        />
        <button type="button" onClick={() => onCsv(new Set(shown === 'all' ? periods : [shown]), shown === 'all')} disabled={csvBusy}>
          {csvBusy ? 'Preparing CSV…' : 'Download CSV (this table)'}
        </button>
        <span className="muted small">{sorted.length} rows</span>
      </div>
      {csvError && <ErrorBox error={csvError} />}
      <DataTable
        aria-labelledby="table-title"
        data-testid="scorecard-table"
        head={
          <thead>
            <tr>
              {header('label', groupLabel, false)}
              {shown === 'all' && <th scope="col">Period</th>}
              {header('sourcedPipeline', 'Sourced pipeline')}
              {header('influencedPipeline', 'Influenced pipeline')}
              {header('sourcedRevenue', 'Sourced revenue')}
              <th scope="col" className="num">
                Δ sourced rev.
              </th>
              {header('influencedRevenue', 'Influenced revenue')}
              <th scope="col" className="num">
                Δ influenced rev.
              </th>
              {header('winRate', 'Win rate (involved / other)')}
              <th scope="col" className="num">
                Velocity days (involved / other)
              </th>
              {header('coverage', 'Coverage')}
              {header('roiSourced', 'ROI sourced / influenced')}
              <th scope="col">Rule version</th>
            </tr>
          </thead>
        }
      >
        {sorted.length === 0 && <EmptyRow columns={13}>No credit in this period.</EmptyRow>}
        {sorted.map((r) => (
          <tr key={`${r.groupKey}|${r.period}`} data-group={r.groupKey} data-period={r.period}>
            <th scope="row">
              {filters.groupBy === 'partner' ? (
                <Link to={`/dashboard/partner/${encodeURIComponent(r.groupKey)}${filterQuery(filters)}`}>{r.groupLabel}</Link>
              ) : (
                r.groupLabel
              )}
            </th>
            {shown === 'all' && <td>{r.period}</td>}
            <MoneyCell field="sourcedPipeline" amount={r.sourcedPipeline} currency={currency} />
            <MoneyCell field="influencedPipeline" amount={r.influencedPipeline} currency={currency} />
            <MoneyCell field="sourcedRevenue" amount={r.sourcedRevenue} currency={currency} />
            <ChangeCell change={r.sourcedRevenueChange} currency={currency} previous={r.previousPeriod} />
            <MoneyCell field="influencedRevenue" amount={r.influencedRevenue} currency={currency} />
            <ChangeCell change={r.influencedRevenueChange} currency={currency} previous={r.previousPeriod} />
            <td className="num" data-field="winRate">
              <span data-part="involved" title={`${r.winRateInvolved.won} won of ${r.winRateInvolved.closed} closed`}>
                <Percent value={r.winRateInvolved.rate} />
              </span>
              {' / '}
              <Percent value={r.winRateOther.rate} />
            </td>
            <td className="num">
              <span title={`${r.velocityInvolved.deals} won deals`}>{r.velocityInvolved.days ?? '—'}</span> / {r.velocityOther.days ?? '—'}
            </td>
            <td className="num" data-field="coverage">
              <span title={`${r.coverageWithSignals} of ${r.coverageOpportunities} opportunities created`}>
                <Percent value={r.coverageRate} />
              </span>
            </td>
            <td className="num" data-field="roi">
              <Ratio value={r.roiSourced} reason={r.roiReason} /> / <Ratio value={r.roiInfluenced} reason={r.roiReason} />
            </td>
            <td>
              {r.ruleVersions.map((v) => (
                <RuleVersionBadge key={v.sourceHash} number={v.number} sourceHash={v.sourceHash} />
              ))}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function Ratio({ value, reason }: { value: string | null | undefined; reason: string | null | undefined }) {
  if (value == null)
    return (
      <span className="muted" title={reason ? reason.replace(/_/g, ' ') : 'not available'}>
        —
      </span>
    );
  return (
    <span title={value} data-exact={value}>
      {new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value as `${number}`)}×
    </span>
  );
}

function ChangeCell(props: Parameters<typeof Change>[0]) {
  return (
    <td className="num">
      <Change {...props} />
    </td>
  );
}

function Change({
  change,
  currency,
  previous,
}: {
  change: { previous: string; current: string; delta: string; relative?: string | null | undefined };
  currency: string;
  previous: string;
}) {
  const sign = compareDecimal(change.delta, '0');
  const cls = sign > 0 ? 'up' : sign < 0 ? 'down' : 'muted';
  const rel =
    change.relative == null
      ? ''
      : ` (${new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(change.relative as `${number}`)})`;
  return (
    <span className={cls} title={`${change.delta} ${currency} vs ${previous} (${change.previous} → ${change.current})`}>
      {sign > 0 ? '▲' : sign < 0 ? '▼' : ''}
      {rel || (sign === 0 ? '0' : '')}
      <span className="visually-hidden">
        {sign > 0 ? ' up' : sign < 0 ? ' down' : ' unchanged'} vs {previous}
      </span>
    </span>
  );
}
