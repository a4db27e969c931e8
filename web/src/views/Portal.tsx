// Partner portal (partner keys): the partner's own credit by quarter and
// lane, each credit line's explanation in plain language with "dispute this
// credit", the published methodology, and the partner's disputes. Every
// request is one a partner key may make: the server confines `allocations`,
// `node` and `disputes` to the key's partner; the portal never takes a
// partner from the URL, so there is nothing to change in it to see another's.
import { graphql } from '../gql/index.js';
import type { WebPortalCreditQuery, WebPortalSetupQuery } from '../gql/graphql.js';
import { PeriodBars } from '../charts/PeriodBars.js';
import { Explanation } from '../components/Explanation.js';
import { RaiseDisputeForm } from '../components/DisputeForms.js';
import { sumDecimals } from '../decimal.js';
import { describeMethodology } from '../methodology.js';
import type { ViewProps } from '../types.js';
import { DateText } from '../ui/dates.js';
import { Fact, Facts } from '../ui/facts.js';
import { Link } from '../ui/link.js';
import { Loaded, useLoad } from '../ui/load.js';
import { Money, Percent } from '../ui/money.js';
import { RuleVersionBadge, RuleVersionCell } from '../ui/rule-version.js';
import { type Column, DataTable, EmptyRow } from '../ui/table.js';
import { SelectField } from '../ui/fields.js';
import { Pager, useCursorPages } from '../ui/pages.js';
import { CREDIT_COLUMNS, CreditCells } from '../components/CreditCells.js';

const PortalSetupQuery = graphql(`
  query WebPortalSetup {
    viewer { partner { key name typeLabel tierLabel status } }
    ruleSets(first: 100) {
      nodes {
        key name description
        currentVersion { id version sourceHash semanticHash source effectiveFrom effectiveTo publishedAt changeNote }
      }
    }
    taxonomy(kind: opportunity_stage) { key label outcome }
  }
`);

const PortalCreditQuery = graphql(`
  query WebPortalCredit($ruleSetKey: String!, $first: Int!, $after: String, $closedAt: DateTimeRange, $stage: [String!]) {
    allocations(first: $first, after: $after, filter: { ruleSetKey: $ruleSetKey, closedAt: $closedAt, stage: $stage }, orderBy: [{ field: AMOUNT, direction: DESC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id lane role share amount currency createdAt
        partner { key }
        ruleVersion { number sourceHash }
        explanation { rule laneRule laneGrantedShare steps { kind message } excluded { kind message } }
      }
    }
  }
`);

const PortalCreditLineQuery = graphql(`
  query WebPortalCreditLine($id: ID!) {
    node(id: $id) {
      __typename
      ... on CreditAllocation {
        id lane role share amount currency createdAt isCurrent
        partner { key name }
        ruleVersion { number sourceHash }
        explanation { rule laneRule laneGrantedShare steps { kind message } excluded { kind message } }
      }
    }
  }
`);

const PortalDisputesQuery = graphql(`
  query WebPortalDisputes {
    disputes(first: 50) { totalCount nodes { id status reason evidence createdAt resolution resolvedAt allocation { id lane amount currency } } }
  }
`);

type Setup = WebPortalSetupQuery;

const LINE_COLUMNS: readonly Column[] = ['Credit line', ...CREDIT_COLUMNS, 'Rule', 'Rule version'];
const DISPUTE_COLUMNS = ['Raised', 'Status', 'Reason', 'Credit line', 'Resolution'];
type CreditLine = WebPortalCreditQuery['allocations']['nodes'][number];

/** The last `count` calendar quarters up to today, oldest first. */
function recentQuarters(count: number): Array<{ key: string; from: string; to: string }> {
  const now = new Date();
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3);
  const out: Array<{ key: string; from: string; to: string }> = [];
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(y, q * 3, 1));
    const end = new Date(Date.UTC(y, q * 3 + 3, 1));
    out.unshift({ key: `${y}-Q${q + 1}`, from: start.toISOString(), to: end.toISOString() });
    q -= 1;
    if (q < 0) {
      q = 3;
      y -= 1;
    }
  }
  return out;
}

export function Portal(props: ViewProps) {
  const { client, route } = props;
  const setup = useLoad(() => client.request(PortalSetupQuery), [client]);
  const sub = route.segments[1];
  return (
    <Loaded value={setup} what="your partner account">
      {(s) => {
        if (!s.viewer.partner) return <p>This key is not a partner key.</p>;
        const nav = (
          <nav aria-label="Portal" className="toolbar">
            <Link to="/portal" aria-current={!sub ? 'page' : undefined}>
              My credit
            </Link>
            <Link to="/portal/methodology" aria-current={sub === 'methodology' ? 'page' : undefined}>
              Methodology
            </Link>
            <Link to="/portal/disputes" aria-current={sub === 'disputes' ? 'page' : undefined}>
              My disputes
            </Link>
          </nav>
        );
        let body: React.JSX.Element;
        if (sub === 'credit' && route.segments[2]) body = <CreditLineView {...props} id={route.segments[2]} />;
        else if (sub === 'methodology') body = <Methodology setup={s} />;
        else if (sub === 'disputes') body = <Disputes {...props} />;
        else if (sub)
          body = (
            <p>
              Nothing here. <Link to="/portal">Back to my credit</Link>
            </p>
          );
        else body = <MyCredit {...props} setup={s} />;
        return (
          <section aria-labelledby="portal-title">
            <h1 id="portal-title">{s.viewer.partner.name}</h1>
            <p className="muted">
              {s.viewer.partner.typeLabel} · {s.viewer.partner.tierLabel} · partner key {props.session.keyPrefix}
            </p>
            {nav}
            {body}
          </section>
        );
      }}
    </Loaded>
  );
}

async function allPages(
  client: ViewProps['client'],
  vars: { ruleSetKey: string; closedAt?: { from: string; to: string }; stage?: string[] },
): Promise<CreditLine[]> {
  const out: CreditLine[] = [];
  let after: string | null = null;
  for (let page = 0; page < 40; page++) {
    const r: WebPortalCreditQuery = await client.request(PortalCreditQuery, { ...vars, first: 500, after });
    out.push(...r.allocations.nodes);
    if (!r.allocations.pageInfo.hasNextPage) break;
    after = r.allocations.pageInfo.endCursor ?? null;
  }
  return out;
}

function laneTotals(lines: CreditLine[]) {
  const currencies = [...new Set(lines.map((l) => l.currency))].sort();
  return currencies.map((currency) => ({
    currency,
    source: sumDecimals(lines.filter((l) => l.currency === currency && l.lane === 'source').map((l) => l.amount)),
    influence: sumDecimals(lines.filter((l) => l.currency === currency && l.lane === 'influence').map((l) => l.amount)),
  }));
}

function MyCredit({ client, setup, route, navigate }: ViewProps & { setup: Setup }) {
  const ruleSets = setup.ruleSets.nodes.filter((r) => r.currentVersion);
  const ruleSet = ruleSets.find((r) => r.key === route.query.get('ruleSet')) ?? ruleSets[0];
  const wonStages = setup.taxonomy.filter((t) => t.outcome === 'won').map((t) => t.key);
  const openStages = setup.taxonomy.filter((t) => t.outcome === 'open').map((t) => t.key);
  const pages = useCursorPages();
  const byQuarter = useLoad(async () => {
    if (!ruleSet) return null;
    const quarters = recentQuarters(8);
    const won = await Promise.all(
      quarters.map((q) => allPages(client, { ruleSetKey: ruleSet.key, closedAt: { from: q.from, to: q.to }, stage: wonStages })),
    );
    const open = await allPages(client, { ruleSetKey: ruleSet.key, stage: openStages });
    const firstWithCredit = won.findIndex((lines) => lines.length > 0);
    const keep = firstWithCredit < 0 ? quarters.length - 1 : firstWithCredit;
    return { quarters: quarters.slice(keep), won: won.slice(keep), open };
  }, [client, ruleSet?.key]);
  const lines = useLoad(
    () => (ruleSet ? client.request(PortalCreditQuery, { ruleSetKey: ruleSet.key, first: 25, after: pages.after }) : Promise.resolve(null)),
    [client, ruleSet?.key, pages.after],
  );
  if (!ruleSet) return <p>No methodology is published yet.</p>;

  return (
    <>
      <div className="toolbar">
        <SelectField
          id="p-ruleset"
          label="Methodology"
          inline
          value={ruleSet.key}
          options={ruleSets.map((r) => ({ value: r.key, label: `${r.name} (v${r.currentVersion!.version})` }))}
          onChange={(key) => {
            pages.reset();
            navigate(`/portal?ruleSet=${encodeURIComponent(key)}`, { replace: true });
          }}
        />
        {ruleSet.currentVersion && (
          <RuleVersionBadge number={ruleSet.currentVersion.version} sourceHash={ruleSet.currentVersion.sourceHash} />
        )}
        <Link to="/portal/methodology">How credit is assigned</Link>
      </div>
      <Loaded value={byQuarter} what="your credit by quarter">
        {(d) => d && <CreditByQuarter data={d} />}
      </Loaded>
      <h2 id="lines-title">Credit lines</h2>
      <Loaded value={lines} what="your credit lines">
        {(d) =>
          d && (
            <>
              <p className="muted small">
                {d.allocations.totalCount} credit lines on your deals, largest first. Other partners on the same deals are never shown.
              </p>
              <DataTable aria-labelledby="lines-title" data-testid="portal-lines" columns={LINE_COLUMNS}>
                {d.allocations.nodes.length === 0 && (
                  <EmptyRow columns={LINE_COLUMNS.length}>No credit under this methodology yet.</EmptyRow>
                )}
                {d.allocations.nodes.map((a) => (
                  <tr key={a.id} data-partner={a.partner?.key ?? ''}>
                    <th scope="row">
                      <Link to={`/portal/credit/${encodeURIComponent(a.id)}`}>Explanation and dispute</Link>
                    </th>
                    <CreditCells line={a} />
                    <td>{a.explanation.laneRule ?? a.explanation.rule}</td>
                    <RuleVersionCell number={a.ruleVersion.number} sourceHash={a.ruleVersion.sourceHash} />
                  </tr>
                ))}
              </DataTable>
              <Pager pages={pages} pageInfo={d.allocations.pageInfo} />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function CreditByQuarter({ data }: { data: { quarters: Array<{ key: string }>; won: CreditLine[][]; open: CreditLine[] } }) {
  const currencies = [...new Set([...data.won.flat(), ...data.open].map((l) => l.currency))].sort();
  const openTotals = laneTotals(data.open);
  return (
    <>
      {currencies.map((currency) => {
        const per = data.won.map(
          (lines) => laneTotals(lines.filter((l) => l.currency === currency))[0] ?? { currency, source: '0.00', influence: '0.00' },
        );
        return (
          <PeriodBars
            key={currency}
            id={`portal-chart-${currency}`}
            currency={currency}
            title={`Credit on won deals by quarter of close (${currency})`}
            periods={data.quarters.map((q) => q.key)}
            series={[
              { name: 'Source lane', color: '#0b5cad', values: per.map((p) => p.source) },
              { name: 'Influence lane', color: '#c25e00', values: per.map((p) => p.influence) },
            ]}
          />
        );
      })}
      {currencies.length === 0 && <p className="muted">No credit on won deals in the last eight quarters.</p>}
      <div className="kpis">
        {openTotals.map((t) => (
          <div className="kpi" key={t.currency}>
            <div className="muted small">Credit on open deals (pipeline), {t.currency}</div>
            <div className="value">
              Source lane <Money amount={t.source} currency={t.currency} />
            </div>
            <div className="value">
              Influence lane <Money amount={t.influence} currency={t.currency} />
            </div>
          </div>
        ))}
      </div>
    </>
  );
}

function CreditLineView({ client, id }: ViewProps & { id: string }) {
  const data = useLoad(() => client.request(PortalCreditLineQuery, { id }), [client, id]);
  return (
    <Loaded value={data} what="the credit line">
      {(d) => {
        const a = d.node?.__typename === 'CreditAllocation' ? d.node : null;
        if (!a) {
          return (
            <div className="card" role="alert" data-testid="not-yours">
              <h2>Credit line not found</h2>
              <p>
                There is no credit line with this id among your partner’s credit. <Link to="/portal">Back to my credit</Link>
              </p>
            </div>
          );
        }
        return (
          <article className="card" data-testid="credit-line" data-partner={a.partner?.key ?? ''}>
            <h2>
              {a.lane === 'source' ? 'Source lane' : 'Influence lane'} credit: {a.role}
            </h2>
            <Facts>
              <Fact term="Share of the lane">
                <Percent value={a.share} digits={2} />
              </Fact>
              <Fact term="Credit">
                <Money amount={a.amount} currency={a.currency} />
              </Fact>
              <Fact term="Rule version">
                <RuleVersionBadge number={a.ruleVersion.number} sourceHash={a.ruleVersion.sourceHash} />
              </Fact>
              <Fact term="Computed">
                <DateText value={a.createdAt} withTime />
              </Fact>
            </Facts>
            <h3>Why</h3>
            <Explanation explanation={a.explanation} />
            <RaiseDisputeForm client={client} allocationId={a.id} lane={a.lane} />
            <p>
              <Link to="/portal">Back to my credit</Link>
            </p>
          </article>
        );
      }}
    </Loaded>
  );
}

function Methodology({ setup }: { setup: Setup }) {
  const published = setup.ruleSets.nodes.filter((r) => r.currentVersion);
  if (published.length === 0) return <p>No methodology is published yet.</p>;
  return (
    <>
      {published.map((r) => {
        const v = r.currentVersion!;
        const plain = describeMethodology(v.source);
        return (
          <article key={r.key} className="card" aria-labelledby={`m-${r.key}`} data-testid="methodology">
            <h2 id={`m-${r.key}`}>{plain.title ?? r.name}</h2>
            <Facts>
              <Fact term="Version">
                <RuleVersionBadge number={v.version} sourceHash={v.sourceHash} />
              </Fact>
              <Fact term="In effect">
                from <DateText value={v.effectiveFrom} />
                {v.effectiveTo ? (
                  <>
                    {' '}
                    to <DateText value={v.effectiveTo} />
                  </>
                ) : (
                  ' (no end date)'
                )}
              </Fact>
              <Fact term="Published">
                <DateText value={v.publishedAt} withTime />
              </Fact>
              {plain.owner && <Fact term="Owner">{plain.owner}</Fact>}
            </Facts>
            {(r.description ?? plain.description) && (
              <p>
                <strong>{r.description ?? plain.description}</strong>
              </p>
            )}
            {plain.intro.map((t, i) => (
              <p key={i}>{t}</p>
            ))}
            {plain.lanes.map((lane) => (
              <section key={lane.name}>
                <h3>
                  {lane.name === 'source' ? 'Source lane' : lane.name === 'influence' ? 'Influence lane' : `Lane ${lane.name}`}: up to{' '}
                  {lane.grants} of the deal
                </h3>
                <p>When several rules apply, {lane.hitPolicy}.</p>
                <ol className="steps">
                  {lane.rules.map((rule) => (
                    <li key={rule.name}>
                      <strong>{rule.name}</strong>
                      {rule.priority ? ` (priority ${rule.priority})` : ''}: when <code>{rule.when}</code>, the partner gets the role{' '}
                      <em>{rule.role ?? 'of the lane'}</em>; the credit is {rule.credit}.
                      {rule.note && <div className="muted small">{rule.note}</div>}
                    </li>
                  ))}
                </ol>
                {lane.fallback && <p>{lane.fallback}</p>}
              </section>
            ))}
            {plain.definitions.length > 0 && (
              <>
                <h3>Terms used</h3>
                <Facts>
                  {plain.definitions.map((d) => (
                    <div key={d.name} style={{ display: 'contents' }}>
                      <dt>
                        <code>{d.name}</code>
                      </dt>
                      <dd>
                        {d.note ? `${d.note} ` : ''}
                        <span className="muted small">
                          (<code>{d.means}</code>)
                        </span>
                      </dd>
                    </div>
                  ))}
                </Facts>
              </>
            )}
            <details>
              <summary>The rule text (version {v.version})</summary>
              <pre aria-label={`Rule text of ${r.name} version ${v.version}`}>{v.source}</pre>
            </details>
          </article>
        );
      })}
    </>
  );
}

function Disputes({ client }: ViewProps) {
  const data = useLoad(() => client.request(PortalDisputesQuery), [client]);
  return (
    <Loaded value={data} what="your disputes">
      {(d) => (
        <DataTable data-testid="portal-disputes" caption={`Your disputes (${d.disputes.totalCount})`} columns={DISPUTE_COLUMNS}>
          {d.disputes.nodes.length === 0 && <EmptyRow columns={DISPUTE_COLUMNS.length}>No disputes.</EmptyRow>}
          {d.disputes.nodes.map((x) => (
            <tr key={x.id}>
              <td>
                <DateText value={x.createdAt} withTime />
              </td>
              <td>{x.status}</td>
              <td>{x.reason}</td>
              <td>
                {x.allocation ? (
                  <Link to={`/portal/credit/${encodeURIComponent(x.allocation.id)}`}>
                    {x.allocation.lane} · <Money amount={x.allocation.amount} currency={x.allocation.currency} />
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {x.resolution ?? '—'}
                {x.resolvedAt ? (
                  <>
                    {' '}
                    (<DateText value={x.resolvedAt} />)
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Loaded>
  );
}
