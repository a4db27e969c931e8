// `importDirectory(db, dir)`: the integrator's first path into the platform.
// Reads any of partners.csv, accounts.csv, opportunities.csv and
// touchpoints.csv from a directory, in that order (later files refer to the
// keys of earlier ones), each file all-or-nothing. Reusable by the CLI, the
// GraphQL API and the engine.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Database } from '../db/client.js';
import type { Vocabulary } from '../domain/taxonomy.js';
import { loadVocabulary } from '../taxonomy/store.js';
import type { EntityImporter } from './entity.js';
import { accountsImporter } from './entities/accounts.js';
import { opportunitiesImporter } from './entities/opportunities.js';
import { partnersImporter } from './entities/partners.js';
import { touchpointsImporter } from './entities/touchpoints.js';
import { emptySummary, importFile, type FileSummary, type ImportFileOptions } from './import-file.js';
import { closest } from './values.js';

/** The import files, in dependency order. */
export const IMPORT_FILES = ['partners.csv', 'accounts.csv', 'opportunities.csv', 'touchpoints.csv'] as const;
export type ImportFileName = (typeof IMPORT_FILES)[number];

export interface ImportOptions extends ImportFileOptions {
  /** "Now" for plausibility checks (dates in the future); default the current time. */
  now?: Date;
}

export interface ImportSummary {
  directory: string;
  dryRun: boolean;
  /** True when no file was rejected. */
  ok: boolean;
  /** One entry per known file name, in import order; absent files have status "absent". */
  files: FileSummary[];
  /** Things that were not errors but deserve a look (ignored files). */
  warnings: string[];
  elapsedMs: number;
}

/** The directory cannot be imported at all (missing, not a directory, no import files). */
export class ImportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}

class DryRunRollback extends Error {}

function importers(now: Date, vocabulary: Vocabulary): Record<ImportFileName, EntityImporter<unknown, unknown>> {
  return {
    'partners.csv': partnersImporter(vocabulary) as EntityImporter<unknown, unknown>,
    'accounts.csv': accountsImporter as EntityImporter<unknown, unknown>,
    'opportunities.csv': opportunitiesImporter(now, vocabulary) as EntityImporter<unknown, unknown>,
    'touchpoints.csv': touchpointsImporter(now, vocabulary) as EntityImporter<unknown, unknown>,
  };
}

export async function importDirectory(db: Pick<Database, 'sql'>, dir: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const directory = resolve(dir);
  let entries: string[];
  try {
    if (!(await stat(directory)).isDirectory()) throw new ImportInputError(`${directory} is not a directory; pass the directory that holds ${IMPORT_FILES.join(', ')}`);
    entries = await readdir(directory);
  } catch (err) {
    if (err instanceof ImportInputError) throw err;
    throw new ImportInputError(`cannot read the directory ${directory}: ${(err as Error).message}. Pass the directory that holds ${IMPORT_FILES.join(', ')}`);
  }
  const present = new Set(entries);
  const warnings: string[] = [];
  for (const name of entries.filter((e) => e.toLowerCase().endsWith('.csv') && !(IMPORT_FILES as readonly string[]).includes(e)).sort()) {
    const guess = closest(name, IMPORT_FILES);
    warnings.push(`ignored ${name}: not an import file${guess && !present.has(guess) ? ` (did you mean ${guess}?)` : ''}; the import reads ${IMPORT_FILES.join(', ')}`);
  }
  if (!IMPORT_FILES.some((f) => present.has(f))) {
    throw new ImportInputError(`${directory} has none of the import files ${IMPORT_FILES.join(', ')}${warnings.length ? ` (${warnings.join('; ')})` : ''}`);
  }

  const byFile = importers(opts.now ?? new Date(), await loadVocabulary(db.sql));
  const run = async (sql: Database['sql']) => {
    const files: FileSummary[] = [];
    const rejectedFiles = new Set<string>();
    for (const file of IMPORT_FILES) {
      if (!present.has(file)) { files.push(emptySummary(file, 'absent')); continue; }
      const summary = await importFile(sql, byFile[file], join(directory, file), { rejectedFiles }, opts);
      if (summary.status === 'rejected') rejectedFiles.add(file);
      files.push(summary);
    }
    return files;
  };

  let files: FileSummary[];
  if (opts.dryRun) {
    // Everything runs in one transaction that is rolled back, so later files
    // still see the rows earlier files would have written.
    let captured: FileSummary[] = [];
    try {
      await db.sql.transaction(async (sql) => {
        captured = await run(sql);
        throw new DryRunRollback();
      });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    files = captured;
  } else {
    files = await run(db.sql);
    // Fresh planner statistics after a bulk load: PGlite has no autovacuum, and
    // without them the engine's fact queries scan whole tables.
    if (files.some((f) => f.status !== 'rejected')) await db.sql.exec('ANALYZE');
  }
  return {
    directory, dryRun: Boolean(opts.dryRun), ok: files.every((f) => f.status !== 'rejected'), files, warnings,
    elapsedMs: Math.round(performance.now() - started),
  };
}
