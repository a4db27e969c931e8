// `importDirectory(db, dir)`: the integrator's first path into the platform.
// Reads any of partners.csv, accounts.csv, opportunities.csv and
// touchpoints.csv from a directory, in that order (later files refer to the
// keys of earlier ones), each file all-or-nothing. With `{ mapping }` the
// entities the mapping covers are read from the CRM's own export files
// through it (src/import/mapping/); the others as today. Reusable by the CLI,
// the GraphQL API and the engine.
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
import type { ImportMapping } from './mapping/schema.js';
import { MAPPED_ENTITIES, TARGETS } from './mapping/targets.js';
import { canonicalSource, mappedSource, type RowSource } from './row-source.js';
import { closest } from './values.js';

/** The import files, in dependency order. */
export const IMPORT_FILES = ['partners.csv', 'accounts.csv', 'opportunities.csv', 'touchpoints.csv'] as const;
type ImportFileName = (typeof IMPORT_FILES)[number];

interface ImportOptions extends ImportFileOptions {
  /** "Now" for plausibility checks (dates in the future); default the current time. */
  now?: Date;
  /** Read the entities it covers from CRM exports (loadMapping in src/import/mapping/schema.ts). */
  mapping?: ImportMapping;
}

/** One file to read: which entity, under which name, how. */
interface PlannedFile {
  canonical: ImportFileName;
  file: string;
  source: (importer: EntityImporter<unknown, unknown>) => RowSource;
}

/** The files an import reads, in dependency order: mapped exports, else today's names. */
function plannedFiles(mapping: ImportMapping | undefined): PlannedFile[] {
  return MAPPED_ENTITIES.map((entity) => {
    const canonical = TARGETS[entity].file as ImportFileName;
    const m = mapping?.entities[entity];
    return m
      ? { canonical, file: m.file, source: () => mappedSource(m) }
      : { canonical, file: canonical, source: (importer) => canonicalSource(importer.file, importer.header, importer.omittable) };
  });
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
    if (!(await stat(directory)).isDirectory())
      throw new ImportInputError(`${directory} is not a directory; pass the directory that holds ${IMPORT_FILES.join(', ')}`);
    entries = await readdir(directory);
  } catch (err) {
    if (err instanceof ImportInputError) throw err;
    throw new ImportInputError(
      `cannot read the directory ${directory}: ${(err as Error).message}. Pass the directory that holds ${IMPORT_FILES.join(', ')}`,
    );
  }
  const present = new Set(entries);
  const plan = plannedFiles(opts.mapping);
  const names = plan.map((p) => p.file);
  const warnings: string[] = [];
  for (const name of entries.filter((e) => e.toLowerCase().endsWith('.csv') && !names.includes(e)).sort()) {
    const guess = closest(name, names);
    warnings.push(
      `ignored ${name}: not an import file${guess && !present.has(guess) ? ` (did you mean ${guess}?)` : ''}; the import reads ${names.join(', ')}`,
    );
  }
  if (!names.some((f) => present.has(f))) {
    throw new ImportInputError(
      `${directory} has none of the import files ${names.join(', ')}${warnings.length ? ` (${warnings.join('; ')})` : ''}`,
    );
  }
  // Hints of the entities name today's files; say the export's name instead.
  const renames = plan.filter((p) => p.file !== p.canonical);
  const rename = (text: string | undefined) => renames.reduce((t, p) => t?.split(p.canonical).join(p.file), text);

  const byFile = importers(opts.now ?? new Date(), await loadVocabulary(db.sql));
  const run = async (sql: Database['sql']) => {
    const files: FileSummary[] = [];
    const rejectedFiles = new Set<string>();
    for (const { canonical, file, source } of plan) {
      if (!present.has(file)) {
        files.push(emptySummary(file, 'absent'));
        continue;
      }
      const importer = byFile[canonical];
      const summary = await importFile(sql, importer, join(directory, file), { rejectedFiles }, opts, source(importer));
      if (summary.status === 'rejected') rejectedFiles.add(canonical);
      if (renames.length > 0) for (const issue of summary.issues) issue.hint = rename(issue.hint);
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
    directory,
    dryRun: Boolean(opts.dryRun),
    ok: files.every((f) => f.status !== 'rejected'),
    files,
    warnings,
    elapsedMs: Math.round(performance.now() - started),
  };
}
