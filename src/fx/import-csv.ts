// `attrib fx import FILE.csv`: rates from a CSV file with the header exactly
// `currency,date,rate`. The file goes through the import pipeline of
// `attrib import` (src/import/import-file.ts): streamed through the RFC-4180
// reader (BOM, CRLF, quoted fields), every problem reported as
// file:line:column, all or nothing in one transaction with its audit event
// (`import.csv`, entity the file name), a progress bar for large files.
import { basename } from 'node:path';
import { z } from 'zod';
import type { SqlClient } from '../db/client.js';
import type { EntityImporter } from '../import/entity.js';
import { cell } from '../import/fields.js';
import { importFile, type FileSummary } from '../import/import-file.js';
import { parseFxCurrency, parseFxDate, parseRate, upsertFxRates, type FxRateRow } from './rates.js';

export const FX_CSV_HEADER = ['currency', 'date', 'rate'] as const;

/** The importer of one rates file (named as the user named it, for messages and the audit event). */
function fxRatesImporter(file: string): EntityImporter<FxRateRow, FxRateRow> {
  return {
    file,
    entity: 'rate',
    header: FX_CSV_HEADER,
    schema: z.object({
      currency: cell(parseFxCurrency),
      date: cell(parseFxDate),
      rate: cell(parseRate),
    }),
    // One rate per currency and day in a file: a second one is reported at its date cell.
    keyOf: (r) => `${r.currency} ${r.date}`,
    keyColumn: 'date',
    async resolve(_sql, rows) {
      return { problems: [], ready: rows.map((r) => r.row) };
    },
    write: (sql, ready) => upsertFxRates(sql, ready),
  };
}

interface FxImportFileOptions {
  actor: string;
  dryRun?: boolean;
  progress?: boolean;
}

class DryRunRollback extends Error {}

/**
 * Imports one rates file; the summary says imported or rejected, with every
 * issue. A dry run does the same work in a transaction that is rolled back.
 */
export async function importFxRateFile(sql: SqlClient, path: string, opts: FxImportFileOptions): Promise<FileSummary> {
  const run = (tx: SqlClient) =>
    importFile(
      tx,
      fxRatesImporter(basename(path)),
      path,
      { rejectedFiles: new Set() },
      {
        actor: opts.actor,
        dryRun: opts.dryRun,
        progress: opts.progress,
      },
    );
  if (!opts.dryRun) return run(sql);
  let summary: FileSummary | undefined;
  try {
    await sql.transaction(async (tx) => {
      summary = await run(tx);
      throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return summary!;
}
