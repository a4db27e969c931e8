// Turns a record of a CRM export into the canonical row of today's format:
// the header is matched against the mapping's source headers, each target
// column takes its source cell (and that cell's line:column), labels become
// keys, dates and numbers become canonical text. Pure: the entity's zod
// schema validates the result exactly as it validates today's files.
import type { CsvRecord } from '../csv.js';
import type { ImportIssue } from '../issues.js';
import { closest } from '../values.js';
import type { EntityMapping } from './schema.js';
import { TARGETS } from './targets.js';
import { normaliseDate, normaliseNumber } from './values.js';

type Position = { line: number; column: number };

export interface CanonicalRow {
  /** Target column -> canonical text. */
  raw: Record<string, string>;
  /** Target column -> where its cell is in the source file. */
  positions: Record<string, Position>;
  /** Cells that could not be normalised (the raw keeps the source text). */
  issues: ImportIssue[];
  /** Target column -> a note for messages about it: the label as exported, when `values` translated it. */
  notes?: Record<string, string>;
}

export interface SourceHeader {
  /** Target column -> index of its source column. */
  index: ReadonlyMap<string, number>;
  /** Number of columns in the source header (every row must have as many). */
  width: number;
  /** The header's names as matched (BOM and spaces removed). */
  names: string[];
  /** Source headers no column is mapped to (ignored by import). */
  unmapped: string[];
  /** Mapped headers that are missing or ambiguous (the file cannot be read). */
  issues: ImportIssue[];
  /** Target columns whose mapped header is missing, with the closest present. */
  missing: { column: string; header: string; closest?: string }[];
}

/** A header cell as matched: BOM and surrounding spaces removed. */
function cleanHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim();
}

/** Matches the export's header line against the mapping. */
export function resolveSourceHeader(mapping: EntityMapping, record: CsvRecord): SourceHeader {
  const headers = record.fields.map(cleanHeader);
  const index = new Map<string, number>();
  const issues: ImportIssue[] = [];
  const missing: SourceHeader['missing'] = [];
  const used = new Set<number>();
  const section = `${mapping.entity}.columns`;
  for (const column of TARGETS[mapping.entity].columns) {
    const header = mapping.columns[column];
    if (header === undefined) continue;
    const wanted = cleanHeader(header);
    const at = headers.flatMap((h, i) => (h === wanted ? [i] : []));
    if (at.length === 0) {
      // Headers other columns are mapped to are not candidates.
      const mappedElsewhere = new Set(
        Object.entries(mapping.columns)
          .filter(([c]) => c !== column)
          .map(([, h]) => cleanHeader(h)),
      );
      // The header most likely meant: by spelling, else one containing it or contained in it (src/domain/closest.ts).
      const guess = closest(
        wanted,
        headers.filter((h) => h !== '' && !mappedElsewhere.has(h)),
      );
      const pos = guess !== undefined ? record.positions[headers.indexOf(guess)]! : { line: record.line, column: 1 };
      missing.push({ column, header: wanted, ...(guess !== undefined ? { closest: guess } : {}) });
      issues.push({
        file: mapping.file,
        line: pos.line,
        column: pos.column,
        field: column,
        message: `the header has no column "${wanted}" (mapped to ${column} in ${section})${guess !== undefined ? `; the closest is "${guess}"` : ''}`,
        hint: `correct ${section}.${column} in ${mapping.mappingFile} to the header as exported${guess !== undefined ? ` (did you mean "${guess}"?)` : ''}, or export that column too`,
      });
      continue;
    }
    if (at.length > 1) {
      const pos = record.positions[at[1]!]!;
      issues.push({
        file: mapping.file,
        line: pos.line,
        column: pos.column,
        field: column,
        message: `the header has "${wanted}" ${at.length} times (columns ${at.map((i) => i + 1).join(', ')}); cannot tell which holds ${column}`,
        hint: 'rename the duplicate columns in the export so each header is unique',
      });
      continue;
    }
    index.set(column, at[0]!);
    used.add(at[0]!);
  }
  const unmapped = headers.filter((h, i) => !used.has(i) && h !== '');
  return { index, width: record.fields.length, names: headers, unmapped, issues, missing };
}

/** The canonical row of a data record (the header resolved without issues). */
export function canonicalRow(mapping: EntityMapping, header: SourceHeader, record: CsvRecord): CanonicalRow {
  const target = TARGETS[mapping.entity];
  const raw: Record<string, string> = {};
  const positions: Record<string, Position> = {};
  const issues: ImportIssue[] = [];
  const notes: Record<string, string> = {};
  for (const column of target.columns) {
    const i = header.index.get(column);
    const cell = i === undefined ? '' : (record.fields[i] ?? '');
    const pos = (i === undefined ? undefined : record.positions[i]) ?? { line: record.line, column: 1 };
    positions[column] = pos;
    const label = cell.trim();
    const key = mapping.values[column]?.[label];
    if (key !== undefined)
      notes[column] = `the export has "${label}", which ${mapping.entity}.values.${column} in ${mapping.mappingFile} maps to "${key}"`;
    let value = key ?? cell;
    const normalised = target.dates.includes(column)
      ? normaliseDate(value, mapping.dates)
      : target.amounts.includes(column)
        ? normaliseNumber(value, mapping.numbers)
        : undefined;
    if (normalised) {
      if (normalised.ok) value = normalised.value;
      else
        issues.push({
          file: mapping.file,
          line: pos.line,
          column: pos.column,
          field: column,
          message: normalised.reason,
          hint: normalised.hint,
        });
    }
    raw[column] = value;
  }
  return { raw, positions, issues, notes };
}

/** The problem with a record whose width differs from the header's, or null. */
export function widthIssue(file: string, record: CsvRecord, width: number, headerText: string): ImportIssue | null {
  if (record.fields.length === width) return null;
  const extra = record.fields.length > width;
  const pos = extra ? record.positions[width]! : record.positions[record.positions.length - 1]!;
  return {
    file,
    line: pos.line,
    column: pos.column,
    message: `the row has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'} but the header has ${width}`,
    hint: extra
      ? 'a value containing a comma must be wrapped in double quotes'
      : `every row needs all of: ${headerText} (empty values are allowed where optional)`,
  };
}
