// `attrib mapping check`: reads a mapping and the export files of a directory
// without a database and reports, in one pass, everything an import through
// the mapping would trip over: missing files and headers, labels that are
// neither mapped nor a known key (with the fix), dates and amounts that do not
// parse. `FileCheck` is pure (push CSV items, read the report);
// `checkMappingDirectory` does the I/O.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_VOCABULARY, type TaxonomyKind, type Vocabulary } from '../../domain/taxonomy.js';
import { readCsv, type CsvItem } from '../csv.js';
import { checkHeader } from '../header.js';
import { closest, parseInstant, parseMoney } from '../values.js';
import { canonicalRow, resolveSourceHeader, widthIssue, type SourceHeader } from './record.js';
import type { EntityMapping, ImportMapping } from './schema.js';
import { MAPPED_ENTITIES, TARGETS, type MappedEntity } from './targets.js';

interface Located {
  line: number;
  column: number;
}

interface UnknownValue {
  /** Target column: type, tier, stage, action, channel. */
  field: string;
  /** The taxonomy kind the key must be in, or null for a fixed list (opportunity type). */
  kind: TaxonomyKind | null;
  /** The value as written in the export. */
  value: string;
  /** The key the mapping's `values` turns it into, when it does (an unknown key). */
  mappedTo?: string;
  count: number;
  first: Located;
  /** What to do, in words. */
  suggestion: string;
  /** A `values` entry that fixes it, when one would. */
  valuesEntry?: { path: string; label: string; key: string };
  /** A command that adds the missing key, when the kind is a taxonomy. */
  command?: string;
}

interface BadCells {
  field: string;
  what: 'date' | 'amount';
  count: number;
  first: Located & { value: string; message: string; hint?: string };
}

interface FileCheckReport {
  entity: MappedEntity;
  /** The file read: the mapping's, or today's name when the mapping has no section for the entity. */
  file: string;
  mapped: boolean;
  found: boolean;
  rows: number;
  /** Source headers no column is mapped to (the import ignores them). */
  unmappedHeaders: string[];
  /** Mapped headers that are not in the file. */
  missingHeaders: { column: string; header: string; closest?: string }[];
  /** Other problems that stop the file being read: CSV syntax, a duplicated header, rows of the wrong width. */
  readProblems: { count: number; first?: Located & { message: string } };
  unknownValues: UnknownValue[];
  badCells: BadCells[];
  /** Number of things to fix in this file. */
  problems: number;
}

interface MappingCheckReport {
  mapping: string;
  directory: string;
  ok: boolean;
  files: FileCheckReport[];
  /** CSV files in the directory that no entity reads. */
  ignoredFiles: string[];
}

/** "Needs Analysis" -> "needs_analysis": a taxonomy key for a label. */
export function keyForLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The known key a label most likely means: by spelling, else a key all of whose words are in the label. */
export function suggestKey(label: string, keys: readonly string[]): string | undefined {
  const near = closest(label, keys);
  if (near) return near;
  const words = new Set(keyForLabel(label).split('_'));
  const contained = keys.filter((k) => k.split('_').every((w) => words.has(w)));
  return contained.sort((a, b) => b.length - a.length)[0];
}

/** The mapping of an entity the mapping has no section for: today's header, as is. */
function identityMapping(entity: MappedEntity, mappingFile: string): EntityMapping {
  const target = TARGETS[entity];
  return {
    entity,
    file: target.file,
    columns: Object.fromEntries(target.columns.map((c) => [c, c])),
    values: {},
    dates: {},
    numbers: {},
    mappingFile,
  };
}

/** Checks one export file through its mapping: push every CSV item, then `report()`. */
class FileCheck {
  private header: SourceHeader | undefined;
  private rows = 0;
  private readonly read: { count: number; first?: Located & { message: string } } = { count: 0 };
  private readonly unknown = new Map<string, UnknownValue>();
  private readonly bad = new Map<string, BadCells>();

  constructor(
    private readonly mapping: EntityMapping,
    private readonly mapped: boolean,
    private readonly vocabulary: Vocabulary = DEFAULT_VOCABULARY,
  ) {}

  private readProblem(at: Located, message: string): void {
    this.read.count++;
    this.read.first ??= { ...at, message };
  }

  push(item: CsvItem): void {
    if (item.kind === 'error') {
      if (this.header) this.rows++;
      this.readProblem(item.error, item.error.message);
      return;
    }
    const record = item.record;
    if (!this.header) {
      this.header = resolveSourceHeader(this.mapping, record);
      const missing = new Set(this.header.missing.map((m) => m.column));
      for (const issue of this.header.issues.filter((i) => !missing.has(i.field!))) this.readProblem(issue, issue.message);
      // Without a section the file is in today's format, whose header must be exact (order included).
      const exact = this.mapped ? null : checkHeader(this.mapping.file, record, TARGETS[this.mapping.entity].columns);
      if (exact && missing.size === 0) this.readProblem(exact, exact.message);
      return;
    }
    const header: SourceHeader = this.header;
    this.rows++;
    const width = widthIssue(this.mapping.file, record, header.width, header.names.join(','));
    if (width) {
      this.readProblem(width, width.message);
      return;
    }
    const row = canonicalRow(this.mapping, header, record);
    const target = TARGETS[this.mapping.entity];
    for (const issue of row.issues) {
      const field = issue.field!;
      const idx: number = header.index.get(field)!;
      this.badCell(
        field,
        target.dates.includes(field) ? 'date' : 'amount',
        { line: issue.line, column: issue.column },
        record.fields[idx]!.trim(),
        issue.message,
        issue.hint,
      );
    }
    const failed = new Set(row.issues.map((i) => i.field));
    // What the entity would say about the canonical text (empty cells are the entity's business).
    for (const field of [...target.dates, ...target.amounts]) {
      const text = row.raw[field]!.trim();
      if (failed.has(field) || text === '' || !header.index.has(field)) continue;
      const parsed = target.dates.includes(field) ? parseInstant(text) : parseMoney(text);
      if (!parsed.ok)
        this.badCell(
          field,
          target.dates.includes(field) ? 'date' : 'amount',
          row.positions[field]!,
          record.fields[header.index.get(field)!]!.trim(),
          parsed.reason,
          parsed.hint,
        );
    }
    for (const [field, source] of Object.entries(target.vocabulary)) {
      const idx = header.index.get(field);
      if (idx === undefined) continue;
      const label = record.fields[idx]!.trim();
      if (label === '') continue;
      const mappedTo = this.mapping.values[field]?.[label];
      const key = mappedTo ?? label;
      const known = 'taxonomy' in source ? this.vocabulary.isActive(source.taxonomy, key) : source.fixed.includes(key);
      if (known) continue;
      const id = `${field}\u0000${label}`;
      const seen = this.unknown.get(id);
      if (seen) {
        seen.count++;
        continue;
      }
      this.unknown.set(id, this.describeUnknown(field, source, label, mappedTo, row.positions[field]!));
    }
  }

  private badCell(field: string, what: 'date' | 'amount', at: Located, value: string, message: string, hint: string | undefined): void {
    const seen = this.bad.get(field);
    if (seen) {
      seen.count++;
      return;
    }
    this.bad.set(field, { field, what, count: 1, first: { ...at, value, message, ...(hint ? { hint } : {}) } });
  }

  private describeUnknown(
    field: string,
    source: (typeof TARGETS)[MappedEntity]['vocabulary'][string],
    label: string,
    mappedTo: string | undefined,
    first: Located,
  ): UnknownValue {
    const kind = 'taxonomy' in source ? source.taxonomy : null;
    const keys = 'taxonomy' in source ? this.vocabulary.keys(source.taxonomy) : [...source.fixed];
    const noun = 'taxonomy' in source ? (kind === 'opportunity-stage' ? 'opportunity stage' : kind!.replace('-', ' ')) : source.noun;
    const path = `${this.mapping.entity}.values.${field}`;
    const base = { field, kind, value: label, ...(mappedTo !== undefined ? { mappedTo } : {}), count: 1, first };
    const written = mappedTo ?? label;
    const guess = suggestKey(written, keys);
    if (!this.mapped) {
      // Today's format takes keys only; a values entry needs a section for the entity.
      return {
        ...base,
        suggestion: `${guess ? `did you mean ${guess}? ` : ''}${this.mapping.file} is in today's format, which takes keys only: write ${guess ?? `one of ${keys.join(', ')}`}, or give ${this.mapping.entity} a section in the mapping to map labels`,
      };
    }
    if (guess) {
      return {
        ...base,
        valuesEntry: { path, label, key: guess },
        suggestion:
          mappedTo !== undefined
            ? `${path} maps "${label}" to "${mappedTo}", which is not a known ${noun}; did you mean "${guess}"?`
            : `did you mean ${guess}? Add to ${path}: "${label}": ${guess}`,
      };
    }
    if (kind === null) {
      return { ...base, suggestion: `"${written}" is not a known ${noun}: map it in ${path} to one of ${keys.join(', ')}` };
    }
    const key = mappedTo ?? keyForLabel(label);
    const command = `attrib taxonomy add ${kind} ${key}${kind === 'opportunity-stage' ? ' --outcome open|won|lost' : ''}`;
    return {
      ...base,
      command,
      ...(mappedTo === undefined && key !== label ? { valuesEntry: { path, label, key } } : {}),
      suggestion: `not a known ${noun}: map it in ${path} to one of ${keys.join(', ')}, or add the key with \`${command}\`${key !== label && mappedTo === undefined ? ` and add to ${path}: "${label}": ${key}` : ''}`,
    };
  }

  report(found = true): FileCheckReport {
    const missingHeaders = this.header?.missing ?? [];
    if (found && !this.header) this.readProblem({ line: 1, column: 1 }, 'the file is empty');
    const unknownValues = [...this.unknown.values()];
    const badCells = [...this.bad.values()];
    return {
      entity: this.mapping.entity,
      file: this.mapping.file,
      mapped: this.mapped,
      found,
      rows: this.rows,
      unmappedHeaders: this.header?.unmapped ?? [],
      missingHeaders,
      readProblems: this.read,
      unknownValues,
      badCells,
      problems: (found ? 0 : this.mapped ? 1 : 0) + missingHeaders.length + this.read.count + unknownValues.length + badCells.length,
    };
  }
}

interface CheckOptions {
  /** The taxonomy in force (default: the built-in defaults); pass the database's once it has one. */
  vocabulary?: Vocabulary;
}

/** Checks the export files in `dir` against `mapping`, reading them once each. No database. */
export async function checkMappingDirectory(mapping: ImportMapping, dir: string, opts: CheckOptions = {}): Promise<MappingCheckReport> {
  const directory = resolve(dir);
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (err) {
    throw new Error(`cannot read the directory ${directory}: ${(err as Error).message}. Pass the directory that holds the export files`);
  }
  const files: FileCheckReport[] = [];
  for (const entity of MAPPED_ENTITIES) {
    const m = mapping.entities[entity];
    const effective = m ?? identityMapping(entity, mapping.source);
    const check = new FileCheck(effective, m !== undefined, opts.vocabulary);
    if (!entries.includes(effective.file)) {
      files.push(check.report(false));
      continue;
    }
    const stream = createReadStream(join(directory, effective.file), { highWaterMark: 256 * 1024 });
    try {
      for await (const item of readCsv(stream)) check.push(item);
    } finally {
      stream.destroy();
    }
    files.push(check.report(true));
  }
  const read = new Set(files.map((f) => f.file));
  const ignoredFiles = entries.filter((e) => e.toLowerCase().endsWith('.csv') && !read.has(e)).sort();
  return {
    mapping: mapping.source,
    directory,
    ok: files.every((f) => f.problems === 0) && files.some((f) => f.found),
    files,
    ignoredFiles,
  };
}

/** The report for a terminal. */
export function formatMappingCheck(report: MappingCheckReport): string {
  const out: string[] = [`Mapping ${report.mapping} against ${report.directory}`, ''];
  for (const f of report.files) {
    const title = `${f.entity} ← ${f.file}${f.mapped ? '' : " (not in the mapping: today's format)"}`;
    if (!f.found) {
      out.push(`${title}: missing${f.mapped ? ` — export it into the directory, or correct ${f.entity}.file` : ''}`, '');
      continue;
    }
    out.push(
      `${title}: found, ${f.rows} row${f.rows === 1 ? '' : 's'}${f.problems === 0 ? ', clean' : `, ${f.problems} problem${f.problems === 1 ? '' : 's'}`}`,
    );
    if (f.unmappedHeaders.length > 0)
      out.push(`  unmapped headers (ignored by import): ${f.unmappedHeaders.map((h) => `"${h}"`).join(', ')}`);
    for (const h of f.missingHeaders) {
      out.push(`  missing header "${h.header}" (${f.entity}.columns.${h.column})${h.closest ? ` — did you mean "${h.closest}"?` : ''}`);
    }
    if (f.readProblems.count > 0) {
      const p = f.readProblems.first!;
      out.push(
        `  ${f.readProblems.count} unreadable row${f.readProblems.count === 1 ? '' : 's'} or header problem${f.readProblems.count === 1 ? '' : 's'}, first at ${f.file}:${p.line}:${p.column}: ${p.message}`,
      );
    }
    if (f.unknownValues.length > 0) {
      out.push('  values that are neither mapped nor a known key:');
      const rows = f.unknownValues.map((u) => [
        u.field,
        `"${u.value}"${u.mappedTo !== undefined ? ` → ${u.mappedTo}` : ''}`,
        `×${u.count}`,
        `line ${u.first.line}`,
        u.suggestion,
      ]);
      out.push(...table(rows, '    '));
    }
    for (const b of f.badCells) {
      out.push(
        `  ${b.count} ${b.what} cell${b.count === 1 ? '' : 's'} in ${b.field} that do${b.count === 1 ? 'es' : ''} not parse, first at ${f.file}:${b.first.line}:${b.first.column}: ${b.first.message}${b.first.hint ? ` — ${b.first.hint}` : ''}`,
      );
    }
    out.push('');
  }
  if (report.ignoredFiles.length > 0) out.push(`Ignored (no entity reads them): ${report.ignoredFiles.join(', ')}`, '');
  const total = report.files.reduce((n, f) => n + f.problems, 0);
  out.push(
    report.ok
      ? `Clean: \`attrib import ${report.directory} --mapping ${report.mapping}\` will read these files (references and other values are checked by the import; try --dry-run).`
      : total === 0
        ? 'None of the files is in the directory: nothing to import.'
        : `${total} problem${total === 1 ? '' : 's'} to fix before importing: correct the mapping or the export as suggested above, then run the check again.`,
  );
  return out.join('\n');
}

function table(rows: string[][], indent: string): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map(
    (r) =>
      indent +
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}
