// Shared pieces of the report queries: the period type, the CSV download type
// (reusable by any export query) and the mapping of report errors to typed
// GraphQL errors (extensions.code).
import { GraphQLError } from 'graphql';
import { InputValidationError } from '../../ingest/issues.js';
import { ReportError } from '../../reports/errors.js';
import { builder } from '../builder.js';

export const ReportPeriodRef = builder.objectRef<{ key: string; start: string; end: string }>('ReportPeriod').implement({
  description: 'A calendar period in UTC: start inclusive, end exclusive (YYYY-MM-DD).',
  fields: (t) => ({
    key: t.exposeString('key', { description: '"2026-Q1", "2026-03" or "2026-W12".' }),
    start: t.exposeString('start'),
    end: t.exposeString('end'),
  }),
});

export interface CsvDownload { filename: string; contentType: string; header: readonly string[]; rows: number; content: string }

export const CsvDownloadType = builder.objectRef<CsvDownload>('CsvDownload').implement({
  description: 'A CSV file (RFC 4180, CRLF, UTF-8): save `content` as `filename`.',
  fields: (t) => ({
    filename: t.exposeString('filename'),
    contentType: t.exposeString('contentType'),
    header: t.exposeStringList('header', { description: 'The column names, in order (stable; new columns are only appended).' }),
    rows: t.exposeInt('rows', { description: 'Data lines (without the header).' }),
    content: t.exposeString('content'),
  }),
});

/** Runs a report; its typed errors become GraphQL errors carrying the same `code`. */
export async function reportCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ReportError) {
      throw new GraphQLError(err.message, { extensions: { code: err.code } });
    }
    if (err instanceof InputValidationError) {
      throw new GraphQLError(err.message, { extensions: { code: err.code, issues: err.issues } });
    }
    throw err;
  }
}
