// Shared pieces of the report queries: the period type, the CSV download type
// (reusable by any export query) and the mapping of report errors to the
// API's typed error unions (a DomainRuleError carrying the report's code).
import { ReportError } from '../../reports/errors.js';
import { builder } from '../builder.js';
import { COMMON_ERRORS, DomainRuleError } from '../errors.js';

/** Error types of every report query's result union. */
export const REPORT_ERRORS = [DomainRuleError, ...COMMON_ERRORS];

export const ReportPeriodRef = builder.objectRef<{ key: string; start: string; end: string }>('ReportPeriod').implement({
  description: 'A calendar period in UTC: start inclusive, end exclusive (YYYY-MM-DD).',
  fields: (t) => ({
    key: t.exposeString('key', { description: '"2026-Q1", "2026-03" or "2026-W12".' }),
    start: t.exposeString('start', { description: 'First day (YYYY-MM-DD, inclusive).' }),
    end: t.exposeString('end', { description: 'Day after the last (YYYY-MM-DD, exclusive).' }),
  }),
});

interface CsvDownload {
  filename: string;
  contentType: string;
  header: readonly string[];
  rows: number;
  content: string;
}

export const CsvDownloadType = builder.objectRef<CsvDownload>('CsvDownload').implement({
  description: 'A CSV file (RFC 4180, CRLF, UTF-8): save `content` as `filename`.',
  fields: (t) => ({
    filename: t.exposeString('filename', {
      description: 'A file name to save it as, e.g. "scorecard-default-partner-quarter-2026-01-01-2026-03-31.csv".',
    }),
    contentType: t.exposeString('contentType', { description: 'The MIME type: "text/csv; charset=utf-8".' }),
    header: t.exposeStringList('header', { description: 'The column names, in order (stable; new columns are only appended).' }),
    rows: t.exposeInt('rows', { description: 'Data lines (without the header).' }),
    content: t.exposeString('content', {
      description:
        'The whole file: header line, then one line per row. Text cells that could start a spreadsheet formula are prefixed with an apostrophe.',
    }),
  }),
});

/** Runs a report; its typed errors become members of the field's error union (same `code`). */
export async function reportCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // Same mapping as `scorecard`: the report's own code (RULE_SET_NOT_FOUND, INVALID_INPUT, …) is kept.
    // FX_RATE_MISSING carries the amounts without a rate in `details`: { missingRates: [{ currency, date, opportunities, investments }] }.
    if (err instanceof ReportError)
      throw new DomainRuleError(err.code, err.message, err.missingRates.length ? { missingRates: err.missingRates } : null);
    throw err;
  }
}
