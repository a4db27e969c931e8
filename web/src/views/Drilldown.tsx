// The dashboard's drill-down: a partner's deals (its current credit under the
// rule set), then one deal's credit for every partner with its explanation.
import { useState } from 'react';
import { graphql } from '../gql/index.js';
import type { Lane } from '../gql/graphql.js';
import { RaiseDisputeForm } from '../components/DisputeForms.js';
import type { ViewProps } from '../types.js';
import { DateText } from '../ui/dates.js';
import { Fact, Facts } from '../ui/facts.js';
import { Link } from '../ui/link.js';
import { Loaded, useLoad } from '../ui/load.js';
import { Money, Percent } from '../ui/money.js';
import { RuleVersionBadge, RuleVersionCell } from '../ui/rule-version.js';
import { type Column, DataTable, EmptyRow, MoneyCell } from '../ui/table.js';
import { type Option, SelectField } from '../ui/fields.js';
import { Pager, useCursorPages } from '../ui/pages.js';
import { CREDIT_COLUMNS, CreditCells } from '../components/CreditCells.js';
import { filterQuery, type DashboardFilters } from './Dashboard.js';
import { Explanation } from '../components/Explanation.js';

const PartnerDealsQuery = graphql(`
  query WebPartnerDeals($partnerKey: String!, $ruleSetKey: String!, $lane: Lane, $after: String) {
    partner(key: $partnerKey) { key name typeLabel tierLabel status owner }
    allocations(first: 50, after: $after, filter: { partnerKey: $partnerKey, ruleSetKey: $ruleSetKey, lane: $lane }, orderBy: [{ field: AMOUNT, direction: DESC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id lane role share amount currency
        ruleVersion { number sourceHash }
        opportunity { key name stageLabel outcome amount currency createdAt closedAt }
      }
    }
  }
`);

const DealQuery = graphql(`
  query WebDeal($opportunityKey: String!, $ruleSetKey: String!) {
    opportunity(key: $opportunityKey) {
      key name stageLabel outcome type amount currency createdAt closedAt ownerRep
      account { key name }
    }
    allocations(first: 100, filter: { opportunityKey: $opportunityKey, ruleSetKey: $ruleSetKey }) {
      nodes {
        id lane role share amount currency
        partner { key name }
        ruleVersion { number sourceHash }
        override { id reason }
        explanation { rule laneRule laneGrantedShare laneGrantedAmount text steps { kind message } excluded { kind message } }
      }
    }
  }
`);

type Props = ViewProps & { filters: DashboardFilters };

const LANES: ReadonlyArray<Option<Lane | ''>> = [
  { value: '', label: 'Both lanes' },
  { value: 'source', label: 'Source' },
  { value: 'influence', label: 'Influence' },
];

const DEAL_COLUMNS: readonly Column[] = [
  'Deal',
  'Stage',
  'Created',
  'Closed',
  { label: 'Deal amount', num: true },
  ...CREDIT_COLUMNS,
  'Rule version',
];

export function PartnerDeals({ client, partnerKey, filters }: Props & { partnerKey: string }) {
  const [lane, setLane] = useState<Lane | ''>('');
  const pages = useCursorPages();
  const data = useLoad(
    () => client.request(PartnerDealsQuery, { partnerKey, ruleSetKey: filters.ruleSet, lane: lane || null, after: pages.after }),
    [client, partnerKey, filters.ruleSet, lane, pages.after],
  );
  return (
    <section aria-labelledby="partner-title">
      <BackToScorecard filters={filters} />
      <Loaded value={data} what="the partner's deals">
        {({ partner, allocations }) =>
          partner == null ? (
            <>
              <h1 id="partner-title">Partner not found</h1>
              <p>No partner has the key “{partnerKey}”.</p>
            </>
          ) : (
            <>
              <h1 id="partner-title">{partner.name}</h1>
              <p className="muted">
                {partner.typeLabel} · {partner.tierLabel} · {partner.status}
                {partner.owner ? ` · owner ${partner.owner}` : ''} · rule set {filters.ruleSet}
              </p>
              <div className="toolbar">
                <SelectField
                  id="f-lane"
                  label="Lane"
                  inline
                  value={lane}
                  options={LANES}
                  onChange={(next) => {
                    setLane(next);
                    pages.reset();
                  }}
                />
                <span className="muted small">{allocations.totalCount} credit lines, largest first</span>
              </div>
              <DataTable data-testid="partner-deals" caption={`Deals credited to ${partner.name}`} columns={DEAL_COLUMNS}>
                {allocations.nodes.length === 0 && <EmptyRow columns={DEAL_COLUMNS.length}>No credit under this rule set.</EmptyRow>}
                {allocations.nodes.map((a) => (
                  <tr key={a.id} data-opportunity={a.opportunity.key}>
                    <th scope="row">
                      <Link to={`/dashboard/deal/${encodeURIComponent(a.opportunity.key)}${filterQuery(filters)}`}>
                        {a.opportunity.name}
                      </Link>{' '}
                      <span className="muted small">{a.opportunity.key}</span>
                    </th>
                    <td>{a.opportunity.stageLabel}</td>
                    <td>
                      <DateText value={a.opportunity.createdAt} />
                    </td>
                    <td>
                      <DateText value={a.opportunity.closedAt} />
                    </td>
                    <MoneyCell amount={a.opportunity.amount} currency={a.opportunity.currency} />
                    <CreditCells line={a} />
                    <RuleVersionCell number={a.ruleVersion.number} sourceHash={a.ruleVersion.sourceHash} />
                  </tr>
                ))}
              </DataTable>
              <Pager pages={pages} pageInfo={allocations.pageInfo} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}

export function DealExplanation({ client, session, opportunityKey, filters }: Props & { opportunityKey: string }) {
  const data = useLoad(
    () => client.request(DealQuery, { opportunityKey, ruleSetKey: filters.ruleSet }),
    [client, opportunityKey, filters.ruleSet],
  );
  const canDispute = session.role === 'admin' || session.role === 'governance';
  return (
    <section aria-labelledby="deal-title">
      <BackToScorecard filters={filters} />
      <Loaded value={data} what="the deal">
        {({ opportunity: o, allocations }) =>
          o == null ? (
            <>
              <h1 id="deal-title">Deal not found</h1>
              <p>No opportunity has the key “{opportunityKey}”.</p>
            </>
          ) : (
            <>
              <h1 id="deal-title">{o.name}</h1>
              <Facts>
                <Fact term="Key">{o.key}</Fact>
                <Fact term="Account">
                  {o.account.name} ({o.account.key})
                </Fact>
                <Fact term="Stage">
                  {o.stageLabel} ({o.outcome}), {o.type}
                </Fact>
                <Fact term="Amount">
                  <Money amount={o.amount} currency={o.currency} />
                </Fact>
                <Fact term="Created">
                  <DateText value={o.createdAt} />
                </Fact>
                <Fact term="Closed">
                  <DateText value={o.closedAt} />
                </Fact>
                {o.ownerRep && <Fact term="Owner">{o.ownerRep}</Fact>}
              </Facts>
              <h2>Credit under {filters.ruleSet}</h2>
              {allocations.nodes.length === 0 && <p className="muted">No credit on this deal under this rule set.</p>}
              {(['source', 'influence'] as const).map((lane) => {
                const lines = allocations.nodes.filter((a) => a.lane === lane);
                if (lines.length === 0) return null;
                return (
                  <section key={lane} aria-labelledby={`lane-${lane}`}>
                    <h3 id={`lane-${lane}`}>{lane === 'source' ? 'Source lane' : 'Influence lane'}</h3>
                    {lines.map((a) => (
                      <article key={a.id} className="card" data-testid="credit-line" data-partner={a.partner?.key ?? ''}>
                        <p>
                          <strong>{a.partner?.name ?? 'No partner'}</strong> — {a.role}, <Percent value={a.share} digits={2} /> ={' '}
                          <Money amount={a.amount} currency={a.currency} />{' '}
                          <RuleVersionBadge number={a.ruleVersion.number} sourceHash={a.ruleVersion.sourceHash} />
                          {a.override && (
                            <span className="badge" title={a.override.reason}>
                              override
                            </span>
                          )}
                        </p>
                        <Explanation explanation={a.explanation} />
                        {canDispute && a.partner && <RaiseDisputeForm client={client} allocationId={a.id} lane={a.lane} />}
                      </article>
                    ))}
                  </section>
                );
              })}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function BackToScorecard({ filters }: { filters: DashboardFilters }) {
  return (
    <p>
      <Link to={`/dashboard${filterQuery(filters)}`}>← Scorecard</Link>
    </p>
  );
}
