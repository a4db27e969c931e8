// The spotlight (governance, partner managers, analysts): per partner,
// channel, action type or partner type, the rule set's current credit beside
// a data-driven model's credit of the same total (the `spotlight` query), with
// the model's bootstrap interval, the sample it saw, a "diverges" flag, and
// the won deals where the two split the credit most differently (linking to
// the dashboard's credit explanation). Filters live in the URL. Partner keys
// never reach it (the shell's viewsFor, and the API refuses them too).
// /spotlight/methodology shows docs/spotlight.md, the one-page explainer.
import { useState } from 'react';
import spotlightDoc from '../../../docs/spotlight.md?raw';
import { expectType } from '../client.js';
import { graphql } from '../gql/index.js';
import type { WebSpotlightQuery, WebSpotlightSetupQuery } from '../gql/graphql.js';
import { SpotlightBars } from '../charts/SpotlightBars.js';
import { type Inline, parseMarkdown } from '../markdown.js';
import {
  dealLink,
  MARKOV_ORDERS,
  SPOTLIGHT_HEURISTICS,
  SPOTLIGHT_LANES,
  SPOTLIGHT_MODELS,
  SPOTLIGHT_RESAMPLES,
  SPOTLIGHT_UNITS,
  type SpotlightFilters,
  spotlightFilters,
  spotlightInput,
  spotlightQuery,
  unitLink,
} from '../spotlight.js';
import type { ViewProps } from '../types.js';
import { Link } from '../ui/link.js';
import { Loaded, useLoad } from '../ui/load.js';
import { Money } from '../ui/money.js';
import { RuleVersionBadge } from '../ui/rule-version.js';
import { DataTable, MoneyCell } from '../ui/table.js';
import { DateField, FilterForm, type Option, SelectField } from '../ui/fields.js';
import { ruleSetOptions } from '../rule-sets.js';

const SetupQuery = graphql(`
  query WebSpotlightSetup {
    ruleSets(first: 100) { nodes { key name currentVersion { version sourceHash } } }
  }
`);

const SpotlightQuery = graphql(`
  query WebSpotlight($input: SpotlightInput!) {
    spotlight(input: $input) {
      __typename
      ... on SpotlightReport {
        ruleSetKey lane model by from to currency resamples seed laneTotal
        sample { journeys conversions value }
        excluded { untouched untouchedWon untouchedWonValue }
        ruleVersions { id number hash }
        rows { unit ruleCredit modelCredit difference low high journeys conversions diverges }
        deals { opportunityKey credit disagreement units { unit ruleCredit modelCredit difference } }
      }
      ... on UserError { code message }
    }
  }
`);

type Report = Extract<WebSpotlightQuery['spotlight'], { __typename?: 'SpotlightReport' }>;
type RuleSets = WebSpotlightSetupQuery['ruleSets']['nodes'];

const ORDER_OPTIONS: ReadonlyArray<Option<number>> = MARKOV_ORDERS.map((o) => ({
  value: o,
  label: `${o} ${o === 1 ? '(remembers the last touch)' : `(remembers ${o} touches)`}`,
}));
const RESAMPLE_OPTIONS: ReadonlyArray<Option<number>> = SPOTLIGHT_RESAMPLES.map((n) => ({ value: n, label: String(n) }));

/** Units drawn in the chart; the table lists them all. */
const CHART_ROWS = 20;

export function Spotlight(props: ViewProps) {
  const { client, route } = props;
  const setup = useLoad(() => client.request(SetupQuery), [client]);
  if (route.segments[1] === 'methodology') return <Methodology />;
  return (
    <section aria-labelledby="spotlight-title">
      <h1 id="spotlight-title">Spotlight: rules beside the data</h1>
      <Explainer />
      <Loaded value={setup} what="the rule sets">
        {(s) => {
          const filters = spotlightFilters(route.query, s.ruleSets.nodes);
          if (!filters)
            return (
              <p data-testid="spotlight-empty">
                No rule set exists yet: create and publish one in the rules workbench or with <code>attrib</code>, run it, then come back.
              </p>
            );
          return <Panel {...props} ruleSets={s.ruleSets.nodes} filters={filters} />;
        }}
      </Loaded>
    </section>
  );
}

function Explainer() {
  return (
    <p className="explainer" data-testid="spotlight-explainer">
      The spotlight puts the credit your published rules give next to what a data-driven model finds in the recorded touches of won and lost
      deals. It is a <strong>spotlight, not a judge</strong>: it never changes anyone's credit. Where a unit is flagged <em>diverges</em>,
      the rules' figure lies outside the range the model's figure moves in when the data is resampled — something for the governance review
      to look at. Credit changes only through a new rule version that is reviewed, tested and published.{' '}
      <Link to="/spotlight/methodology">How the spotlight works, and how to read it</Link>.
    </p>
  );
}

function Panel({ client, navigate, session, ruleSets, filters }: ViewProps & { ruleSets: RuleSets; filters: SpotlightFilters }) {
  const input = spotlightInput(filters);
  const key = spotlightQuery(filters);
  const data = useLoad(
    async () => expectType((await client.request(SpotlightQuery, { input })).spotlight, 'SpotlightReport'),
    [client, key],
  );
  const ruleSetName = ruleSets.find((r) => r.key === filters.ruleSet)?.name ?? filters.ruleSet;
  return (
    <>
      <Filters
        key={key}
        filters={filters}
        ruleSets={ruleSets}
        onApply={(f) => navigate(`/spotlight${spotlightQuery(f)}`, { replace: true })}
      />
      {data.state === 'loading' && data.data === undefined && (
        <p className="muted small">
          The model is fitted to every closed deal and refitted {filters.resamples} times for the interval; this can take a minute.
        </p>
      )}
      <Loaded value={data} what="the spotlight">
        {(report) => <Body report={report} filters={filters} ruleSetName={ruleSetName} canGovern={session.canGovern} />}
      </Loaded>
    </>
  );
}

function Filters({
  filters,
  ruleSets,
  onApply,
}: {
  filters: SpotlightFilters;
  ruleSets: RuleSets;
  onApply: (f: SpotlightFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const set = <K extends keyof SpotlightFilters>(k: K, v: SpotlightFilters[K]) => setDraft({ ...draft, [k]: v });
  return (
    <FilterForm label="Spotlight filters" onApply={() => onApply(draft)}>
      <SelectField
        id="s-ruleset"
        label="Rule set"
        value={draft.ruleSet}
        options={ruleSetOptions(ruleSets)}
        onChange={(v) => set('ruleSet', v)}
      />
      <SelectField id="s-model" label="Model" value={draft.model} options={SPOTLIGHT_MODELS} onChange={(v) => set('model', v)} />
      {draft.model === 'markov' && (
        <SelectField id="s-order" label="Markov order" value={draft.order} options={ORDER_OPTIONS} onChange={(v) => set('order', v)} />
      )}
      {draft.model === 'heuristic' && (
        <SelectField
          id="s-heuristic"
          label="Heuristic"
          value={draft.heuristic}
          options={SPOTLIGHT_HEURISTICS}
          onChange={(v) => set('heuristic', v)}
        />
      )}
      <SelectField id="s-by" label="Credit per" value={draft.by} options={SPOTLIGHT_UNITS} onChange={(v) => set('by', v)} />
      <SelectField id="s-lane" label="Rule lane" value={draft.lane} options={SPOTLIGHT_LANES} onChange={(v) => set('lane', v)} />
      <DateField id="s-from" label="Closed from" value={draft.from} onChange={(v) => set('from', v)} />
      <DateField id="s-to" label="Closed to" value={draft.to} onChange={(v) => set('to', v)} />
      <div>
        <label htmlFor="s-currency">Currency</label>
        <input
          id="s-currency"
          size={5}
          maxLength={3}
          placeholder="any"
          title="Needed only when the deals are in several currencies (e.g. USD)"
          value={draft.currency}
          onChange={(e) => set('currency', e.target.value.toUpperCase())}
        />
      </div>
      <SelectField
        id="s-resamples"
        label="Resamples"
        value={draft.resamples}
        title="How often the data is resampled for the interval: more is steadier, and slower"
        options={RESAMPLE_OPTIONS}
        onChange={(v) => set('resamples', v)}
      />
    </FilterForm>
  );
}

const UNIT_LABEL: Record<SpotlightFilters['by'], string> = {
  partner: 'Partner',
  channel: 'Channel',
  action: 'Action type',
  partner_type: 'Partner type',
};

function Body({
  report,
  filters,
  ruleSetName,
  canGovern,
}: {
  report: Report;
  filters: SpotlightFilters;
  ruleSetName: string;
  canGovern: boolean;
}) {
  const currency = report.currency ?? '';
  const diverging = report.rows.filter((r) => r.diverges).length;
  const period = report.from || report.to ? `closed ${report.from ?? 'any time'} to ${report.to ?? 'today'}` : 'closed at any time';
  const unitLabel = UNIT_LABEL[report.by];
  return (
    <>
      <p
        className="muted"
        data-testid="spotlight-sample"
        data-journeys={report.sample.journeys}
        data-conversions={report.sample.conversions}
      >
        <strong>Sample:</strong> the model saw <strong>{report.sample.journeys.toLocaleString()}</strong> closed deals with touches (
        {period}
        ), <strong>{report.sample.conversions.toLocaleString()}</strong> of them won (
        <Money amount={report.sample.value} currency={currency} /> won value{currency ? ` in ${currency}` : ''});{' '}
        {report.excluded.untouched.toLocaleString()} closed deals without a touch are left out (
        {report.excluded.untouchedWon.toLocaleString()} won, <Money amount={report.excluded.untouchedWonValue} currency={currency} />
        ). Model <strong data-testid="spotlight-model">{report.model}</strong>, interval from {report.resamples} resamples (seed{' '}
        {report.seed}
        ).
      </p>
      <p className="muted" data-testid="rule-versions">
        Rule credit of <strong>{ruleSetName}</strong>, {report.lane} lane (<Money amount={report.laneTotal} currency={currency} /> on these
        deals),{' '}
        {report.ruleVersions.length === 0 ? (
          'from no rule version (no credit yet)'
        ) : (
          <>
            from rule version{report.ruleVersions.length === 1 ? '' : 's'}{' '}
            {report.ruleVersions.map((v) => (
              <RuleVersionBadge key={v.id} number={v.number} sourceHash={v.hash} />
            ))}
          </>
        )}
        . Hover a figure for its exact value.
      </p>
      {report.ruleVersions.length === 0 ? (
        <div className="card" data-testid="spotlight-empty">
          <h2>No current results for {ruleSetName}</h2>
          <p>
            This rule set has no current credit on the won deals {period}, so there is nothing to compare the model with. Publish a version
            of it and run it
            {canGovern ? (
              <>
                {' '}
                in the <Link to="/workbench">rules workbench</Link>
              </>
            ) : (
              ' (ask your governance team)'
            )}{' '}
            or with <code>attrib run {filters.ruleSet}</code>, or choose another rule set or a wider period above.
          </p>
        </div>
      ) : (
        <>
          <p data-testid="spotlight-summary">
            <strong>{diverging}</strong> of {report.rows.length} {unitLabel.toLowerCase()} rows diverge: the rules' credit lies outside the
            model's 95% interval.
          </p>
          <SpotlightBars
            id="chart-spotlight"
            title={`Rule credit vs model credit by ${unitLabel.toLowerCase()}${report.rows.length > CHART_ROWS ? ` (the ${CHART_ROWS} rows listed first)` : ''}`}
            rows={report.rows.slice(0, CHART_ROWS)}
            currency={currency}
          />
          <UnitTable report={report} ruleSet={filters.ruleSet} unitLabel={unitLabel} />
          <DealTable report={report} ruleSet={filters.ruleSet} />
        </>
      )}
    </>
  );
}

function UnitTable({ report, ruleSet, unitLabel }: { report: Report; ruleSet: string; unitLabel: string }) {
  const currency = report.currency ?? '';
  return (
    <>
      <h2 id="spotlight-table-title">Per {unitLabel.toLowerCase()}</h2>
      <p className="muted small">Diverging rows first, then the largest difference. Difference = rule credit − model credit.</p>
      <DataTable
        aria-labelledby="spotlight-table-title"
        data-testid="spotlight-table"
        columns={[
          unitLabel,
          { label: 'Rule credit', num: true },
          { label: 'Model credit', num: true },
          { label: 'Difference', num: true },
          { label: 'Model 95% interval', num: true },
          { label: 'Journeys', num: true, title: 'Closed deals (won or lost) the unit is on' },
          { label: 'Won', num: true, title: 'Won deals the unit is on' },
          'Diverges?',
        ]}
      >
        {report.rows.map((r) => {
          const to = unitLink(report.by, r.unit, ruleSet);
          return (
            <tr key={r.unit} data-unit={r.unit} data-diverges={String(r.diverges)}>
              <th scope="row">{to ? <Link to={to}>{r.unit}</Link> : r.unit}</th>
              <MoneyCell field="ruleCredit" amount={r.ruleCredit} currency={currency} />
              <MoneyCell field="modelCredit" amount={r.modelCredit} currency={currency} />
              <MoneyCell field="difference" amount={r.difference} currency={currency} />
              <td className="num" data-field="interval">
                <span data-part="low">
                  <Money amount={r.low} currency={currency} />
                </span>
                {' – '}
                <span data-part="high">
                  <Money amount={r.high} currency={currency} />
                </span>
              </td>
              <td className="num" data-field="journeys" data-exact={r.journeys}>
                {r.journeys.toLocaleString()}
              </td>
              <td className="num" data-field="conversions" data-exact={r.conversions}>
                {r.conversions.toLocaleString()}
              </td>
              <td data-field="diverges">
                {r.diverges ? (
                  <span className="flag">⚑ diverges</span>
                ) : (
                  <span className="muted">{r.unit === '(no touch)' ? 'not compared' : 'within the interval'}</span>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

function DealTable({ report, ruleSet }: { report: Report; ruleSet: string }) {
  const currency = report.currency ?? '';
  return (
    <>
      <h2 id="spotlight-deals-title">Won deals where the rules and the model split the credit most differently</h2>
      <p className="muted small">
        The records to open in the weekly review: each deal's credit under the rules, how much of it the model would give to other{' '}
        {UNIT_LABEL[report.by].toLowerCase()}s, and the largest gap. Open a deal for its credit explanation.
      </p>
      {report.deals.length === 0 ? (
        <p className="muted" data-testid="spotlight-no-deals">
          No won deal in range where the two split the credit differently.
        </p>
      ) : (
        <DataTable
          aria-labelledby="spotlight-deals-title"
          data-testid="spotlight-deals"
          columns={[
            'Deal',
            { label: 'Rule credit on the deal', num: true },
            { label: 'Credit the model would move', num: true },
            'Largest gap (rules → model)',
          ]}
        >
          {report.deals.map((d) => {
            const gap = d.units[0];
            return (
              <tr key={d.opportunityKey} data-opportunity={d.opportunityKey}>
                <th scope="row">
                  <Link to={dealLink(d.opportunityKey, ruleSet)}>{d.opportunityKey}</Link>
                </th>
                <MoneyCell field="credit" amount={d.credit} currency={currency} />
                <MoneyCell field="disagreement" amount={d.disagreement} currency={currency} />
                <td>
                  {gap ? (
                    <>
                      {gap.unit}: <Money amount={gap.ruleCredit} currency={currency} /> →{' '}
                      <Money amount={gap.modelCredit} currency={currency} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}

/** docs/spotlight.md, the one-page explainer for non-programmers, rendered from its Markdown. */
function Methodology() {
  const blocks = parseMarkdown(spotlightDoc);
  return (
    <section aria-labelledby="spotlight-doc-title" className="prose" data-testid="spotlight-methodology">
      <p>
        <Link to="/spotlight">← Spotlight</Link>
      </p>
      {blocks.map((b, i) => {
        const k = `${b.kind}-${i}`;
        switch (b.kind) {
          case 'heading': {
            const level = Math.min(b.level, 4);
            if (level === 1)
              return (
                <h1 key={k} id="spotlight-doc-title">
                  <Text parts={b.text} />
                </h1>
              );
            if (level === 2)
              return (
                <h2 key={k}>
                  <Text parts={b.text} />
                </h2>
              );
            return (
              <h3 key={k}>
                <Text parts={b.text} />
              </h3>
            );
          }
          case 'paragraph':
            return (
              <p key={k}>
                <Text parts={b.text} />
              </p>
            );
          case 'code':
            return <pre key={k}>{b.text}</pre>;
          case 'list': {
            const items = b.items.map((item, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the text of a static page, never reordered
              <li key={`${k}-${j}`}>
                <Text parts={item} />
              </li>
            ));
            return b.ordered ? <ol key={k}>{items}</ol> : <ul key={k}>{items}</ul>;
          }
          case 'table':
            return (
              <div key={k} className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {b.header.map((c, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the text of a static page, never reordered
                        <th key={`${k}-h${j}`} scope="col">
                          <Text parts={c} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((row, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the text of a static page, never reordered
                      <tr key={`${k}-r${j}`}>
                        {row.map((c, n) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: the text of a static page, never reordered
                          <td key={`${k}-r${j}-${n}`}>
                            <Text parts={c} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          default:
            return null;
        }
      })}
    </section>
  );
}

function Text({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) => {
        const k = `${p.kind}-${i}`;
        if (p.kind === 'code') return <code key={k}>{p.text}</code>;
        if (p.kind === 'strong') return <strong key={k}>{p.text}</strong>;
        if (p.kind === 'em') return <em key={k}>{p.text}</em>;
        return <span key={k}>{p.text}</span>;
      })}
    </>
  );
}
