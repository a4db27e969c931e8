// Scorecard figures: rows of the queries turned into one period's figures
// (rates, ROI, changes) and the currency provenance (or FX_RATE_MISSING).
import { quotient, subtractDecimals } from '../../domain/decimal.js';
import { change } from '../change.js';
import { ReportError, type MissingFxRate } from '../errors.js';
import { isoDate, type Period } from '../periods.js';
import type {
  BaselineRow,
  CoverageRow,
  CurrencyProvenance,
  FactRow,
  FxConversion,
  InvestmentRow,
  RateFigure,
  RoiFigure,
  RuleVersionRef,
  ScorecardChanges,
  ScorecardGroupBy,
  ScorecardInput,
  ScorecardRow,
} from './types.js';

const ZERO = '0.00';

/** A converted deal (or, from the rollup, `count` deals of one currency and day). */
export interface Conversion {
  currency: string;
  day: string;
  rateDay: string | null;
  id: string;
  count?: number;
}

function parseConversions(items: readonly string[]): Conversion[] {
  return items.map((item) => {
    const [currency, day, rateDay, id] = item.split(' ');
    return { currency: currency!, day: day!, rateDay: rateDay === '-' ? null : rateDay!, id: id! };
  });
}

/**
 * What the scorecard converted, per currency; throws FX_RATE_MISSING when any
 * amount that enters a figure has no rate on or before its day: a figure is
 * never computed with an amount dropped or taken at 1.
 */
export function currencyProvenance(
  reporting: string,
  facts: readonly FactRow[],
  investments: readonly InvestmentRow[],
): CurrencyProvenance {
  const deals = new Map<string, Conversion>();
  for (const f of facts) {
    for (const c of parseConversions(f.conversions)) deals.set(c.id, c);
    for (const c of f.rollupConversions ?? []) deals.set(c.id, c);
  }
  const invested = new Map<string, Conversion>();
  for (const i of investments) for (const c of parseConversions(i.conversions)) invested.set(c.id, c);

  const missing = new Map<string, MissingFxRate>();
  const converted = new Map<string, FxConversion>();
  const note = (c: Conversion, kind: 'opportunities' | 'investments') => {
    if (c.rateDay === null) {
      const key = `${c.currency} ${c.day}`;
      const m = missing.get(key) ?? { currency: c.currency, date: c.day, opportunities: 0, investments: 0 };
      m[kind] += c.count ?? 1;
      missing.set(key, m);
      return;
    }
    const x = converted.get(c.currency) ?? {
      currency: c.currency,
      opportunities: 0,
      investments: 0,
      firstRateDate: c.rateDay,
      lastRateDate: c.rateDay,
    };
    x[kind] += c.count ?? 1;
    if (c.rateDay < x.firstRateDate) x.firstRateDate = c.rateDay;
    if (c.rateDay > x.lastRateDate) x.lastRateDate = c.rateDay;
    converted.set(c.currency, x);
  };
  for (const c of deals.values()) note(c, 'opportunities');
  for (const c of invested.values()) note(c, 'investments');

  if (missing.size > 0) {
    const list = [...missing.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
    const byCurrency = new Map<string, MissingFxRate[]>();
    for (const m of list) byCurrency.set(m.currency, [...(byCurrency.get(m.currency) ?? []), m]);
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const parts = [...byCurrency.entries()].map(([currency, ms]) => {
      const deals = ms.reduce((n, m) => n + m.opportunities, 0);
      const inv = ms.reduce((n, m) => n + m.investments, 0);
      const what = [deals ? count(deals, 'deal') : '', inv ? count(inv, 'investment') : ''].filter(Boolean).join(' and ');
      return `${currency} on or before ${ms[0]!.date} (the earliest day lacking one; ${what})`;
    });
    throw new ReportError(
      'FX_RATE_MISSING',
      `no exchange rate to ${reporting} for ${parts.join(', ')}: every amount is converted to the reporting currency and none is dropped or taken at 1. ` +
        `Import the rates with attrib fx import FILE.csv (header currency,date,rate) or the importFxRates mutation, then score again; ` +
        `the hygiene check missing_fx_rate lists the deals.`,
      list,
    );
  }
  return { reporting, converted: [...converted.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}

export function refs(versions: Map<string, RuleVersionRef>, ids: Iterable<string>): RuleVersionRef[] {
  const out: RuleVersionRef[] = [];
  for (const id of ids) {
    const v = versions.get(id);
    if (v) out.push(v);
  }
  return out.sort((a, b) => (a.version ?? Infinity) - (b.version ?? Infinity) || a.id.localeCompare(b.id));
}

type PeriodFigures = Omit<ScorecardRow, 'groupKey' | 'groupLabel' | 'change' | 'ruleVersions'>;

export function figuresOf(
  input: ScorecardInput,
  groupKey: string,
  period: Period,
  f: FactRow | undefined,
  cov: CoverageRow | undefined,
  createdTotal: number,
  inv: InvestmentRow | undefined,
  base: BaselineRow | undefined,
): PeriodFigures {
  void groupKey;
  const sourcedRevenue = f?.sourcedRevenue ?? ZERO;
  const influencedRevenue = f?.influencedRevenue ?? ZERO;
  const withSignals = cov?.withSignals ?? 0;
  return {
    period: period.key,
    periodStart: isoDate(period.start),
    periodEnd: isoDate(period.end),
    sourcedPipeline: f?.sourcedPipeline ?? ZERO,
    influencedPipeline: f?.influencedPipeline ?? ZERO,
    involvedPipeline: f?.involvedPipeline ?? ZERO,
    sourcedRevenue,
    influencedRevenue,
    involvedRevenue: f?.involvedRevenue ?? ZERO,
    winRate: {
      involved: rate(f?.wonInvolved ?? 0, f?.closedInvolved ?? 0),
      other: rate(base?.won ?? 0, base?.closed ?? 0),
    },
    velocity: {
      involved: { days: f?.velocityInvolved ?? null, deals: f?.wonInvolved ?? 0 },
      other: { days: base?.velocity ?? null, deals: base?.won ?? 0 },
    },
    coverage: { opportunities: createdTotal, withSignals, rate: quotient(withSignals, createdTotal, 4, 'half-up') },
    roi: roi(input.groupBy, inv?.amount ?? null, sourcedRevenue, influencedRevenue),
    expansion: f?.expansion ?? { sourced: ZERO, influenced: ZERO, involvedRevenue: ZERO },
    renewal: f?.renewal ?? { sourced: ZERO, influenced: ZERO, involvedRevenue: ZERO },
    timeToInsight: { p50Hours: f?.p50 ?? null, p90Hours: f?.p90 ?? null, samples: f?.ttiSamples ?? 0, stale: f?.ttiStale ?? 0 },
  };
}

function rate(won: number, closed: number): RateFigure {
  return { won, closed, rate: quotient(won, closed, 4, 'half-up') };
}

function roi(groupBy: ScorecardGroupBy, investment: string | null, sourced: string, influenced: string): RoiFigure {
  if (groupBy === 'channel') return { investment: null, sourced: null, influenced: null, reason: 'not_applicable' };
  if (investment === null) return { investment: null, sourced: null, influenced: null, reason: 'no_investment' };
  const s = quotient(sourced, investment, 4, 'half-up');
  if (s === null) return { investment, sourced: null, influenced: null, reason: 'zero_investment' };
  return { investment, sourced: s, influenced: quotient(influenced, investment, 4, 'half-up'), reason: null };
}

export function changesBetween(prior: PeriodFigures, current: PeriodFigures, previousPeriod: string): ScorecardChanges {
  const prevCov = prior.coverage.rate;
  const curCov = current.coverage.rate;
  return {
    previousPeriod,
    sourcedPipeline: change(prior.sourcedPipeline, current.sourcedPipeline),
    influencedPipeline: change(prior.influencedPipeline, current.influencedPipeline),
    sourcedRevenue: change(prior.sourcedRevenue, current.sourcedRevenue),
    influencedRevenue: change(prior.influencedRevenue, current.influencedRevenue),
    coverage: {
      previous: prevCov,
      current: curCov,
      delta: prevCov !== null && curCov !== null ? subtractDecimals(curCov, prevCov, 4, 'half-up') : null,
    },
  };
}
