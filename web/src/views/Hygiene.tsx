// Revenue hygiene (the weekly review): every check of `hygieneReport` with
// its count this week and last week, the items linking to their records,
// and the actions the API has: raise a dispute about a credit line, decide
// an open dispute (governance and admin keys).
import { useState } from 'react';
import { expectType } from '../client.js';
import { graphql } from '../gql/index.js';
import type { WebHygieneQuery } from '../gql/graphql.js';
import { RaiseDisputeForm, ResolveDisputeForm } from '../components/DisputeForms.js';
import type { ViewProps } from '../types.js';
import { DateText } from '../ui/dates.js';
import { Link } from '../ui/link.js';
import { Loaded, useLoad } from '../ui/load.js';
import { DateField, FilterForm, SelectField } from '../ui/fields.js';
import { DataTable } from '../ui/table.js';

const HygieneQuery = graphql(`
  query WebHygiene($asOf: Date!, $ruleSetKey: String, $limit: Int) {
    ruleSets(first: 100) { nodes { key name } }
    hygieneReport(asOf: $asOf, ruleSetKey: $ruleSetKey, limit: $limit) {
      __typename
      ... on HygieneReport {
        asOf ruleSetKey
        week { key start end } previousWeek { key start end }
        totals { count previousCount delta }
        checks {
          key title action count previousCount delta truncated
          items { entityType label detail nodeId opportunityKey partnerKey accountKey allocationId disputeId touchpointId at }
        }
      }
      ... on UserError { code message }
    }
  }
`);

type Report = Extract<WebHygieneQuery['hygieneReport'], { __typename?: 'HygieneReport' }>;
type Check = Report['checks'][number];
type Item = Check['items'][number];

const ITEM_COLUMNS = ['Record', 'Detail', 'When', 'Links', 'Actions'];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function Hygiene({ client, session, route, navigate }: ViewProps) {
  const q = route.query;
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(q.get('asOf') ?? '') ? q.get('asOf')! : today();
  const ruleSet = q.get('ruleSet') ?? '';
  const limit = Math.min(Math.max(Number(q.get('limit')) || 10, 1), 200);
  const [draft, setDraft] = useState({ asOf, ruleSet, limit });
  const data = useLoad(async () => {
    const r = await client.request(HygieneQuery, { asOf, ruleSetKey: ruleSet || null, limit });
    return { ruleSets: r.ruleSets.nodes, report: expectType(r.hygieneReport, 'HygieneReport') };
  }, [client, asOf, ruleSet, limit]);
  const apply = () =>
    navigate(`/hygiene?${new URLSearchParams({ asOf: draft.asOf, ruleSet: draft.ruleSet, limit: String(draft.limit) }).toString()}`, {
      replace: true,
    });

  return (
    <section aria-labelledby="hygiene-title">
      <h1 id="hygiene-title">Revenue hygiene</h1>
      <FilterForm label="Hygiene filters" onApply={apply}>
        <DateField id="h-asof" label="As of" required value={draft.asOf} onChange={(asOf) => setDraft({ ...draft, asOf })} />
        <SelectField
          id="h-ruleset"
          label="Credit checks for rule set"
          value={draft.ruleSet}
          options={[{ value: '', label: 'All rule sets' }, ...(data.data?.ruleSets ?? []).map((r) => ({ value: r.key, label: r.name }))]}
          onChange={(ruleSet) => setDraft({ ...draft, ruleSet })}
        />
        <div>
          <label htmlFor="h-limit">Items per check</label>
          <input
            id="h-limit"
            type="number"
            min={1}
            max={200}
            value={draft.limit}
            onChange={(e) => setDraft({ ...draft, limit: Number(e.target.value) })}
          />
        </div>
      </FilterForm>
      <Loaded value={data} what="the hygiene report">
        {({ report }) => <ReportBody report={report} client={client} session={session} reload={data.reload} />}
      </Loaded>
    </section>
  );
}

function Trend({ delta, previous, label }: { delta: number; previous: number; label: string }) {
  const cls = delta > 0 ? 'down' : delta < 0 ? 'up' : 'muted';
  const text = delta === 0 ? 'no change' : `${delta > 0 ? '▲ +' : '▼ '}${delta.toLocaleString()}`;
  return (
    <span className={cls} title={`${previous.toLocaleString()} ${label}`}>
      {text}{' '}
      <span className="muted small">
        vs {previous.toLocaleString()} {label}
      </span>
    </span>
  );
}

function ReportBody({
  report,
  client,
  session,
  reload,
}: {
  report: Report;
  client: ViewProps['client'];
  session: ViewProps['session'];
  reload: () => void;
}) {
  const ruleSetQuery = report.ruleSetKey ? `?ruleSet=${encodeURIComponent(report.ruleSetKey)}` : '';
  return (
    <>
      <div className="kpis">
        <div className="kpi">
          <div className="muted small">
            Open items, week {report.week.key} (<DateText value={report.week.start} /> – <DateText value={report.week.end} />)
          </div>
          <div className="value" data-testid="hygiene-total">
            {report.totals.count.toLocaleString()}
          </div>
          <Trend delta={report.totals.delta} previous={report.totals.previousCount} label={`in ${report.previousWeek.key}`} />
        </div>
      </div>
      <p className="toolbar">
        <button type="button" onClick={reload}>
          Reload the report
        </button>
        <span className="muted small">Decisions and disputes made here show in the counts after a reload.</span>
      </p>
      <nav aria-label="Checks" className="toolbar">
        {report.checks.map((c) => (
          <a key={c.key} href={`#check-${c.key}`}>
            {c.title} ({c.count.toLocaleString()})
          </a>
        ))}
      </nav>
      <div className="checks">
        {report.checks.map((c) => (
          <section
            key={c.key}
            id={`check-${c.key}`}
            className="check"
            aria-labelledby={`check-${c.key}-title`}
            data-check={c.key}
            data-count={c.count}
          >
            <h3 id={`check-${c.key}-title`}>
              {c.title} <span className="count">{c.count.toLocaleString()}</span>
              <Trend delta={c.delta} previous={c.previousCount} label="last week" />
            </h3>
            <p>{c.action}</p>
            {c.items.length > 0 && (
              <details open={c.count > 0 && c.count <= 20}>
                <summary>
                  {c.truncated
                    ? `First ${c.items.length} of ${c.count.toLocaleString()} items`
                    : `${c.items.length} item${c.items.length === 1 ? '' : 's'}`}
                </summary>
                <DataTable columns={ITEM_COLUMNS}>
                  {c.items.map((item, i) => (
                    <ItemRow key={`${i}|${item.nodeId}`} item={item} ruleSetQuery={ruleSetQuery} client={client} session={session} />
                  ))}
                </DataTable>
              </details>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

function ItemRow({
  item,
  ruleSetQuery,
  client,
  session,
}: {
  item: Item;
  ruleSetQuery: string;
  client: ViewProps['client'];
  session: ViewProps['session'];
}) {
  const canGovern = session.canGovern;
  const canDispute = session.role === 'admin' || session.role === 'governance';
  return (
    <tr>
      <th scope="row">
        {item.label} <span className="muted small">{item.entityType}</span>
      </th>
      <td>{item.detail}</td>
      <td>
        <DateText value={item.at} withTime />
      </td>
      <td>
        {item.opportunityKey && (
          <>
            <Link to={`/dashboard/deal/${encodeURIComponent(item.opportunityKey)}${ruleSetQuery}`}>deal {item.opportunityKey}</Link>
            <br />
          </>
        )}
        {item.partnerKey && (
          <>
            <Link to={`/dashboard/partner/${encodeURIComponent(item.partnerKey)}${ruleSetQuery}`}>partner {item.partnerKey}</Link>
            <br />
          </>
        )}
        {item.accountKey && <span className="muted small">account {item.accountKey}</span>}
      </td>
      <td>
        {item.disputeId && canGovern && <ResolveDisputeForm client={client} disputeId={item.disputeId} />}
        {item.allocationId && !item.disputeId && canDispute && <RaiseDisputeForm client={client} allocationId={item.allocationId} />}
      </td>
    </tr>
  );
}
