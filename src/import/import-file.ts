// Imports one CSV file: stream, validate, resolve references, upsert — all in
// one transaction. Any bad row rejects the whole file (nothing of it is
// written), but the reader keeps going so the user sees every problem at once.
import { withRollupDelta } from '../engine/report-rollup.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { recordAudit, sqlAuditWriter } from '../audit/record.js';
import { progressBar, type Progress } from '../progress/progress.js';
import type { SqlClient } from '../db/client.js';
import { readCsv } from './csv.js';
import type { EntityImporter, LocatedRow, ResolveContext } from './entity.js';
import { hintOf } from './fields.js';
import type { ImportIssue } from './issues.js';
import { canonicalSource, type RowSource } from './row-source.js';

type FileStatus = 'imported' | 'rejected' | 'absent';

export interface FileSummary {
  file: string;
  status: FileStatus;
  /** Data rows read (the header excluded). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows with at least one problem. */
  rejected: number;
  /** The problems, in file order (at most maxIssuesPerFile). */
  issues: ImportIssue[];
  /** Problems found beyond maxIssuesPerFile. */
  issuesOmitted: number;
}

export interface ImportFileOptions {
  dryRun?: boolean;
  progress?: boolean;
  actor?: string;
  maxIssuesPerFile?: number;
  /** Rows resolved and written per statement (default 1,000). */
  batchSize?: number;
}

/** Thrown inside the file's transaction to roll it back. */
class RejectFile extends Error {}

/** Files at least this large get a progress bar. */
const PROGRESS_MIN_BYTES = 256 * 1024;

export function emptySummary(file: string, status: FileStatus): FileSummary {
  return { file, status, rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, issues: [], issuesOmitted: 0 };
}

/**
 * Imports one file. `source` says how its rows read: today's format by
 * default, or a mapped CRM export (`mappedSource`); messages name `source.file`.
 */
export async function importFile<Row, Ready>(
  sql: SqlClient,
  importer: EntityImporter<Row, Ready>,
  path: string,
  ctx: ResolveContext,
  opts: ImportFileOptions = {},
  source: RowSource = canonicalSource(importer.file, importer.header, importer.omittable),
): Promise<FileSummary> {
  const { file } = source;
  const summary = emptySummary(file, 'imported');
  const maxIssues = opts.maxIssuesPerFile ?? 100;
  const batchSize = opts.batchSize ?? 1_000;
  const addIssue = (issue: ImportIssue) => {
    if (summary.issues.length < maxIssues) summary.issues.push(issue);
    else summary.issuesOmitted++;
  };
  const size = (await stat(path)).size;
  const bar: Progress | undefined = opts.progress && size >= PROGRESS_MIN_BYTES ? progressBar(`import ${file} (bytes)`, size) : undefined;

  let headerBroken = false;
  const work = async (tx: SqlClient) => {
    const seen = new Map<string, number>();
    let batch: LocatedRow<Row>[] = [];
    let headerSeen = false;
    let lastRejectedLine = -1;
    const reject = (line: number) => {
      if (line !== lastRejectedLine) {
        summary.rejected++;
        lastRejectedLine = line;
      }
    };

    const flush = async () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      const { problems, ready } = await importer.resolve(tx, rows, ctx);
      for (const p of problems) {
        const row = rows[p.index]!;
        const pos = row.positions[p.field] ?? { line: row.line, column: 1 };
        addIssue({ file, line: pos.line, column: pos.column, field: p.field, message: p.message, hint: p.hint });
      }
      const badRows = new Set(problems.map((p) => p.index));
      summary.rejected += badRows.size;
      // Once the file is known to be rejected there is no point writing more of it.
      if (summary.rejected === 0) {
        const deals = (await importer.rollupOpportunities?.(tx, ready)) ?? [];
        const counts = await withRollupDelta(tx, null, deals, () => importer.write(tx, ready));
        summary.created += counts.created;
        summary.updated += counts.updated;
        summary.unchanged += counts.unchanged;
      }
    };

    const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
    try {
      for await (const item of readCsv(stream, (n) => bar?.tick(n))) {
        if (item.kind === 'error') {
          const e = item.error;
          if (!headerSeen) {
            headerBroken = true;
            headerSeen = true;
          } else summary.rows++;
          if (!headerBroken || summary.issues.length === 0) addIssue({ file, line: e.line, column: e.column, message: e.message });
          reject(e.recordLine);
          continue;
        }
        const record = item.record;
        if (!headerSeen) {
          headerSeen = true;
          const issues = source.header(record);
          for (const issue of issues) addIssue(issue);
          if (issues.length > 0) headerBroken = true;
          continue;
        }
        summary.rows++;
        // With a wrong header no row can be read reliably: count them, all rejected.
        if (headerBroken) continue;
        const located = source.row(record);
        if ('broken' in located) {
          addIssue(located.broken);
          reject(record.line);
          continue;
        }
        // Cells the mapping could not normalise are reported once, as such.
        for (const issue of located.issues) addIssue(issue);
        const unreadable = new Set(located.issues.map((i) => i.field));
        const parsed = importer.schema.safeParse(located.raw);
        if (!parsed.success || located.issues.length > 0) {
          for (const issue of parsed.success ? [] : parsed.error.issues) {
            const field = String(issue.path[0] ?? importer.keyColumn);
            if (unreadable.has(field)) continue;
            const pos = located.positions[field] ?? { line: record.line, column: 1 };
            const note = located.notes?.[field];
            addIssue({
              file,
              line: pos.line,
              column: pos.column,
              field,
              message: note ? `${issue.message} (${note})` : issue.message,
              hint: hintOf(issue),
            });
          }
          reject(record.line);
          continue;
        }
        const key = importer.keyOf(parsed.data);
        const firstLine = seen.get(key);
        if (firstLine !== undefined) {
          const pos = located.positions[importer.keyColumn]!;
          addIssue({
            file,
            line: pos.line,
            column: pos.column,
            field: importer.keyColumn,
            message: `duplicate ${importer.entity}: the same ${importer.keyColumn === 'external_id' ? 'source and external_id' : 'key'} is already on line ${firstLine}`,
            hint: 'each record may appear once per file; remove or merge the duplicate rows',
          });
          reject(record.line);
          continue;
        }
        seen.set(key, record.line);
        batch.push({ row: parsed.data, line: record.line, positions: located.positions });
        if (batch.length >= batchSize) await flush();
      }
    } finally {
      stream.destroy();
    }
    if (!headerSeen) {
      addIssue({ file, line: 1, column: 1, message: 'the file is empty', hint: source.expectedHeader });
      headerBroken = true;
    }
    if (!headerBroken) await flush();
    if (headerBroken || summary.rejected > 0 || summary.issues.length > 0) throw new RejectFile();
    if (!opts.dryRun) {
      await recordAudit(sqlAuditWriter(tx), {
        actor: opts.actor ?? 'system:import',
        action: 'import.csv',
        entityType: 'import_file',
        entityId: file,
        after: countsOf(summary),
      });
    }
  };

  try {
    await sql.transaction(work);
  } catch (err) {
    if (!(err instanceof RejectFile)) throw err;
    summary.status = 'rejected';
    summary.created = summary.updated = summary.unchanged = 0;
    if (headerBroken) summary.rejected = summary.rows;
    if (!opts.dryRun) {
      await recordAudit(sqlAuditWriter(sql), {
        actor: opts.actor ?? 'system:import',
        action: 'import.csv.rejected',
        entityType: 'import_file',
        entityId: file,
        after: { ...countsOf(summary), firstIssues: summary.issues.slice(0, 10) },
      });
    }
  } finally {
    bar?.done();
  }
  // Reference problems are found per batch, after the row's own checks: report in file order.
  summary.issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return summary;
}

function countsOf(s: FileSummary) {
  return { rows: s.rows, created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected };
}
