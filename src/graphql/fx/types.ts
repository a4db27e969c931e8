// Exchange rates over GraphQL: the `FxRate` type, the `fxRates` query
// (internal roles) and the `importFxRates` mutation (admin and governance).
// The service is src/fx/rates.ts: exact decimal rates, idempotent upserts by
// (currency, date), all or nothing, audited as `fx_rate.import`.
import { actorOf } from '../../auth/principal.js';
import { FxError, importFxRates, listFxRates, type FxImportResult, type FxRateRecord } from '../../fx/rates.js';
import { InputValidationError } from '../../ingest/index.js';
import { builder } from '../builder.js';
import { inputMutation } from '../common/mutation.js';
import { isoDate } from '../../db/timestamps.js';

/** Service errors as the API's typed validation error (paths like `rates.2.rate`). */
async function fxCall<T>(fn: () => Promise<T>, path: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FxError) {
      throw new InputValidationError(
        err.issues.length
          ? err.issues.map((i) => ({ path: `${path}.${i.index}.${i.field}`, message: i.message }))
          : [{ path: '', message: err.message }],
      );
    }
    throw err;
  }
}

const FxRateRef = builder.objectRef<FxRateRecord>('FxRate').implement({
  description: 'An exchange rate: `rate` units of the reporting currency (ATTRIB_REPORTING_CURRENCY) per unit of `currency` on `date`.',
  fields: (t) => ({
    currency: t.exposeString('currency', { description: 'ISO 4217 code.' }),
    date: t.field({
      type: 'Date',
      description: 'The day the rate is for (YYYY-MM-DD); it also serves later days without a rate of their own.',
      resolve: (r) => r.date,
    }),
    rate: t.field({ type: 'Decimal', description: 'Exact decimal, up to 10 places.', resolve: (r) => r.rate }),
    updatedAt: t.field({ type: 'DateTime', description: 'When the rate was last written (ISO 8601, UTC).', resolve: (r) => r.updatedAt }),
  }),
});

const FxRateInput = builder.inputType('FxRateInput', {
  description: 'One exchange rate for one currency and day.',
  fields: (t) => ({
    currency: t.string({ required: true, description: 'ISO 4217 code, e.g. "EUR".' }),
    date: t.field({ type: 'Date', required: true, description: 'The day (YYYY-MM-DD).' }),
    rate: t.field({
      type: 'Decimal',
      required: true,
      description: 'Units of the reporting currency per unit of `currency` on `date`, positive, at most 10 places, e.g. "1.0842".',
    }),
  }),
});

const ImportFxRatesInput = builder.inputType('ImportFxRatesInput', {
  description: 'Exchange rates to upsert.',
  fields: (t) => ({
    rates: t.field({ type: [FxRateInput], required: true, description: 'One rate per currency and day.' }),
  }),
});

const ImportFxRatesPayload = builder.objectRef<FxImportResult>('ImportFxRatesPayload').implement({
  description: 'What the import did, per rate.',
  fields: (t) => ({
    rates: t.exposeInt('rates', { description: 'Rates given.' }),
    created: t.exposeInt('created', { description: 'Rates for a currency and day that had none.' }),
    updated: t.exposeInt('updated', { description: 'Rates that replaced a different stored rate for the same currency and day.' }),
    unchanged: t.exposeInt('unchanged', { description: 'Rates equal to the stored ones (a re-import changes nothing).' }),
  }),
});

builder.queryField('fxRates', (t) =>
  t.field({
    type: [FxRateRef],
    description: 'The stored exchange rates, by currency and day (at most 10,000).',
    authScopes: { readInternal: true },
    complexity: 20,
    errors: {
      types: [InputValidationError],
      union: { name: 'FxRatesResult', description: 'The rates, or why the arguments were refused.' },
      result: { description: 'The stored rates that match.' },
      dataField: { description: 'The rates, by currency then day.' },
    },
    args: {
      currency: t.arg.string({ required: false, description: 'Only this currency (ISO 4217 code).' }),
      from: t.arg({ type: 'Date', required: false, description: 'First day, inclusive.' }),
      to: t.arg({ type: 'Date', required: false, description: 'Last day, inclusive.' }),
    },
    resolve: (_r, args, ctx) =>
      fxCall(
        () =>
          listFxRates(ctx.db.sql, {
            currency: args.currency ?? undefined,
            from: args.from ? isoDate(args.from) : undefined,
            to: args.to ? isoDate(args.to) : undefined,
            limit: 10_000,
          }),
        'fxRates',
      ),
  }),
);

inputMutation('importFxRates', {
  payload: ImportFxRatesPayload,
  description:
    'Upsert exchange rates by (currency, date): all or nothing, audited; re-importing the same rates changes nothing. Scorecards convert deals with them.',
  authScopes: { govern: true },
  errors: { types: [InputValidationError], union: 'What the import did, or every invalid rate (nothing is written then).' },
  input: { type: ImportFxRatesInput, description: 'The rates.' },
  resolve: (input, ctx) =>
    fxCall(
      () =>
        importFxRates(
          ctx.db.sql,
          input.rates.map((r) => ({
            currency: r.currency,
            date: isoDate(r.date),
            rate: r.rate,
          })),
          actorOf(ctx.principal!),
        ),
      'input.rates',
    ),
});
